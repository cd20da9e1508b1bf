package io.rnnkit.text.encode;

/** Which end of a sequence padding is added to or truncation removes from (Keras {@code 'pre'} / {@code 'post'}). */
public enum Side {
    /** The start of the sequence. */
    PRE,
    /** The end of the sequence. */
    POST
}
