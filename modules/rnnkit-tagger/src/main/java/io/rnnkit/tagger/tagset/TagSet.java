package io.rnnkit.tagger.tagset;

/** Which tags a tagger is trained on. */
public enum TagSet {
    /** The 12 universal tags; Brown tags go through {@link TagMapping#brownToUniversal()}, UPOS through {@link UniversalTags#fromUpos}. */
    UNIVERSAL,
    /** The corpus' own tags, unchanged (e.g. 472 distinct Brown tags such as {@code np-tl} or {@code pps+bez}). */
    RAW
}
