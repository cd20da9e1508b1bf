/**
 * The character-model benchmark on Moby Dick ({@link io.rnnkit.charlm.bench.CharLmBenchmark}) and the
 * general-purpose compressors it is compared with ({@link io.rnnkit.charlm.bench.CompressorBaseline}).
 */
package io.rnnkit.charlm.bench;
