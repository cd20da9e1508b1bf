package io.rnnkit.nn.inference;

/** Computation-graph vertices that combine several inputs: concatenation and element-wise operations. */
final class VertexNodes {
    private VertexNodes() {
    }

    /** DL4J's {@code MergeVertex}: the inputs' features concatenated, per step or per example. */
    static final class Merge extends Node {
        Merge(String name) {
            super(name);
        }

        @Override
        Values forward(Values[] in, Object state, Scratch scratch) {
            int size = 0;
            for (Values v : in) {
                size += v.size;
            }
            Values first = in[0];
            float[][] out = new float[first.rows.length][];
            for (int s = 0; s < out.length; s++) {
                if (first.rows[s] == null) {
                    continue;
                }
                float[] m = new float[size];
                int at = 0;
                for (Values v : in) {
                    System.arraycopy(v.rows[s], 0, m, at, v.size);
                    at += v.size;
                }
                out[s] = m;
            }
            return first.isSequence() ? Values.sequence(first.batch, size, first.lens, out)
                    : Values.vector(first.batch, size, out);
        }
    }

    /** DL4J's {@code ElementWiseVertex}. */
    static final class ElementWise extends Node {
        enum Op { ADD, SUBTRACT, PRODUCT, AVERAGE, MAX }

        private final Op op;

        ElementWise(String name, Op op) {
            super(name);
            this.op = op;
        }

        @Override
        Values forward(Values[] in, Object state, Scratch scratch) {
            Values first = in[0];
            int n = first.size;
            float[][] out = new float[first.rows.length][];
            for (int s = 0; s < out.length; s++) {
                if (first.rows[s] == null) {
                    continue;
                }
                float[] m = first.rows[s].clone();
                for (int k = 1; k < in.length; k++) {
                    float[] r = in[k].rows[s];
                    for (int j = 0; j < n; j++) {
                        m[j] = switch (op) {
                            case ADD, AVERAGE -> m[j] + r[j];
                            case SUBTRACT -> m[j] - r[j];
                            case PRODUCT -> m[j] * r[j];
                            case MAX -> Math.max(m[j], r[j]);
                        };
                    }
                }
                if (op == Op.AVERAGE) {
                    float inv = 1f / in.length;
                    for (int j = 0; j < n; j++) {
                        m[j] *= inv;
                    }
                }
                out[s] = m;
            }
            return first.isSequence() ? Values.sequence(first.batch, n, first.lens, out)
                    : Values.vector(first.batch, n, out);
        }
    }
}
