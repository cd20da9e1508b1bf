/**
 * Watching training: DL4J's live training UI ({@code --ui}), stored statistics ({@code --ui-file}) and a
 * self-contained report of the curves ({@code --report}). {@link io.rnnkit.nn.train.monitor.Monitoring} says what
 * to do; the {@link io.rnnkit.nn.train.Trainer} applies it. The UI lives in the separate {@code rnnkit-ui} module,
 * found at run time through {@link java.util.ServiceLoader} ({@link io.rnnkit.nn.train.monitor.TrainingMonitorProvider}),
 * so that nothing else downloads or loads the UI's web server.
 */
package io.rnnkit.nn.train.monitor;
