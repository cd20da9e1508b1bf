package io.rnnkit.nn.inference;

/**
 * A dense layer or output head, {@code act(x·W + b)}, on a vector per example or on every valid step of a sequence
 * (DL4J's {@code TimeDistributed} dense and {@code RnnOutputLayer}).
 */
final class DenseNode extends Node {
    final Projection projection;
    private final Activation activation;

    DenseNode(String name, Projection projection, Activation activation) {
        super(name, true);
        this.projection = projection;
        this.activation = activation;
    }

    DenseNode withProjection(Projection p) {
        return new DenseNode(name, p, activation);
    }

    @Override
    Values forward(Values[] inputs, Object state, Scratch scratch) {
        Values in = inputs[0];
        float[][] rows = projection.apply(in, scratch);
        int n = projection.outputs();
        if (activation != Activation.IDENTITY) {
            for (float[] r : rows) {
                if (r != null) {
                    activation.apply(r, n);
                }
            }
        }
        return in.isSequence() ? Values.sequence(in.batch, n, in.lens, rows) : Values.vector(in.batch, n, rows);
    }
}
