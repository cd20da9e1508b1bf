package io.rnnkit.forecast;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The recurrent network that reads the input window. */
public enum Architecture {
    /** One LSTM layer; its last output feeds the head. */
    LSTM("lstm"),
    /** Two LSTM layers; the first returns its whole sequence to the second. */
    STACKED_LSTM("stacked-lstm"),
    /**
     * An LSTM reading the window forwards and another reading it backwards, their final outputs concatenated
     * (Keras' {@code Bidirectional(LSTM(n))}). Both directions see only the input window, which is the past, so
     * this is no leak of the future.
     */
    BIDIRECTIONAL_LSTM("bidirectional-lstm"),
    /** One GRU layer (rnnkit's {@code GruLayer}, Keras {@code reset_after=True} layout). */
    GRU("gru");

    private final String cliName;

    Architecture(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in model files, e.g. {@code stacked-lstm}. */
    public String cliName() {
        return cliName;
    }

    /** Parses a name such as {@code bidirectional-lstm} (case-insensitive; underscores accepted). */
    public static Architecture fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Architecture a : values()) {
            if (a.cliName.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "'; choose one of "
                + Arrays.stream(values()).map(Architecture::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
