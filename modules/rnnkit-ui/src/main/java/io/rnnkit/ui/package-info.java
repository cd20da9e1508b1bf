/**
 * DL4J's training UI for rnnkit: {@link io.rnnkit.ui.Dl4jMonitorProvider} attaches DL4J's {@code StatsListener} to
 * the network being trained, serves DL4J's pages ({@code /train/overview}, …) and rnnkit's per-epoch metrics
 * ({@code /rnnkit/epochs}, {@link io.rnnkit.ui.EpochMetricsModule}), and stores both in a file for {@code rnnkit ui}.
 * Optional at run time: rnnkit-nn finds it through {@link java.util.ServiceLoader}.
 */
package io.rnnkit.ui;
