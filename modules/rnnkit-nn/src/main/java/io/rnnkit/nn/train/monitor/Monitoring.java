package io.rnnkit.nn.train.monitor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What to show or store while training, beside the trainer's own output.
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder().epochs(5)
 *         .monitoring(Monitoring.none().withUi(9000).withReport(Path.of("training.html"))).build();
 * }</pre>
 *
 * <p>Tasks build their trainer's configuration themselves; {@link #during} applies a monitoring to every trainer
 * created inside a block whose configuration has none (the CLI's {@code --ui}, {@code --ui-file} and
 * {@code --report} work this way on every {@code train} verb).
 *
 * @param uiPort    port of DL4J's training UI, {@code 0} for any free port, or {@code null} for no UI
 * @param statsFile file where the UI's statistics are stored for {@code rnnkit ui FILE}, or {@code null}
 * @param report    {@code .html} or {@code .png} file written with the training curves after training, or
 *                  {@code null}
 */
public record Monitoring(Integer uiPort, Path statsFile, Path report) {
    /** The UI's port when {@code --ui} is given without one (DL4J's own default). */
    public static final int DEFAULT_PORT = 9000;

    private static final Monitoring NONE = new Monitoring(null, null, null);
    private static final ThreadLocal<Monitoring> SCOPED = new ThreadLocal<>();

    public Monitoring {
        if (uiPort != null && (uiPort < 0 || uiPort > 65535)) {
            throw new IllegalArgumentException("the UI port must be 0 (any free port) to 65535, got " + uiPort);
        }
        if (report != null) {
            TrainingReport.Format.of(report);
        }
    }

    /** Nothing beyond the trainer's usual output. */
    public static Monitoring none() {
        return NONE;
    }

    public Monitoring withUi(int port) {
        return new Monitoring(port, statsFile, report);
    }

    public Monitoring withStatsFile(Path file) {
        return new Monitoring(uiPort, file, report);
    }

    public Monitoring withReport(Path file) {
        return new Monitoring(uiPort, statsFile, file);
    }

    /** Whether the UI module is needed: a live UI or stored statistics. */
    public boolean needsUi() {
        return uiPort != null || statsFile != null;
    }

    /** Whether anything is asked for. */
    public boolean isActive() {
        return needsUi() || report != null;
    }

    /**
     * Runs {@code action} with {@code monitoring} applied to every {@link io.rnnkit.nn.train.Trainer} created on this
     * thread meanwhile whose configuration asks for none.
     */
    public static <T> T during(Monitoring monitoring, Callable<T> action) throws Exception {
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(action, "action");
        Monitoring before = SCOPED.get();
        SCOPED.set(monitoring);
        try {
            return action.call();
        } finally {
            if (before == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(before);
            }
        }
    }

    /** The monitoring set by an enclosing {@link #during}, or {@link #none()}. */
    public static Monitoring current() {
        Monitoring scoped = SCOPED.get();
        return scoped == null ? NONE : scoped;
    }
}
