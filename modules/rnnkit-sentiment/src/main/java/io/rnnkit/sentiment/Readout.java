package io.rnnkit.sentiment;

import java.util.Locale;

/** How the encoder's outputs over the words of a text become the one vector that the softmax reads. */
public enum Readout {
    /** The encoder's state at the last word (for a bidirectional encoder, see {@link Encoder#BIDIRECTIONAL_GRU}). */
    LAST,
    /** Per-feature maximum of the encoder's outputs over all words (padding excluded). */
    MAX,
    /** Per-feature mean of the encoder's outputs over all words (padding excluded). */
    AVG;

    /** The name used in files and on the command line, e.g. {@code max}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The readout named {@code id} ({@code last}, {@code max} or {@code avg}; case does not matter).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Readout of(String id) {
        String key = id == null ? "" : id.strip().toUpperCase(Locale.ROOT);
        for (Readout r : values()) {
            if (r.name().equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown readout '" + id + "'; expected last, max or avg");
    }
}
