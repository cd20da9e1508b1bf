/**
 * Recurrent layers for DL4J networks, usable in any {@code MultiLayerConfiguration} or
 * {@code ComputationGraphConfiguration} and inside DL4J's {@code Bidirectional} and
 * {@code LastTimeStep} wrappers: {@link io.rnnkit.nn.layers.GruLayer} (DL4J has none) and
 * {@link io.rnnkit.nn.layers.LstmLayer} (faster than DL4J's {@code LSTM}, with Keras mask semantics).
 * Each comes as configuration, a Keras-compatible parameter layout
 * ({@link io.rnnkit.nn.layers.GruParamInitializer}, {@link io.rnnkit.nn.layers.LstmParamInitializer},
 * with Keras and PyTorch weight loaders) and the layer itself (forward pass, backprop through time,
 * stateful stepping). Large float steps run on direct-BLAS kernels with vectorised Java element-wise
 * math ({@code LstmFloatKernel}, {@code GruFloatKernel}, {@link io.rnnkit.nn.layers.FloatActivations}).
 *
 * <p>Drop-in versions of DL4J layers that {@code NetworkSpec} builds: {@link io.rnnkit.nn.layers.FastRnnOutputLayer}
 * (a faster float softmax + cross-entropy head), {@link io.rnnkit.nn.layers.FastBidirectional} (a faster merge of
 * the two directions), {@link io.rnnkit.nn.layers.FastSimpleRnn} (DL4J's SimpleRNN on a float kernel) and {@link io.rnnkit.nn.layers.SequenceDropoutLayer} (dropout that accepts a sequence mask).
 */
package io.rnnkit.nn.layers;
