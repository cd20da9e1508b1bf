package io.rnnkit.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TrainerTest {
    private static final List<DataSet> TRAIN = TinyTask.batches(4, 8, 1);
    private static final List<DataSet> VALIDATION = TinyTask.batches(1, 8, 2);

    private static TrainingConfig.Builder quietConfig() {
        return TrainingConfig.builder().quiet().learningRate(0.01).seed(123);
    }

    @Test
    void resumedTrainingEndsExactlyWhereUninterruptedTrainingEnds(@TempDir Path dir) {
        TrainingConfig four = quietConfig().epochs(4).build();
        MultiLayerNetwork straight = TinyTask.network();
        TrainingResult full = new Trainer(four).fit(straight, new TinyTask.Shuffled(TRAIN),
                TinyTask.iterator(VALIDATION));

        TrainingConfig two = quietConfig().epochs(2).checkpointDir(dir).build();
        TrainingResult half = new Trainer(two).fit(TinyTask.network(), new TinyTask.Shuffled(TRAIN),
                TinyTask.iterator(VALIDATION));
        assertEquals(dir.resolve("checkpoint-epoch-0002.rnnk"), half.lastCheckpoint());
        TrainingResult resumed = new Trainer(four).resume(dir, new TinyTask.Shuffled(TRAIN),
                TinyTask.iterator(VALIDATION));

        assertEquals(4, resumed.history().size(), "history includes the epochs before the checkpoint");
        assertEquals(full.last().trainLoss(), resumed.last().trainLoss(), 1e-5);
        assertEquals(full.last().validationLoss(), resumed.last().validationLoss(), 1e-5);
        assertEquals(full.history().get(1).trainLoss(), resumed.history().get(1).trainLoss(), 0.0);
        INDArray a = straight.params();
        INDArray b = resumed.network().params();
        assertTrue(a.equalsWithEps(b, 1e-8), "same weights after 4 epochs, resumed or not");
    }

    @Test
    void resumeReplaysResetsForIteratorsThatReshuffleOnReset(@TempDir Path dir) {
        TrainingConfig three = quietConfig().epochs(3).build();
        MultiLayerNetwork straight = TinyTask.network();
        new Trainer(three).fit(straight, new TinyTask.ReshuffleOnReset(TRAIN), null);

        new Trainer(quietConfig().epochs(1).checkpointDir(dir).build())
                .fit(TinyTask.network(), new TinyTask.ReshuffleOnReset(TRAIN), null);
        TrainingResult resumed = new Trainer(three).resume(dir, new TinyTask.ReshuffleOnReset(TRAIN), null);
        assertTrue(straight.params().equalsWithEps(resumed.network().params(), 1e-8));
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndOtherSeedDoesNot() {
        TrainingConfig config = quietConfig().epochs(2).build();
        MultiLayerNetwork first = TinyTask.network();
        MultiLayerNetwork second = TinyTask.network();
        new Trainer(config).fit(first, new TinyTask.Shuffled(TRAIN), null);
        new Trainer(config).fit(second, new TinyTask.Shuffled(TRAIN), null);
        assertEquals(first.params(), second.params());

        MultiLayerNetwork other = TinyTask.network();
        new Trainer(config.toBuilder().seed(124).build()).fit(other, new TinyTask.Shuffled(TRAIN), null);
        assertFalse(first.params().equals(other.params()), "another seed shuffles the batches differently");
    }

    @Test
    void nonFiniteLossStopsTrainingNamingEpochAndBatch(@TempDir Path dir) {
        List<DataSet> poisoned = new ArrayList<>(TinyTask.batches(3, 8, 1));
        poisoned.get(1).getFeatures().putScalar(new long[] {0, 0, 0}, Double.NaN);
        TrainingConfig config = quietConfig().epochs(3).checkpointDir(dir).build();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> new Trainer(config).fit(TinyTask.network(), TinyTask.iterator(poisoned), null));
        assertEquals(1, e.epoch());
        assertEquals(2, e.batch());
        assertTrue(e.getMessage().startsWith("training diverged: loss is NaN at epoch 1, batch 2;"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no checkpoint of a broken model");
        } catch (java.io.IOException io) {
            throw new AssertionError(io);
        }
    }

    @Test
    void hugeLearningRateDivergesWithClearError() {
        TrainingConfig config = quietConfig().epochs(50).optimizer(Optimizer.SGD, 1e12).build();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> new Trainer(config).fit(TinyTask.network(), TinyTask.iterator(TRAIN), null));
        assertTrue(e.getMessage().contains("at epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
    }

    @Test
    void earlyStoppingOnCallerMetricRestoresBestWeights() {
        // A scripted "accuracy": it peaks at epoch 2, then falls, so patience 2 stops after epoch 4.
        double[] accuracy = {0.5, 0.9, 0.8, 0.7, 0.95, 0.99};
        int[] calls = {0};
        List<INDArray> paramsPerEpoch = new ArrayList<>();
        MultiLayerNetwork net = TinyTask.network();
        TrainingConfig config = quietConfig().epochs(6).patience(2)
                .validationMetric(ValidationMetric.maximize("accuracy", model -> accuracy[calls[0]++]))
                .build();
        List<EpochMetrics> seen = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                seen.add(metrics);
                paramsPerEpoch.add(net.params().dup());
            }
        };
        TrainingResult result = new Trainer(config, listener).fit(net, TinyTask.iterator(TRAIN),
                TinyTask.iterator(VALIDATION));

        assertEquals(StopReason.EARLY_STOPPED, result.stopReason());
        assertEquals(4, result.history().size());
        assertEquals(2, result.bestEpoch());
        assertEquals(0.9, result.bestMetric(), 0.0);
        assertEquals(result.history(), seen);
        assertEquals("accuracy", seen.get(0).metricName());
        assertEquals(0.8, seen.get(2).validationMetric(), 0.0);
        assertTrue(Double.isFinite(seen.get(2).validationLoss()), "validation loss is reported alongside");
        assertEquals(paramsPerEpoch.get(1), net.params(), "weights of the best epoch are restored");
    }

    @Test
    void earlyStoppingOnValidationLossByDefault() {
        TrainingConfig config = quietConfig().epochs(3).patience(1).build();
        TrainingResult result = new Trainer(config).fit(TinyTask.network(), TinyTask.iterator(TRAIN),
                TinyTask.iterator(VALIDATION));
        assertEquals("val_loss", result.last().metricName());
        EpochMetrics best = result.history().get(result.bestEpoch() - 1);
        for (EpochMetrics m : result.history()) {
            assertEquals(m.validationLoss(), m.validationMetric(), 0.0);
            assertTrue(best.validationLoss() <= m.validationLoss());
        }
    }

    @Test
    void epochMetricsCountExamplesAndBatches() {
        TrainingResult result = new Trainer(quietConfig().epochs(2).build())
                .fit(TinyTask.network(), TinyTask.iterator(TRAIN), null);
        EpochMetrics m = result.history().get(1);
        assertEquals(2, m.epoch());
        assertEquals(32, m.examples());
        assertEquals(4, m.batches());
        assertTrue(m.seconds() > 0 && m.examplesPerSecond() > 0);
        assertTrue(Double.isNaN(m.validationLoss()), "no validation data, no validation loss");
        assertEquals(2, result.bestEpoch());
        assertEquals(StopReason.COMPLETED, result.stopReason());
        assertNull(result.lastCheckpoint());
        assertTrue(result.history().get(1).trainLoss() < result.history().get(0).trainLoss(), "it learns");
    }

    @Test
    void timeBudgetStopsAfterTheCurrentBatch() {
        TrainingResult result = new Trainer(quietConfig().epochs(5).timeBudget(Duration.ofNanos(1)).build())
                .fit(TinyTask.network(), TinyTask.iterator(TRAIN), null);
        assertEquals(StopReason.TIME_BUDGET, result.stopReason());
        assertEquals(1, result.history().size());
        assertEquals(1, result.last().batches());
    }

    @Test
    void configurationReplacesOptimizerClippingL2AndSetsTbptt() {
        MultiLayerNetwork net = TinyTask.network();
        TrainingConfig config = quietConfig().epochs(1).optimizer(Optimizer.SGD, 0.05).gradientClipNorm(2.5)
                .l2(1e-4).tbpttLength(3).build();
        new Trainer(config).fit(net, TinyTask.iterator(TRAIN), null);
        BaseLayer lstm = (BaseLayer) net.getLayer(0).conf().getLayer();
        assertEquals(new Sgd(0.05), lstm.getIUpdater());
        assertEquals(GradientNormalization.ClipL2PerLayer, lstm.getGradientNormalization());
        assertEquals(2.5, lstm.getGradientNormalizationThreshold(), 0.0);
        assertEquals(List.of(new L2Regularization(1e-4)), lstm.getRegularization());
        assertEquals(BackpropType.TruncatedBPTT, net.getLayerWiseConfigurations().getBackpropType());
        assertEquals(3, net.getLayerWiseConfigurations().getTbpttFwdLength());
        assertEquals(3, net.getLayerWiseConfigurations().getTbpttBackLength());
    }

    @Test
    void trainsAGraphWithTwoInputs(@TempDir Path dir) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("a", "b")
                .setInputTypes(InputType.recurrent(TinyTask.IN), InputType.recurrent(TinyTask.IN))
                .addVertex("merged", new MergeVertex(), "a", "b")
                .addLayer("lstm", new LSTM.Builder().nOut(5).activation(Activation.TANH).build(), "merged")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
                        .activation(Activation.IDENTITY).build(), "lstm")
                .setOutputs("out").build());
        graph.init();
        List<MultiDataSet> data = new ArrayList<>();
        for (DataSet d : TRAIN) {
            data.add(new MultiDataSet(new INDArray[] {d.getFeatures(), d.getFeatures().mul(-1)},
                    new INDArray[] {d.getLabels()}));
        }
        TrainingConfig config = quietConfig().epochs(3).checkpointDir(dir).build();
        TrainingResult result = new Trainer(config).fit(graph, iterator(data), iterator(data));
        assertEquals(3, result.history().size());
        assertTrue(result.last().trainLoss() < result.history().get(0).trainLoss());
        assertEquals(new Adam(0.01), ((BaseLayer) graph.getLayer("lstm").conf().getLayer()).getIUpdater());

        TrainingResult more = new Trainer(config.toBuilder().epochs(4).build())
                .resume(result.lastCheckpoint(), iterator(data), iterator(data));
        assertEquals(4, more.history().size());
        assertTrue(more.network() instanceof ComputationGraph);
    }

    @Test
    void refusesAnIteratorThatCannotBeReplayed() {
        DataSetIteratorOnce once = new DataSetIteratorOnce(TRAIN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(quietConfig().epochs(2).build()).fit(TinyTask.network(), once, null));
        assertTrue(e.getMessage().startsWith("the training iterator cannot be reset"), e.getMessage());
    }

    @Test
    void progressBarShowsEpochBatchesLossAndThroughput() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            new Trainer(quietConfig().epochs(2).progress(TrainingConfig.Progress.BAR).build())
                    .fit(TinyTask.network(), TinyTask.iterator(TRAIN), null);
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("Epoch 1/2"), text);
        assertTrue(text.contains("Epoch 2/2"), text);
        assertTrue(text.contains("4/4 batches"), "second epoch knows its length: " + text);
        assertTrue(text.matches("(?s).*loss \\d+\\.\\d{4}, \\d+ ex/s.*"), text);
    }

    @Test
    void invalidConfigurationIsRejectedWithTheFieldName() {
        assertEquals("epochs must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().epochs(0).build()).getMessage());
        assertEquals("learningRate must be a positive number, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> TrainingConfig.builder().learningRate(-1).build()).getMessage());
        assertEquals("patience must be >= 0 (0 = no early stopping), got -2", assertThrows(
                IllegalArgumentException.class, () -> TrainingConfig.builder().patience(-2).build()).getMessage());
        assertEquals("gradientClipNorm must be >= 0 (0 = off), got NaN", assertThrows(
                IllegalArgumentException.class,
                () -> TrainingConfig.builder().gradientClipNorm(Double.NaN).build()).getMessage());
    }

    private static MultiDataSetIterator iterator(List<MultiDataSet> data) {
        return new org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator() {
            private static final long serialVersionUID = 1L;
            private int next;

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
                return next();
            }

            @Override
            public void setPreProcessor(org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor preProcessor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor getPreProcessor() {
                return null;
            }

            @Override
            public boolean resetSupported() {
                return true;
            }

            @Override
            public boolean asyncSupported() {
                return false;
            }

            @Override
            public void reset() {
                next = 0;
            }

            @Override
            public boolean hasNext() {
                return next < data.size();
            }

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSet next() {
                return data.get(next++);
            }
        };
    }

    /** An iterator over a one-shot stream: it cannot be reset. */
    private static final class DataSetIteratorOnce extends org.deeplearning4j.datasets.iterator.ExistingDataSetIterator {
        private static final long serialVersionUID = 1L;

        DataSetIteratorOnce(List<DataSet> data) {
            super(data.iterator());
        }
    }
}
