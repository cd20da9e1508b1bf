package io.rnnkit.ui;

import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.monitor.Monitoring;
import io.rnnkit.nn.train.monitor.TrainingMonitor;
import io.rnnkit.nn.train.monitor.TrainingMonitorProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;

/**
 * rnnkit's {@link TrainingMonitorProvider}: DL4J's {@link StatsListener} on the network, its statistics in memory or
 * in a {@link FileStatsStorage}, DL4J's {@link UIServer} (vertx) showing them, and rnnkit's epochs as
 * {@link EpochRecord}s in the same storage.
 */
public final class Dl4jMonitorProvider implements TrainingMonitorProvider {
    /** DL4J reads the UI's port from this property when its server starts. */
    private static final String PORT_PROPERTY = "org.deeplearning4j.ui.port";

    /** Stats files served by the UI in this JVM; a served storage stays open for the UI's pages. */
    private static final Map<Path, StatsStorage> SERVED = new HashMap<>();
    /** Stats files this JVM has started afresh. */
    private static final Set<Path> STARTED = new HashSet<>();

    @Override
    public TrainingMonitor open(Monitoring monitoring, Model network) {
        boolean served = monitoring.uiPort() != null;
        StatsStorage storage = monitoring.statsFile() == null ? new InMemoryStatsStorage()
                : storage(monitoring.statsFile(), served);
        String base = served ? serve(storage, monitoring.uiPort()) : null;
        return new Monitor(network, storage, base);
    }

    /**
     * The storage of {@code file}. A command that trains several networks (an ensemble) opens it once per network:
     * the first opening in a JVM starts the file afresh (an old run's statistics would mix two trainings in one
     * view), later ones add their sessions to it.
     */
    private static synchronized StatsStorage storage(Path file, boolean served) {
        Path key = file.toAbsolutePath().normalize();
        StatsStorage open = SERVED.get(key);
        if (open != null) {
            return open;
        }
        try {
            Files.createDirectories(key.getParent());
            if (STARTED.add(key)) {
                Files.deleteIfExists(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the statistics file " + file + ": " + e.getMessage(), e);
        }
        StatsStorage storage = new FileStatsStorage(key.toFile());
        if (served) {
            SERVED.put(key, storage);
        }
        return storage;
    }

    @Override
    public String view(Path statsFile, int port) {
        if (!Files.isRegularFile(statsFile)) {
            throw new IllegalArgumentException("no statistics file at " + statsFile);
        }
        return serve(new FileStatsStorage(statsFile.toFile()), port) + "/train/overview";
    }

    /** Starts (once per JVM) DL4J's server on {@code port} (0: any free one) and shows {@code storage}. */
    private static synchronized String serve(StatsStorage storage, int port) {
        // vertx caches files under java.io.tmpdir/vertx-cache, one folder for every user of the machine: a second
        // user then fails with "Failed to create cache dir". Each user gets their own unless they chose one.
        if (System.getProperty(VERTX_CACHE_PROPERTY) == null) {
            System.setProperty(VERTX_CACHE_PROPERTY, Path.of(System.getProperty("java.io.tmpdir"),
                    "vertx-cache-" + System.getProperty("user.name", "user")).toString());
        }
        if (System.getProperty(PORT_PROPERTY) == null) {
            System.setProperty(PORT_PROPERTY, Integer.toString(port == 0 ? freePort() : port));
        }
        UIServer server = UIServer.getInstance();
        if (!server.isAttached(storage)) {
            server.attach(storage);
        }
        return "http://localhost:" + server.getPort();
    }

    /** vertx's system property for its file-cache folder. */
    static final String VERTX_CACHE_PROPERTY = "vertx.cacheDirBase";

    private static int freePort() {
        // DL4J's server does not report a port chosen by the system, so one is chosen here and handed to it.
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the training UI: " + e.getMessage(), e);
        }
    }

    private static final class Monitor implements TrainingMonitor {
        private final Model network;
        private final StatsStorage storage;
        private final StatsListener listener;
        private final String base;
        private final String session = UUID.randomUUID().toString();

        Monitor(Model network, StatsStorage storage, String base) {
            this.network = network;
            this.storage = storage;
            this.base = base;
            this.listener = new StatsListener(storage);
            listener.setSessionID(session);
            network.addListeners(listener);
        }

        @Override
        public String url() {
            return base == null ? null : base + "/train/overview";
        }

        @Override
        public String epochsUrl() {
            return base == null ? null : base + EpochMetricsModule.PAGE;
        }

        @Override
        public void onEpochEnd(EpochMetrics metrics) {
            storage.putUpdate(new EpochRecord(session, metrics));
        }

        @Override
        public void close() {
            // Model has no getListeners(); both network kinds do.
            if (network instanceof MultiLayerNetwork net) {
                net.getListeners().remove(listener);
            } else if (network instanceof ComputationGraph graph) {
                graph.getListeners().remove(listener);
            }
            if (base == null) {
                // Stored only: close the file so everything is on disk. A served storage stays open for the UI.
                try {
                    storage.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close the statistics file: " + e.getMessage(), e);
                }
            }
        }
    }
}
