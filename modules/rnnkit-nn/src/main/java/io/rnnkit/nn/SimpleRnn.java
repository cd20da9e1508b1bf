package io.rnnkit.nn;

import org.nd4j.linalg.activations.Activation;

/**
 * Fully connected recurrent layer, {@code h_t = activation(x_t·W + h_{t-1}·U + b)}
 * (Keras {@code SimpleRNN}). Parameters: {@code D·H + H·H + H}.
 *
 * @param units           hidden size H
 * @param returnSequences Keras {@code return_sequences} (default {@code false})
 * @param activation      default tanh
 */
public record SimpleRnn(int units, boolean returnSequences, Activation activation) implements Recurrent {

    public SimpleRnn {
        Recurrent.check("SimpleRnn", units, activation);
    }

    /** {@code SimpleRnn(units)} returning only the last step, tanh. */
    public SimpleRnn(int units) {
        this(units, false, Activation.TANH);
    }

    /** {@code SimpleRnn(units, return_sequences=...)}, tanh. */
    public SimpleRnn(int units, boolean returnSequences) {
        this(units, returnSequences, Activation.TANH);
    }

    @Override
    public SimpleRnn withReturnSequences(boolean returnSequences) {
        return new SimpleRnn(units, returnSequences, activation);
    }

    @Override
    public long paramCount(long inputSize) {
        return inputSize * units + (long) units * units + units;
    }

    @Override
    public String typeName() {
        return "SimpleRNN";
    }
}
