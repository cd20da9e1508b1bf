/**
 * Task throughput benchmarks run by {@link io.rnnkit.bench.BenchMain} through
 * {@link io.rnnkit.bench.ThroughputBenchmark}: the built-in models on real data.
 */
package io.rnnkit.bench.tasks;
