package io.rnnkit.nn;

import org.nd4j.linalg.activations.Activation;

/**
 * Long short-term memory layer (Keras {@code LSTM}, no peepholes), built as rnnkit's
 * {@link io.rnnkit.nn.layers.LstmLayer}: masked steps keep the state, so padded batches are exact.
 * Parameters: {@code 4·(D·H + H·H + H)}. The forget-gate bias starts at 1, as in Keras.
 *
 * @param units               hidden size H
 * @param returnSequences     Keras {@code return_sequences} (default {@code false})
 * @param activation          cell and output activation, default tanh
 * @param recurrentActivation gate activation, default sigmoid
 */
public record Lstm(int units, boolean returnSequences, Activation activation, Activation recurrentActivation)
        implements Recurrent {

    public Lstm {
        Recurrent.check("Lstm", units, activation);
        if (recurrentActivation == null) {
            throw new IllegalArgumentException("Lstm recurrentActivation must not be null");
        }
    }

    /** {@code Lstm(units)} returning only the last step, tanh / sigmoid gates. */
    public Lstm(int units) {
        this(units, false);
    }

    /** {@code Lstm(units, return_sequences=...)}, tanh / sigmoid gates. */
    public Lstm(int units, boolean returnSequences) {
        this(units, returnSequences, Activation.TANH, Activation.SIGMOID);
    }

    @Override
    public Lstm withReturnSequences(boolean returnSequences) {
        return new Lstm(units, returnSequences, activation, recurrentActivation);
    }

    @Override
    public long paramCount(long inputSize) {
        return 4L * (inputSize * units + (long) units * units + units);
    }

    @Override
    public String typeName() {
        return "LSTM";
    }
}
