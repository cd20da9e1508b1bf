package io.rnnkit.bench;

import java.util.List;

/**
 * Hook for task benchmarks (tagger tokens/s, sentiment reviews/s, ...): implementations are found
 * with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.rnnkit.bench.ThroughputBenchmark}) and run by {@link BenchMain} after
 * the recurrent-layer benchmarks, one after the other.
 */
public interface ThroughputBenchmark {

    /**
     * Runs the benchmark and returns its results; names should start with the task, e.g.
     * {@code tagger.tag.brown}, and carry a rate in {@link BenchResult#extra()} such as
     * {@code tokens_per_s}.
     *
     * @param measure how long to warm up and how many iterations to time
     * @param quick   true in the quick mode: use the smaller data and model
     */
    List<BenchResult> run(Measure measure, boolean quick);
}
