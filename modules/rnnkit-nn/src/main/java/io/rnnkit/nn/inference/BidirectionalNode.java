package io.rnnkit.nn.inference;

/**
 * A bidirectional layer: a forward and a backward {@link RecurrentNode} over the same sequences (the backward one
 * reads each sequence from its own last step), their outputs merged per step as DL4J's {@code Bidirectional} does.
 */
final class BidirectionalNode extends Node {
    enum Merge { CONCAT, ADD, MUL, AVERAGE }

    private final RecurrentNode forward;
    private final RecurrentNode backward;
    private final Merge merge;

    BidirectionalNode(String name, RecurrentNode forward, RecurrentNode backward, Merge merge) {
        super(name, true);
        this.forward = forward;
        this.backward = backward;
        this.merge = merge;
    }

    @Override
    String notCausal() {
        return name + " is bidirectional and reads future steps";
    }

    int size() {
        return merge == Merge.CONCAT ? 2 * forward.units : forward.units;
    }

    @Override
    Values forward(Values[] in, Object state, Scratch scratch) {
        Values f = forward.forward(in, null, scratch);
        Values b = backward.forward(in, null, scratch);
        int units = forward.units;
        float[][] out = new float[f.rows.length][];
        for (int s = 0; s < out.length; s++) {
            float[] x = f.rows[s];
            if (x == null) {
                continue;
            }
            float[] y = b.rows[s];
            float[] m;
            switch (merge) {
                case CONCAT -> {
                    m = new float[2 * units];
                    System.arraycopy(x, 0, m, 0, units);
                    System.arraycopy(y, 0, m, units, units);
                }
                case ADD -> {
                    m = new float[units];
                    for (int j = 0; j < units; j++) {
                        m[j] = x[j] + y[j];
                    }
                }
                case MUL -> {
                    m = new float[units];
                    for (int j = 0; j < units; j++) {
                        m[j] = x[j] * y[j];
                    }
                }
                case AVERAGE -> {
                    m = new float[units];
                    for (int j = 0; j < units; j++) {
                        m[j] = 0.5f * (x[j] + y[j]);
                    }
                }
                default -> throw new IllegalStateException(merge.name());
            }
            out[s] = m;
        }
        return Values.sequence(f.batch, size(), f.lens, out);
    }
}
