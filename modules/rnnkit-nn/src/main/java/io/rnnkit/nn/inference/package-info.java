/**
 * rnnkit's inference engine: an immutable snapshot of a trained network's weights ({@link
 * io.rnnkit.nn.inference.InferenceNetwork}) and plain-Java forward passes over it, with direct OpenBLAS GEMMs where
 * a batch is large enough for them to win. DL4J stays the training engine and the file format; prediction goes
 * through here.
 *
 * <p>Thread-safe by construction: a snapshot is never written after it is built, every call keeps its working
 * arrays to itself, and a stateful stream (sampling, streaming evaluation) is its own {@link
 * io.rnnkit.nn.inference.InferenceStream} object. Equal to DL4J's {@code output}/{@code rnnTimeStep} within float
 * rounding (tests hold it to 1e-5).
 */
package io.rnnkit.nn.inference;
