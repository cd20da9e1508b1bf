/**
 * Training DL4J recurrent networks: {@link io.rnnkit.nn.train.Trainer} driven by an immutable
 * {@link io.rnnkit.nn.train.TrainingConfig}, with a progress bar, per-epoch
 * {@link io.rnnkit.nn.train.EpochMetrics} for {@link io.rnnkit.nn.train.TrainingListener}s, early stopping,
 * checkpoints that resume exactly, and a hard stop on NaN/Inf loss.
 *
 * <p>The trainer works on plain {@code MultiLayerNetwork}s and {@code ComputationGraph}s, so it trains any network,
 * whether built by rnnkit's builder or by hand.
 */
package io.rnnkit.nn.train;
