/**
 * The libtorch peer of rnnkit's recurrent-layer benchmarks: the same shapes, loss, optimizer and
 * thread count through PyTorch's C++ API (JavaCPP presets), in its own JVM because its JavaCPP
 * version differs from ND4J's. Built only with the Maven profile {@code libtorch}.
 */
package io.rnnkit.bench.libtorch;
