package io.rnnkit.nn;

/**
 * What a network reads: token ids (first layer an {@link Embedding}) or float feature vectors of a
 * fixed size per time step.
 */
public sealed interface Input {

    /** Token ids, shape {@code [batch, time]}; requires an {@link Embedding} first layer. */
    record Tokens() implements Input {
    }

    /**
     * Float features, shape {@code [batch, size, time]} (DL4J's NCW layout).
     *
     * @param size features per time step
     */
    record Features(int size) implements Input {
        public Features {
            if (size <= 0) {
                throw new IllegalArgumentException("Input feature size must be positive, got " + size);
            }
        }
    }

    /** Token-id input. */
    static Input tokens() {
        return new Tokens();
    }

    /** Float input with {@code size} features per step. */
    static Input features(int size) {
        return new Features(size);
    }
}
