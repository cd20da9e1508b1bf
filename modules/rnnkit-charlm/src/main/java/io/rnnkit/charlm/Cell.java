package io.rnnkit.charlm;

/** The recurrent cell of a character model's layers. */
public enum Cell {
    /** Long short-term memory (Keras {@code LSTM}). */
    LSTM,
    /** Gated recurrent unit (Keras {@code GRU}, {@code reset_after=True}); about 3/4 of an LSTM's parameters. */
    GRU
}
