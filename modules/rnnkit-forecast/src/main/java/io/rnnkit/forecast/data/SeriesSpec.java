package io.rnnkit.forecast.data;

import java.util.List;
import java.util.Objects;

/**
 * Which columns of a CSV file make a series.
 *
 * @param dateColumn     the column of ISO dates ({@code 2015-01-31}), one row per day
 * @param targetColumn   the numeric column to forecast
 * @param featureColumns further numeric columns used as inputs (may be empty; must not repeat the target)
 * @param missingValues  what to do with missing values and date gaps
 */
public record SeriesSpec(String dateColumn, String targetColumn, List<String> featureColumns,
                         MissingValuePolicy missingValues) {

    public SeriesSpec {
        Objects.requireNonNull(dateColumn, "dateColumn");
        Objects.requireNonNull(targetColumn, "targetColumn");
        Objects.requireNonNull(missingValues, "missingValues");
        featureColumns = List.copyOf(featureColumns);
        if (featureColumns.contains(targetColumn)) {
            throw new IllegalArgumentException("feature columns must not repeat the target column '" + targetColumn + "'");
        }
        if (featureColumns.contains(dateColumn) || targetColumn.equals(dateColumn)) {
            throw new IllegalArgumentException("the date column '" + dateColumn + "' cannot be a target or feature");
        }
        if (featureColumns.stream().distinct().count() != featureColumns.size()) {
            throw new IllegalArgumentException("feature columns repeat a name: " + featureColumns);
        }
    }

    /** A target with no extra features, interpolating missing values. */
    public static SeriesSpec of(String dateColumn, String targetColumn) {
        return new SeriesSpec(dateColumn, targetColumn, List.of(), MissingValuePolicy.INTERPOLATE);
    }

    /** This spec with other feature columns. */
    public SeriesSpec withFeatures(String... columns) {
        return new SeriesSpec(dateColumn, targetColumn, List.of(columns), missingValues);
    }

    /** This spec with another missing-value policy. */
    public SeriesSpec withMissingValues(MissingValuePolicy policy) {
        return new SeriesSpec(dateColumn, targetColumn, featureColumns, policy);
    }

    /** The target followed by the features: the column order of a {@link TimeSeries}. */
    public List<String> valueColumns() {
        List<String> all = new java.util.ArrayList<>();
        all.add(targetColumn);
        all.addAll(featureColumns);
        return List.copyOf(all);
    }
}
