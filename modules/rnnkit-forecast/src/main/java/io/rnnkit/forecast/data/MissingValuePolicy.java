package io.rnnkit.forecast.data;

/**
 * What to do with missing cells (empty, {@code NA}, {@code NaN}, {@code null}) and with calendar days absent
 * from the date column. Either way the problems are listed in the series' {@link DataQualityReport}.
 */
public enum MissingValuePolicy {
    /**
     * Insert the absent days and fill every missing value by linear interpolation in time between the nearest
     * observed values of the same column. Before the first or after the last observation of a column there is
     * nothing to interpolate between, so the nearest observed value is repeated.
     */
    INTERPOLATE,
    /** Refuse the file: a missing value or a date gap raises {@link SeriesFormatException}. */
    REFUSE
}
