/**
 * The rnnkit model file ({@code .rnnk}): a single zip with a JSON manifest, the DL4J network and the task's own
 * entries, written atomically and checked thoroughly on loading.
 *
 * <p>Entry points: {@link io.rnnkit.nn.io.ModelFile#save}, {@link io.rnnkit.nn.io.ModelFile#load} and
 * {@link io.rnnkit.nn.io.DataFingerprint} for the training-data fingerprint recorded in the
 * {@link io.rnnkit.nn.io.Manifest}.
 */
package io.rnnkit.nn.io;
