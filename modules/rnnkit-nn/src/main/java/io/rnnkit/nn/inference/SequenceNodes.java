package io.rnnkit.nn.inference;

/** The nodes that reshape sequences: last valid step, pooling over steps, reversal in time. */
final class SequenceNodes {
    private SequenceNodes() {
    }

    /** DL4J's {@code LastTimeStep}: each sequence's last valid step as a vector. */
    static final class LastStep extends Node {
        LastStep(String name) {
            super(name);
        }

        @Override
        Values forward(Values[] inputs, Object state, Scratch scratch) {
            Values in = inputs[0];
            float[][] out = new float[in.batch][];
            for (int b = 0; b < in.batch; b++) {
                out[b] = in.rows[(in.lens[b] - 1) * in.batch + b];
            }
            return Values.vector(in.batch, in.size, out);
        }
    }

    /** DL4J's global pooling over the valid steps (the mask's semantics). */
    static final class Pooling extends Node {
        enum Mode { MAX, AVG, SUM, PNORM }

        private final Mode mode;
        private final int pnorm;

        Pooling(String name, Mode mode, int pnorm) {
            super(name);
            this.mode = mode;
            this.pnorm = pnorm;
        }

        @Override
        String notCausal() {
            return name + " pools over all steps";
        }

        @Override
        Values forward(Values[] inputs, Object state, Scratch scratch) {
            Values in = inputs[0];
            int n = in.size;
            float[][] out = new float[in.batch][];
            for (int b = 0; b < in.batch; b++) {
                int len = in.lens[b];
                double[] acc = new double[n];
                if (mode == Mode.MAX) {
                    java.util.Arrays.fill(acc, Double.NEGATIVE_INFINITY);
                }
                for (int t = 0; t < len; t++) {
                    float[] r = in.rows[t * in.batch + b];
                    for (int j = 0; j < n; j++) {
                        switch (mode) {
                            case MAX -> acc[j] = Math.max(acc[j], r[j]);
                            case AVG, SUM -> acc[j] += r[j];
                            case PNORM -> acc[j] += Math.pow(Math.abs(r[j]), pnorm);
                            default -> throw new IllegalStateException(mode.name());
                        }
                    }
                }
                float[] o = new float[n];
                for (int j = 0; j < n; j++) {
                    o[j] = (float) switch (mode) {
                        case AVG -> acc[j] / len;
                        case PNORM -> Math.pow(acc[j], 1.0 / pnorm);
                        default -> acc[j];
                    };
                }
                out[b] = o;
            }
            return Values.vector(in.batch, n, out);
        }
    }

    /** DL4J's {@code ReverseTimeSeriesVertex}: each sequence's valid steps in reverse order. */
    static final class Reverse extends Node {
        Reverse(String name) {
            super(name);
        }

        @Override
        String notCausal() {
            return name + " reverses the sequence in time";
        }

        @Override
        Values forward(Values[] inputs, Object state, Scratch scratch) {
            Values in = inputs[0];
            if (in.ids != null) {
                int ch = in.channels;
                int[] ids = new int[in.ids.length];
                for (int b = 0; b < in.batch; b++) {
                    int len = in.lens[b];
                    for (int t = 0; t < len; t++) {
                        System.arraycopy(in.ids, ((len - 1 - t) * in.batch + b) * ch, ids, (t * in.batch + b) * ch, ch);
                    }
                }
                return Values.tokens(in.batch, in.lens, ids, ch);
            }
            float[][] out = new float[in.rows.length][];
            for (int b = 0; b < in.batch; b++) {
                int len = in.lens[b];
                for (int t = 0; t < len; t++) {
                    out[t * in.batch + b] = in.rows[(len - 1 - t) * in.batch + b];
                }
            }
            return Values.sequence(in.batch, in.size, in.lens, out);
        }
    }
}
