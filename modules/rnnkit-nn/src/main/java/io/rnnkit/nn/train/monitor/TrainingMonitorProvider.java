package io.rnnkit.nn.train.monitor;

import org.deeplearning4j.nn.api.Model;

/**
 * Service interface of the {@code rnnkit-ui} module, listed in its
 * {@code META-INF/services/io.rnnkit.nn.train.monitor.TrainingMonitorProvider}. rnnkit-nn does not depend on it:
 * the trainer looks for an implementation on the class path only when {@link Monitoring#needsUi()}.
 */
public interface TrainingMonitorProvider {

    /**
     * Starts watching {@code network} (a {@code MultiLayerNetwork} or {@code ComputationGraph}) as
     * {@code monitoring} asks: the UI server on its port and/or statistics stored in its file.
     */
    TrainingMonitor open(Monitoring monitoring, Model network);

    /** Opens the UI on statistics stored by an earlier run and returns its address. */
    String view(java.nio.file.Path statsFile, int port);
}
