package io.rnnkit.bench;

import java.util.Map;

/**
 * One benchmark's figures.
 *
 * @param name  key in the summary, e.g. {@code lstm.train.D64-H256-B32-T100}
 * @param ms    ms per iteration (for stateful stepping: per character)
 * @param flops FLOPs of one iteration, or 0 when not meaningful (then no GFLOP/s is reported)
 * @param extra further figures (e.g. {@code chars_per_s}, {@code tokens_per_s})
 */
public record BenchResult(String name, Stats ms, double flops, Map<String, Double> extra) {

    public BenchResult {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("benchmark name must not be blank");
        }
        if (ms == null) {
            throw new IllegalArgumentException("benchmark " + name + " has no timings");
        }
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** GFLOP/s at the median time, or NaN when {@link #flops()} is 0. */
    public double gflops() {
        return flops > 0 ? flops / (ms.median() * 1e6) : Double.NaN;
    }
}
