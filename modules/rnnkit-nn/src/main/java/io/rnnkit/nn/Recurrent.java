package io.rnnkit.nn;

import org.nd4j.linalg.activations.Activation;

/**
 * A recurrent layer: {@link SimpleRnn}, {@link Lstm} or {@link Gru}.
 *
 * <p>{@link #returnSequences()} follows Keras: {@code true} outputs every time step
 * ({@code [batch, units, time]}), {@code false} only the last <em>valid</em> step ({@code [batch, units]}),
 * which takes the feature mask into account so padding never changes the answer.
 */
public sealed interface Recurrent extends LayerSpec permits SimpleRnn, Lstm, Gru {

    /** Size of the hidden state (output size per time step). */
    int units();

    /** Whether every time step is returned (Keras {@code return_sequences}). */
    boolean returnSequences();

    /** Output activation (Keras default tanh). */
    Activation activation();

    /** The same layer with {@code returnSequences} set as given. */
    Recurrent withReturnSequences(boolean returnSequences);

    /** Trainable parameters given {@code inputSize} features per step. */
    long paramCount(long inputSize);

    /** Shared argument checks for the records. */
    static void check(String type, int units, Activation activation) {
        if (units <= 0) {
            throw new IllegalArgumentException(type + " units must be positive, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException(type + " activation must not be null");
        }
    }
}
