/**
 * DL4J layers that DL4J itself lacks, usable in any {@code MultiLayerConfiguration} or
 * {@code ComputationGraphConfiguration}: {@link io.rnnkit.nn.layers.GruLayer} (configuration),
 * {@link io.rnnkit.nn.layers.GruParamInitializer} (Keras-compatible parameter layout) and
 * {@link io.rnnkit.nn.layers.GruLayerImpl} (forward pass, backprop through time, stateful stepping).
 */
package io.rnnkit.nn.layers;
