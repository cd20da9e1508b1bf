package io.rnnkit.forecast;

import java.util.Locale;

/** How a model forecasts more than one day ahead. */
public enum HorizonStrategy {
    /** One head outputs all {@code horizon} days of the target at once (multi-output). */
    DIRECT,
    /**
     * The model forecasts one day of every column; that day is appended to the window and fed back in until the
     * horizon is reached. Calendar features of future days are known and are computed, not forecast.
     */
    RECURSIVE;

    /** Parses {@code direct} or {@code recursive} (case-insensitive). */
    public static HorizonStrategy fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown horizon strategy '" + name + "'; choose direct or recursive");
        }
    }

    /** The lower-case name, as on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
