package io.rnnkit.nn;

/**
 * Reduces a sequence to one vector by taking, per feature, the maximum or the mean over the time steps
 * (Keras' {@code GlobalMaxPooling1D} / {@code GlobalAveragePooling1D}). Padding is ignored: with a mask only the
 * real steps count, so a padded batch gives exactly the output of each sequence alone. No parameters.
 *
 * <p>Typical use: a recurrent layer with {@code returnSequences=true} followed by pooling reads every step of a
 * text rather than only the last one.
 *
 * @param mode max or average over the steps
 */
public record GlobalPooling(Mode mode) implements LayerSpec {

    /** How the steps are combined. */
    public enum Mode {
        /** Per-feature maximum over the steps. */
        MAX,
        /** Per-feature mean over the steps. */
        AVG
    }

    public GlobalPooling {
        if (mode == null) {
            throw new IllegalArgumentException("GlobalPooling mode must not be null (MAX or AVG)");
        }
    }

    /** Global max pooling over the steps. */
    public static GlobalPooling max() {
        return new GlobalPooling(Mode.MAX);
    }

    /** Global average pooling over the (unmasked) steps. */
    public static GlobalPooling average() {
        return new GlobalPooling(Mode.AVG);
    }

    @Override
    public String typeName() {
        return mode == Mode.MAX ? "GlobalMaxPooling1D" : "GlobalAveragePooling1D";
    }
}
