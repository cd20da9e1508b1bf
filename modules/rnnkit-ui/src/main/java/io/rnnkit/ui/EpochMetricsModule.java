package io.rnnkit.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.nn.train.EpochMetrics;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;

/**
 * A page of DL4J's UI server with rnnkit's per-epoch metrics — training and validation loss and the watched
 * validation metric (accuracy, …) — which DL4J's own pages, built around per-iteration scores, have no place for.
 * {@code /rnnkit/epochs} is the page (it polls), {@code /rnnkit/epochs/data} the JSON it draws. DL4J's server loads
 * this module through {@link java.util.ServiceLoader} ({@code META-INF/services/org.deeplearning4j.ui.api.UIModule}).
 */
public final class EpochMetricsModule implements UIModule {
    /** Path of the page. */
    public static final String PAGE = "/rnnkit/epochs";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<StatsStorage> storages = new CopyOnWriteArrayList<>();

    @Override
    public List<String> getCallbackTypeIDs() {
        return List.of(EpochRecord.TYPE_ID);
    }

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (params, rc) -> send(rc, "text/html; charset=utf-8", page())),
                new Route(PAGE + "/data", HttpMethod.GET,
                        (params, rc) -> send(rc, "application/json", data())));
    }

    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // The page reads the storages when asked; nothing to keep up to date here.
    }

    @Override
    public void onAttach(StatsStorage storage) {
        storages.add(storage);
    }

    @Override
    public void onDetach(StatsStorage storage) {
        storages.remove(storage);
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return List.of();
    }

    /** Every session's epochs, in order: {@code [{"session": id, "epochs": [{...}, ...]}, ...]}. */
    String data() {
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (StatsStorage storage : storages) {
            for (String session : storage.listSessionIDs()) {
                List<Map<String, Object>> epochs = new ArrayList<>();
                for (Persistable p : storage.getAllUpdatesAfter(session, EpochRecord.TYPE_ID,
                        EpochRecord.WORKER_ID, 0)) {
                    if (p instanceof EpochRecord r) {
                        epochs.add(row(r.metrics()));
                    }
                }
                if (!epochs.isEmpty()) {
                    epochs.sort((a, b) -> Integer.compare((Integer) a.get("epoch"), (Integer) b.get("epoch")));
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("session", session);
                    s.put("epochs", epochs);
                    sessions.add(s);
                }
            }
        }
        try {
            return JSON.writeValueAsString(sessions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the epoch metrics as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> row(EpochMetrics m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", m.epoch());
        row.put("train_loss", finite(m.trainLoss()));
        row.put("val_loss", finite(m.validationLoss()));
        row.put("metric", m.metricName());
        row.put("val_metric", finite(m.validationMetric()));
        Map<String, Double> reported = new LinkedHashMap<>();
        m.reported().forEach((k, v) -> reported.put(k, finite(v)));
        row.put("reported", reported);
        row.put("seconds", m.seconds());
        row.put("examples_per_second", m.examplesPerSecond());
        return row;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String page() {
        try (InputStream in = EpochMetricsModule.class.getResourceAsStream("epochs.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the epochs page is missing from rnnkit-ui: " + e.getMessage(), e);
        }
    }

    private static void send(RoutingContext rc, String type, String body) {
        rc.response().putHeader("content-type", type).putHeader("cache-control", "no-store").end(body);
    }
}
