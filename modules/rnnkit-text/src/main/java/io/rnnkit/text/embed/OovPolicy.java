package io.rnnkit.text.embed;

/**
 * How {@link WordVectors#embeddingMatrix} fills the row of a vocabulary word that has no pretrained vector
 * (after trying the exact word, then its lower-case form). The padding row is always all zeros.
 */
public enum OovPolicy {
    /** Zeros: unknown words start with no signal (works best with a trainable embedding). */
    ZEROS,
    /**
     * Seeded Gaussian noise with the per-component standard deviation of the pretrained vectors, so unknown words
     * get distinct vectors of the same scale as known ones (the usual choice for fine-tuning).
     */
    RANDOM,
    /** The mean of all pretrained vectors: an "average word" (a good choice for a frozen embedding). */
    MEAN
}
