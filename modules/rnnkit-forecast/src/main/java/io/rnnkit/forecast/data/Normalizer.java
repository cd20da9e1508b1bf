package io.rnnkit.forecast.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-column standardisation, {@code (x - mean) / std}, fitted on the training rows only so that no
 * statistic of the validation or test period leaks into the model. Serialisable to JSON.
 */
public final class Normalizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> columns;
    private final double[] mean;
    private final double[] std;

    private Normalizer(List<String> columns, double[] mean, double[] std) {
        this.columns = List.copyOf(columns);
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits on rows {@code [0, rows)} of every column of {@code series}. A constant column gets {@code std = 1}
     * so that it maps to zero rather than to a division by zero.
     */
    public static Normalizer fit(TimeSeries series, int rows) {
        if (rows < 2 || rows > series.size()) {
            throw new IllegalArgumentException("need 2.." + series.size() + " rows to fit a normaliser, got " + rows);
        }
        int k = series.columns().size();
        double[] mean = new double[k];
        double[] std = new double[k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += series.value(c, r);
            }
            mean[c] = sum / rows;
            double ss = 0;
            for (int r = 0; r < rows; r++) {
                double d = series.value(c, r) - mean[c];
                ss += d * d;
            }
            double s = Math.sqrt(ss / rows);
            std[c] = s > 1e-12 ? s : 1.0;
        }
        return new Normalizer(series.columns(), mean, std);
    }

    /** The columns this normaliser was fitted on, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The training mean of column {@code c}. */
    public double mean(int c) {
        return mean[c];
    }

    /** The training standard deviation of column {@code c}. */
    public double std(int c) {
        return std[c];
    }

    /** Scales a value of column {@code c}. */
    public double normalize(int c, double value) {
        return (value - mean[c]) / std[c];
    }

    /** Undoes {@link #normalize} for column {@code c}. */
    public double denormalize(int c, double value) {
        return value * std[c] + mean[c];
    }

    /** Checks that a series has the columns this normaliser was fitted on. */
    public void checkColumns(TimeSeries series) {
        if (!series.columns().equals(columns)) {
            throw new IllegalArgumentException("the series has columns " + series.columns() + " but the model was trained on "
                    + columns);
        }
    }

    /** The normaliser as JSON: {@code {"columns":[…],"mean":[…],"std":[…]}}. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", columns);
        m.put("mean", mean);
        m.put("std", std);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static Normalizer fromJson(String json) {
        try {
            Map<?, ?> m = JSON.readValue(json, Map.class);
            List<String> columns = ((List<?>) m.get("columns")).stream().map(String::valueOf).toList();
            double[] mean = ((List<?>) m.get("mean")).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
            double[] std = ((List<?>) m.get("std")).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
            if (mean.length != columns.size() || std.length != columns.size()) {
                throw new IllegalArgumentException("normaliser JSON has " + columns.size() + " columns but "
                        + mean.length + " means and " + std.length + " standard deviations");
            }
            return new Normalizer(columns, mean, std);
        } catch (JsonProcessingException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("invalid normaliser JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalizer n && columns.equals(n.columns) && Arrays.equals(mean, n.mean)
                && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + Arrays.hashCode(mean);
    }
}
