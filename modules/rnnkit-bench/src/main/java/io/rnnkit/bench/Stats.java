package io.rnnkit.bench;

import java.util.Arrays;

/**
 * Summary of timed iterations in milliseconds: the median and the spread around it.
 *
 * @param median     median ms per iteration (the headline figure; robust to the odd slow iteration on
 *                   a shared machine)
 * @param p25        25th percentile
 * @param p75        75th percentile
 * @param min        fastest iteration
 * @param max        slowest iteration
 * @param iterations number of timed iterations
 */
public record Stats(double median, double p25, double p75, double min, double max, int iterations) {

    public Stats {
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive, got " + iterations);
        }
    }

    /** Summarises {@code samples} (ms per iteration); the array is not modified. */
    public static Stats of(double... samples) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Stats(percentile(s, 50), percentile(s, 25), percentile(s, 75), s[0], s[s.length - 1], s.length);
    }

    /** Linear-interpolated percentile {@code p} (0–100) of sorted values, as numpy's default. */
    static double percentile(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
