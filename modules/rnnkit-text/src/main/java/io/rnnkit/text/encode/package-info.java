/**
 * From token sequences to the tensors a recurrent network eats.
 *
 * <p>{@link io.rnnkit.text.encode.SequenceEncoder} maps text to index sequences;
 * {@link io.rnnkit.text.encode.PaddedBatch#pad} pads and truncates them with Keras
 * {@code pad_sequences} semantics ({@link io.rnnkit.text.encode.PadSpec});
 * {@link io.rnnkit.text.encode.RnnTensors} builds DL4J {@code DataSet}s in the [batch, size, time] layout with
 * feature and label masks; {@link io.rnnkit.text.encode.Batching} groups examples of similar length so
 * batches waste little padding. The iterators ({@link io.rnnkit.text.encode.SequenceClassificationIterator},
 * {@link io.rnnkit.text.encode.SequenceLabellingIterator}, {@link io.rnnkit.text.encode.CharSequenceIterator})
 * implement DL4J's {@code DataSetIterator} on top of these pieces.
 */
package io.rnnkit.text.encode;
