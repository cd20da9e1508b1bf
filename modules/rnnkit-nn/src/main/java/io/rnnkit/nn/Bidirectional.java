package io.rnnkit.nn;

/**
 * Runs {@code layer} forwards and a second copy backwards over the sequence and merges the two
 * (Keras {@code Bidirectional}). {@code returnSequences} is the wrapped layer's; with {@code false}
 * the forward half gives its last valid step and the backward half its state after reading the whole
 * sequence backwards, as in Keras. Parameters: twice the wrapped layer's.
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
