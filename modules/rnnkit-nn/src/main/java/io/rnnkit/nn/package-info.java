/**
 * Declarative recurrent networks on DL4J, in Keras terms.
 *
 * <p>Describe a network with immutable layer records ({@link io.rnnkit.nn.Embedding},
 * {@link io.rnnkit.nn.SimpleRnn}, {@link io.rnnkit.nn.Lstm}, {@link io.rnnkit.nn.Gru},
 * {@link io.rnnkit.nn.Bidirectional}, {@link io.rnnkit.nn.Dense}, {@link io.rnnkit.nn.Dropout},
 * {@link io.rnnkit.nn.GlobalPooling}) collected in a
 * validated {@link io.rnnkit.nn.NetworkSpec}; {@link io.rnnkit.nn.NetworkSpec#build(long)} gives a
 * {@link io.rnnkit.nn.RecurrentNetwork} wrapping a DL4J {@code MultiLayerNetwork} with masked inference,
 * stateful stepping and a Keras-style {@link io.rnnkit.nn.Summary}. {@link io.rnnkit.nn.PyTorchWeights} loads
 * the weights of PyTorch's {@code nn.GRU}, {@code nn.LSTM} and {@code nn.RNN} into such a network.
 *
 * <p>Array layouts are DL4J's: float features {@code [batch, features, time]}, token ids
 * {@code [batch, time]}, masks {@code [batch, time]} with 1 for real steps and 0 for padding.
 */
package io.rnnkit.nn;
