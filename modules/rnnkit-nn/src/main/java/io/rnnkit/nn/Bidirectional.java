package io.rnnkit.nn;

/**
 * Runs {@code layer} forwards and a second copy backwards over the sequence and merges the two
 * (Keras {@code Bidirectional}). {@code returnSequences} is the wrapped layer's. With {@code false}
 * the merged output at the last valid step is returned (mask-aware): the forward half has read the
 * whole sequence there, but the backward half only the last step. Keras instead takes the backward
 * half's state after the whole sequence; DL4J 1.0.0-M2.1 cannot train that arrangement. For a
 * Keras-exact many-to-one bidirectional encoder, use {@code returnSequences=true} and pool or read the
 * steps you need. Parameters: twice the wrapped layer's.
 *
 * @param layer the recurrent layer to run in both directions
 * @param merge how to combine the directions (default {@link Merge#CONCAT})
 */
public record Bidirectional(Recurrent layer, Merge merge) implements LayerSpec {

    public Bidirectional {
        if (layer == null) {
            throw new IllegalArgumentException("Bidirectional needs a recurrent layer to wrap");
        }
        if (merge == null) {
            throw new IllegalArgumentException("Bidirectional merge mode must not be null");
        }
    }

    /** Bidirectional with concatenated outputs. */
    public Bidirectional(Recurrent layer) {
        this(layer, Merge.CONCAT);
    }

    /** Whether every time step is returned (taken from the wrapped layer). */
    public boolean returnSequences() {
        return layer.returnSequences();
    }

    /** Output size per step: 2·units for {@link Merge#CONCAT}, units otherwise. */
    public int outputSize() {
        return merge == Merge.CONCAT ? 2 * layer.units() : layer.units();
    }

    /** The same wrapper with the wrapped layer's {@code returnSequences} set as given. */
    public Bidirectional withReturnSequences(boolean returnSequences) {
        return new Bidirectional(layer.withReturnSequences(returnSequences), merge);
    }

    @Override
    public String typeName() {
        return "Bidirectional";
    }
}
