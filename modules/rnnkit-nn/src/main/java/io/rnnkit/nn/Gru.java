package io.rnnkit.nn;

import org.nd4j.linalg.activations.Activation;

/**
 * Gated recurrent unit (Keras {@code GRU} with {@code reset_after=True}), built on rnnkit's own
 * {@code io.rnnkit.nn.layers.GruLayer}. Parameters: {@code 3·(D·H + H·H + 2H)}.
 *
 * @param units               hidden size H
 * @param returnSequences     Keras {@code return_sequences} (default {@code false})
 * @param activation          candidate activation, default tanh
 * @param recurrentActivation gate activation, default sigmoid
 */
public record Gru(int units, boolean returnSequences, Activation activation, Activation recurrentActivation)
        implements Recurrent {

    public Gru {
        Recurrent.check("Gru", units, activation);
        if (recurrentActivation == null) {
            throw new IllegalArgumentException("Gru recurrentActivation must not be null");
        }
    }

    /** {@code Gru(units)} returning only the last step, tanh / sigmoid gates. */
    public Gru(int units) {
        this(units, false);
    }

    /** {@code Gru(units, return_sequences=...)}, tanh / sigmoid gates. */
    public Gru(int units, boolean returnSequences) {
        this(units, returnSequences, Activation.TANH, Activation.SIGMOID);
    }

    @Override
    public Gru withReturnSequences(boolean returnSequences) {
        return new Gru(units, returnSequences, activation, recurrentActivation);
    }

    @Override
    public long paramCount(long inputSize) {
        return 3L * (inputSize * units + (long) units * units + 2L * units);
    }

    @Override
    public String typeName() {
        return "GRU";
    }
}
