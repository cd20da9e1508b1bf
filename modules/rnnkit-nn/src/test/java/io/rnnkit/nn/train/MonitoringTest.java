package io.rnnkit.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.train.monitor.Monitoring;
import io.rnnkit.nn.train.monitor.MonitoringUnavailableException;
import io.rnnkit.nn.train.monitor.TrainingMonitors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** The trainer's side of --ui, --ui-file and --report (rnnkit-ui itself is not on this class path). */
class MonitoringTest {
    private static final List<DataSet> TRAIN = TinyTask.batches(2, 8, 1);
    private static final List<DataSet> VALIDATION = TinyTask.batches(1, 8, 2);

    @TempDir
    Path dir;

    @Test
    void writesAnHtmlReportWithOneRowPerEpoch() throws Exception {
        Path report = dir.resolve("curves.html");
        TrainingConfig config = TrainingConfig.builder().epochs(3).quiet()
                .monitoring(Monitoring.none().withReport(report)).build();
        TrainingResult result = new Trainer(config).fit(TinyTask.network(), TinyTask.iterator(TRAIN),
                TinyTask.iterator(VALIDATION));
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.contains("data:image/png;base64,"), "the chart is inlined");
        assertEquals(3, html.split("<tr><td>", -1).length - 1, "one row per epoch");
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.5f", result.history().get(2).trainLoss())),
                "the last epoch's loss is in the table");
    }

    @Test
    void reportedTaskMetricsAreComputedOnlyWhileMonitoringAndShownInTheReport() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        TrainingConfig.Builder builder = TrainingConfig.builder().epochs(2).quiet()
                .reportedMetric("val_score", m -> 0.25 + calls.incrementAndGet());
        TrainingResult plain = new Trainer(builder.build()).fit(TinyTask.network(), TinyTask.iterator(TRAIN),
                TinyTask.iterator(VALIDATION));
        assertEquals(0, calls.get(), "no monitoring: never computed");
        assertEquals(java.util.Map.of(), plain.history().get(0).reported());

        Path report = dir.resolve("task.html");
        TrainingResult watched = new Trainer(builder.monitoring(Monitoring.none().withReport(report)).build())
                .fit(TinyTask.network(), TinyTask.iterator(TRAIN), TinyTask.iterator(VALIDATION));
        assertEquals(2, calls.get(), "once per epoch");
        assertEquals(java.util.Map.of("val_score", 2.25), watched.history().get(1).reported());
        assertEquals(plain.history().get(1).trainLoss(), watched.history().get(1).trainLoss(), 0.0,
                "reported metrics never change training");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.contains("<th>val_score</th>") && html.contains("2.25"), html);
    }

    @Test
    void writesAPngReport() throws Exception {
        Path report = dir.resolve("curves.png");
        new Trainer(TrainingConfig.builder().epochs(2).quiet().monitoring(Monitoring.none().withReport(report))
                .build()).fit(TinyTask.network(), TinyTask.iterator(TRAIN), null);
        byte[] bytes = Files.readAllBytes(report);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        assertEquals('N', bytes[2]);
        assertEquals('G', bytes[3]);
    }

    @Test
    void scopedMonitoringReachesTrainersCreatedInside() throws Exception {
        Path report = dir.resolve("scoped.html");
        Monitoring.during(Monitoring.none().withReport(report), () -> new Trainer(
                TrainingConfig.builder().epochs(1).quiet().build())
                .fit(TinyTask.network(), TinyTask.iterator(TRAIN), null));
        assertTrue(Files.isRegularFile(report));
        assertFalse(Monitoring.current().isActive(), "the scope ends with the block");
    }

    @Test
    void theUiWithoutRnnkitUiFailsBeforeTraining() {
        assertFalse(TrainingMonitors.available());
        MultiLayerNetwork net = TinyTask.network();
        var before = net.params().dup();
        Trainer trainer = new Trainer(TrainingConfig.builder().epochs(1).quiet()
                .monitoring(Monitoring.none().withUi(0)).build());
        MonitoringUnavailableException e = assertThrows(MonitoringUnavailableException.class,
                () -> trainer.fit(net, TinyTask.iterator(TRAIN), null));
        assertTrue(e.getMessage().contains("scripts/rnnkit"), e.getMessage());
        assertEquals(before, net.params(), "nothing was trained");
    }

    @Test
    void refusesBadReportNamesAndPorts() {
        assertThrows(IllegalArgumentException.class, () -> Monitoring.none().withReport(Path.of("curves.pdf")));
        assertThrows(IllegalArgumentException.class, () -> Monitoring.none().withUi(70000));
    }
}
