/**
 * Recurrent-layer benchmarks (train step, inference, stateful stepping) on networks built the way
 * users build them ({@link io.rnnkit.nn.NetworkSpec}), and the measurements behind the speed levers
 * (GEMM operand order and allocation, libnd4j's fused {@code lstmLayer} op).
 */
package io.rnnkit.bench.rnn;
