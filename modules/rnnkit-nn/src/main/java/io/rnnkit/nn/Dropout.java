package io.rnnkit.nn;

/**
 * Drops a fraction {@code rate} of its inputs during training and scales the rest (inverted dropout);
 * the identity at inference. Keras semantics: {@code rate} is the fraction <em>dropped</em>
 * (DL4J's own dropout takes the fraction kept; rnnkit converts).
 *
 * @param rate fraction of inputs set to zero, in [0, 1)
 */
public record Dropout(double rate) implements LayerSpec {

    public Dropout {
        if (!(rate >= 0.0 && rate < 1.0)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public String typeName() {
        return "Dropout";
    }
}
