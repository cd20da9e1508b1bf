package io.rnnkit.text.encode;

/** How token indices become network input. */
public enum FeatureLayout {
    /** Features [batch, 1, time] holding the index as a float, for an embedding layer (EmbeddingSequenceLayer). */
    INDICES,
    /** Features [batch, vocabSize, time], one-hot; padded steps are all zeros. For character models. */
    ONE_HOT
}
