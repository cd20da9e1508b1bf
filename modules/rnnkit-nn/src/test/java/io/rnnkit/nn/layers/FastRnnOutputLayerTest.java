package io.rnnkit.nn.layers;

import static io.rnnkit.nn.layers.GruLayerTest.randomNcw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@link FastRnnOutputLayer} against DL4J's {@link RnnOutputLayer} with the same weights: outputs,
 * scores, gradients (its own and the LSTM's below it) with and without masks, in both formats; the
 * fallback for settings the fast path does not cover; and the configuration copy.
 */
class FastRnnOutputLayerTest {

    private static final int BATCH = 40;
    private static final int FEATURES = 5;
    private static final int UNITS = 64;
    private static final int CLASSES = 7;
    private static final int STEPS = 6;

    private static MultiLayerNetwork net(DataType type, RNNFormat format, boolean fastHead, LossFunction loss,
                                         Activation activation) {
        RnnOutputLayer head = new RnnOutputLayer.Builder(loss).activation(activation).nIn(UNITS).nOut(CLASSES)
                .dataFormat(format).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new LstmLayer.Builder().nIn(FEATURES).nOut(UNITS).dataFormat(format).build())
                .layer(fastHead ? FastRnnOutputLayer.of(head) : head)
                .build());
        net.init();
        return net;
    }

    private record Run(INDArray out, double score, INDArray gradient, boolean fast) {
    }

    private static Run run(MultiLayerNetwork n, INDArray params, RNNFormat format, INDArray mask, boolean oneHot) {
        DataType type = n.params().dataType();
        n.setParams(params.castTo(type));
        INDArray x = randomNcw(4, BATCH, FEATURES, STEPS).castTo(type);
        // One-hot labels, or smoothed ones (0.7 on the target, the rest shared) so every class counts.
        double off = oneHot ? 0.0 : 0.3 / (CLASSES - 1);
        INDArray y = Nd4j.zeros(type, BATCH, CLASSES, STEPS).addi(off);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                y.putScalar(b, (3 * b + t) % CLASSES, t, oneHot ? 1.0 : 0.7);
            }
        }
        if (format == RNNFormat.NWC) {
            x = x.permute(0, 2, 1).dup();
            y = y.permute(0, 2, 1).dup();
        }
        INDArray m = mask == null ? null : mask.castTo(type);
        INDArray out = n.output(x, false, m, m).castTo(DataType.DOUBLE).dup();
        n.setLayerMaskArrays(m, m);
        n.setInput(x);
        n.setLabels(y);
        n.computeGradientAndScore();
        boolean fast = n.getLayer(1) instanceof FastRnnOutputLayerImpl f && f.lastFast();
        return new Run(out, n.score(), n.gradient().gradient().castTo(DataType.DOUBLE).dup(), fast);
    }

    private static INDArray mask() {
        INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
        mask.get(interval(0, 11), interval(3, STEPS)).assign(0);
        mask.get(interval(30, 33), interval(0, 2)).assign(0);
        return mask;
    }

    private static void assertSameRun(Run fast, Run dl4j, double tol) {
        assertTrue(fast.fast(), "the fast path should run");
        assertFalse(dl4j.fast());
        assertTrue(fast.out().equalsWithEps(dl4j.out(), tol), "outputs");
        assertEquals(dl4j.score(), fast.score(), tol * Math.max(1, Math.abs(dl4j.score())));
        double worst = fast.gradient().sub(dl4j.gradient()).amaxNumber().doubleValue();
        double scale = dl4j.gradient().amaxNumber().doubleValue();
        assertTrue(worst <= tol * Math.max(1, scale), "gradient differs by " + worst + " (largest " + scale + ")");
    }

    @Test
    void softmaxCrossEntropyEqualsDl4jsLayer() {
        for (RNNFormat format : RNNFormat.values()) {
            for (INDArray mask : new INDArray[] {null, mask()}) {
                for (boolean oneHot : new boolean[] {true, false}) {
                    MultiLayerNetwork dl4j = net(DataType.FLOAT, format, false, LossFunction.MCXENT, Activation.SOFTMAX);
                    MultiLayerNetwork fast = net(DataType.FLOAT, format, true, LossFunction.MCXENT, Activation.SOFTMAX);
                    INDArray params = dl4j.params().dup();
                    assertSameRun(run(fast, params, format, mask, oneHot), run(dl4j, params, format, mask, oneHot),
                            2e-5);
                }
            }
        }
    }

    @Test
    void scoreAloneEqualsTheScoreOfATrainingStep() {
        MultiLayerNetwork fast = net(DataType.FLOAT, RNNFormat.NCW, true, LossFunction.MCXENT, Activation.SOFTMAX);
        Run r = run(fast, fast.params().dup(), RNNFormat.NCW, mask(), true);
        // score(DataSet) takes the forward-only route: nothing kept from a backward pass.
        INDArray x = randomNcw(4, BATCH, FEATURES, STEPS).castTo(DataType.FLOAT);
        fast.setLayerMaskArrays(null, null);
        INDArray m = mask().castTo(DataType.FLOAT);
        org.nd4j.linalg.dataset.DataSet ds = new org.nd4j.linalg.dataset.DataSet(x, fast.getLabels(), m, m);
        assertEquals(r.score(), fast.score(ds), 1e-5);
    }

    @Test
    void otherSettingsFallBackToDl4j() {
        // Double precision and other losses/activations run DL4J's code unchanged.
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            LossFunction loss = type == DataType.DOUBLE ? LossFunction.MCXENT : LossFunction.MSE;
            Activation act = type == DataType.DOUBLE ? Activation.SOFTMAX : Activation.IDENTITY;
            MultiLayerNetwork dl4j = net(type, RNNFormat.NCW, false, loss, act);
            MultiLayerNetwork fast = net(type, RNNFormat.NCW, true, loss, act);
            INDArray params = dl4j.params().dup();
            Run a = run(fast, params, RNNFormat.NCW, mask(), true);
            Run b = run(dl4j, params, RNNFormat.NCW, mask(), true);
            assertFalse(a.fast());
            assertEquals(b.score(), a.score(), 1e-12);
            assertTrue(a.gradient().equalsWithEps(b.gradient(), 1e-12));
            assertTrue(a.out().equalsWithEps(b.out(), 1e-12));
        }
    }

    @Test
    void theCopyIsTheSameConfigurationAndSurvivesJson() throws Exception {
        RnnOutputLayer head = new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(UNITS).nOut(CLASSES).dataFormat(RNNFormat.NWC).name("head").build();
        FastRnnOutputLayer copy = FastRnnOutputLayer.of(head);
        assertEquals(head, copy);
        assertEquals("head", copy.getLayerName());
        assertEquals(RNNFormat.NWC, copy.getRnnDataFormat());
        MultiLayerNetwork n = net(DataType.FLOAT, RNNFormat.NCW, true, LossFunction.MCXENT, Activation.SOFTMAX);
        String json = n.getLayerWiseConfigurations().toJson();
        org.deeplearning4j.nn.conf.MultiLayerConfiguration back =
                org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(json);
        assertTrue(back.getConf(1).getLayer() instanceof FastRnnOutputLayer);
        assertEquals(n.getLayerWiseConfigurations().getConf(1).getLayer(), back.getConf(1).getLayer());
    }
}
