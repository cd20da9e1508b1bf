package io.rnnkit.nn.train.monitor;

/** The training UI was asked for but the {@code rnnkit-ui} module is not on the class path. */
public final class MonitoringUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public MonitoringUnavailableException() {
        super("the training UI (rnnkit-ui) is not on the class path; scripts/rnnkit builds and adds it when --ui,"
                + " --ui-file or 'ui' is used (or: mvn -P ui -pl modules/rnnkit-ui -am package -DskipTests and add"
                + " modules/rnnkit-ui/target/rnnkit-ui.jar and target/lib/* to the class path)");
    }
}
