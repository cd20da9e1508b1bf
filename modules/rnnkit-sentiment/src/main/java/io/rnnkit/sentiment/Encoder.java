package io.rnnkit.sentiment;

import java.util.Locale;

/** The recurrent layer that reads the words of a text; its output at the last word feeds the softmax. */
public enum Encoder {
    /** One LSTM, left to right. */
    LSTM,
    /** One GRU, left to right (exact under padding and the fastest to train). */
    GRU,
    /**
     * An LSTM in each direction, outputs concatenated. The many-to-one output is read at the last word, where the
     * backward half has seen only that word (see {@code io.rnnkit.nn.Bidirectional}).
     */
    BIDIRECTIONAL_LSTM,
    /**
     * A GRU in each direction, outputs concatenated; read at the last word as {@link #BIDIRECTIONAL_LSTM}, or (the
     * default, with {@link Readout#MAX}) pooled over all words, where both directions have seen the whole text.
     */
    BIDIRECTIONAL_GRU;

    /** The name used in files and on the command line, e.g. {@code bidirectional-gru}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The encoder named {@code id} ({@code lstm}, {@code gru}, {@code bidirectional-lstm}, {@code bidirectional-gru};
     * case and {@code -}/{@code _} do not matter).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Encoder of(String id) {
        String key = id == null ? "" : id.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Encoder e : values()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown encoder '" + id + "'; expected lstm, gru, bidirectional-lstm or bidirectional-gru");
    }
}
