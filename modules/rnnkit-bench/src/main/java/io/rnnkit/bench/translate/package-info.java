/** Translation benchmarks: the baselines the encoder–decoder will be measured against. */
package io.rnnkit.bench.translate;
