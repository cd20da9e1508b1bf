package io.rnnkit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.Trainer;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingResult;
import io.rnnkit.nn.train.monitor.Monitoring;
import io.rnnkit.nn.train.monitor.TrainingMonitors;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The provider without a browser: found by ServiceLoader, stores DL4J's and rnnkit's statistics in a file. */
class Dl4jMonitorProviderTest {
    @TempDir
    Path dir;

    @Test
    void isFoundThroughServiceLoader() {
        assertTrue(TrainingMonitors.available());
        assertInstanceOf(Dl4jMonitorProvider.class, TrainingMonitors.provider());
    }

    @Test
    void epochRecordsSurviveEncoding() {
        EpochMetrics m = new EpochMetrics(3, 0.5, Double.NaN, "accuracy", 0.75, 96, 3, 1.5, 64);
        EpochRecord copy = new EpochRecord();
        copy.decode(new EpochRecord("s1", m).encode());
        assertEquals(m, copy.metrics());
        assertEquals("s1", copy.getSessionID());
        assertEquals(EpochRecord.WORKER_ID, copy.getWorkerID());
    }

    @Test
    void aStatsFileHoldsEveryIterationAndEveryEpoch() throws Exception {
        Path stats = dir.resolve("run.dl4j");
        MultiLayerNetwork net = tinyNetwork();
        TrainingResult result = train(net, stats);
        assertTrue(net.getListeners().isEmpty(), "the stats listener is detached after training");

        FileStatsStorage storage = new FileStatsStorage(stats.toFile());
        try {
            assertEquals(1, storage.listSessionIDs().size());
            String session = storage.listSessionIDs().get(0);
            String worker = storage.listWorkerIDsForSessionAndType(session, StatsListener.TYPE_ID).get(0);
            // DL4J reports every 10th iteration by default: 3 epochs of 8 batches give iterations 10 and 20.
            int reports = storage.getAllUpdatesAfter(session, StatsListener.TYPE_ID, worker, 0).size();
            assertTrue(reports >= 2 && reports <= 3, reports + " DL4J reports for 24 iterations");

            EpochMetricsModule module = new EpochMetricsModule();
            module.onAttach(storage);
            JsonNode epochs = JsonMapper.builder().build().readTree(module.data()).get(0).get("epochs");
            assertEquals(3, epochs.size());
            for (int e = 0; e < 3; e++) {
                assertEquals(e + 1, epochs.get(e).get("epoch").asInt());
                assertEquals(result.history().get(e).trainLoss(), epochs.get(e).get("train_loss").asDouble(), 0);
            }
            assertTrue(epochs.get(0).get("val_loss").isNull(), "no validation data: no validation loss");
        } finally {
            storage.close();
        }
    }

    @Test
    void severalTrainingsOfOneCommandShareTheFile() throws Exception {
        Path stats = dir.resolve("ensemble.dl4j");
        train(tinyNetwork(), stats);
        train(tinyNetwork(), stats);
        FileStatsStorage storage = new FileStatsStorage(stats.toFile());
        try {
            assertEquals(2, storage.listSessionIDs().size(), "one session per network, the first one kept");
        } finally {
            storage.close();
        }
    }

    /** Three epochs of eight batches of two examples. */
    private static TrainingResult train(MultiLayerNetwork net, Path stats) {
        Nd4j.getRandom().setSeed(3);
        List<DataSet> batches = new DataSet(Nd4j.rand(16, 1), Nd4j.rand(16, 1)).batchBy(2);
        return new Trainer(TrainingConfig.builder().epochs(3).quiet()
                .monitoring(Monitoring.none().withStatsFile(stats)).build())
                .fit(net, new ListDataSetIterator<>(batches, 1), null);
    }

    @Test
    void withoutAUiThereIsNoAddress() {
        var monitor = new Dl4jMonitorProvider().open(Monitoring.none().withStatsFile(dir.resolve("x.dl4j")),
                tinyNetwork());
        assertNull(monitor.url());
        monitor.close();
    }

    private static MultiLayerNetwork tinyNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1).nOut(1)
                        .activation(Activation.IDENTITY).build()).build());
        net.init();
        return net;
    }
}
