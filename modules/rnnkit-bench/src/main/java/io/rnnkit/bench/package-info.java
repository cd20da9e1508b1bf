/**
 * Speed benchmarks of rnnkit, printed as one JSON summary by {@code scripts/bench}.
 *
 * <p>{@link io.rnnkit.bench.BenchMain} times the recurrent layers (train step and inference at two
 * sizes, stateful one-step sampling) and the single-thread SGEMM peak they are compared with;
 * {@link io.rnnkit.bench.CompareMain} joins those figures with the libtorch peer's (module
 * {@code rnnkit-bench-libtorch}, run in its own JVM) into the summary. Task benchmarks plug in
 * through {@link io.rnnkit.bench.ThroughputBenchmark}.
 */
package io.rnnkit.bench;
