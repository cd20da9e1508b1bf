package io.rnnkit.nn;

/** How {@link Bidirectional} combines the forward and backward outputs (Keras {@code merge_mode}). */
public enum Merge {
    /** Concatenate: output size 2·units. */
    CONCAT,
    /** Element-wise sum. */
    SUM,
    /** Element-wise product. */
    MUL,
    /** Element-wise mean. */
    AVERAGE
}
