package io.rnnkit.cli;

import io.rnnkit.nn.train.monitor.Monitoring;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --ui [PORT]}, {@code --ui-file FILE} and {@code --report FILE}, shared by every {@code train} verb as a
 * picocli mixin. {@link Rnnkit} applies them around the verb with {@link Monitoring#during}, so a verb needs only
 * the {@code @Mixin} line.
 */
public final class MonitoringOptions {
    @Option(names = "--ui", arity = "0..1", paramLabel = "PORT", fallbackValue = "" + Monitoring.DEFAULT_PORT,
            description = "Show DL4J's live training UI at http://localhost:PORT/train/overview (default port "
                    + Monitoring.DEFAULT_PORT + "; 0 = any free port). Needs rnnkit-ui, which scripts/rnnkit adds.")
    Integer uiPort;

    @Option(names = "--ui-file", paramLabel = "FILE",
            description = "Store the UI's statistics in FILE, to view later with 'rnnkit ui FILE'.")
    Path uiFile;

    @Option(names = "--report", paramLabel = "FILE",
            description = "After training, write the loss and validation curves per epoch to FILE (.html or .png).")
    Path report;

    /** What the options ask for. */
    Monitoring monitoring() {
        return new Monitoring(uiPort, uiFile, report);
    }
}
