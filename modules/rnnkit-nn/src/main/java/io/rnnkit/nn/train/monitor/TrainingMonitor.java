package io.rnnkit.nn.train.monitor;

import io.rnnkit.nn.train.TrainingListener;

/**
 * A live view of one training run, opened by a {@link TrainingMonitorProvider}. It receives rnnkit's per-epoch
 * metrics as a {@link TrainingListener}; DL4J's per-iteration statistics it collects itself from the network.
 */
public interface TrainingMonitor extends TrainingListener, AutoCloseable {

    /** Where the live view is, e.g. {@code http://localhost:9000/train/overview}, or {@code null} without one. */
    String url();

    /** Where rnnkit's per-epoch metrics are shown, or {@code null}. */
    default String epochsUrl() {
        return null;
    }

    /** Detaches from the network and flushes stored statistics; the UI server stays up until the JVM exits. */
    @Override
    void close();
}
