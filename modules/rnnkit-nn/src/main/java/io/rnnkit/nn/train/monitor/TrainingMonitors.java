package io.rnnkit.nn.train.monitor;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the UI module at run time. */
public final class TrainingMonitors {
    private TrainingMonitors() {
    }

    /**
     * The provider on the class path.
     *
     * @throws MonitoringUnavailableException when {@code rnnkit-ui} is absent
     */
    public static TrainingMonitorProvider provider() {
        return find().orElseThrow(MonitoringUnavailableException::new);
    }

    /** Whether the UI module is on the class path. */
    public static boolean available() {
        return find().isPresent();
    }

    private static Optional<TrainingMonitorProvider> find() {
        return ServiceLoader.load(TrainingMonitorProvider.class, TrainingMonitors.class.getClassLoader()).findFirst();
    }
}
