package io.rnnkit.nn.layers;

import static io.rnnkit.nn.layers.GruLayerTest.randomNcw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** {@link FastSimpleRnn} against DL4J's {@link SimpleRnn} on the same weights (two stacked layers). */
class FastSimpleRnnTest {

    private static final int BATCH = 48;   // 48 × 48 cells: above the small-step limit
    private static final int FEATURES = 5;
    private static final int UNITS = 48;
    private static final int STEPS = 7;

    private static SimpleRnn.Builder layer(int nIn, RNNFormat format) {
        return new SimpleRnn.Builder().nIn(nIn).nOut(UNITS).activation(Activation.TANH).dataFormat(format);
    }

    private static MultiLayerNetwork net(boolean fast, RNNFormat format, boolean tbptt) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.FLOAT).updater(new Sgd(0.3)).weightInit(WeightInit.XAVIER).list()
                .layer(fast ? new FastSimpleRnn(layer(FEATURES, format)) : layer(FEATURES, format).build())
                .layer(fast ? new FastSimpleRnn(layer(UNITS, format)) : layer(UNITS, format).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(UNITS)
                        .nOut(3).dataFormat(format).build());
        if (tbptt) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(3).tBPTTBackwardLength(3);
        }
        MultiLayerNetwork n = new MultiLayerNetwork(list.build());
        n.init();
        return n;
    }

    private static DataSet data(RNNFormat format, boolean masked) {
        INDArray x = randomNcw(6, BATCH, FEATURES, STEPS).castTo(DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 3, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                y.putScalar(b, (b * 2 + t) % 3, t, 1.0);
            }
        }
        INDArray mask = null;
        if (masked) {
            mask = Nd4j.ones(DataType.FLOAT, BATCH, STEPS);
            mask.get(interval(0, 7), interval(4, STEPS)).assign(0);
            mask.get(interval(10, 12), interval(1, 3)).assign(0);   // a gap: the state restarts from zero
        }
        if (format == RNNFormat.NWC) {
            x = x.permute(0, 2, 1).dup();
            y = y.permute(0, 2, 1).dup();
        }
        return new DataSet(x, y, mask, mask);
    }

    @Test
    void equalsDl4jsSimpleRnnInOutputsScoresGradientsAndTraining() {
        for (RNNFormat format : RNNFormat.values()) {
            for (boolean masked : new boolean[] {false, true}) {
                for (boolean tbptt : new boolean[] {false, true}) {
                    MultiLayerNetwork dl4j = net(false, format, tbptt);
                    MultiLayerNetwork fast = net(true, format, tbptt);
                    fast.setParams(dl4j.params().dup());
                    DataSet ds = data(format, masked);
                    String what = format + (masked ? " masked" : "") + (tbptt ? " tbptt" : "");
                    assertTrue(fast.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray())
                            .equalsWithEps(dl4j.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(),
                                    ds.getLabelsMaskArray()), 2e-6), what);
                    assertTrue(((FastSimpleRnnLayer) fast.getLayer(0)).lastFast(), what);
                    for (MultiLayerNetwork n : new MultiLayerNetwork[] {dl4j, fast}) {
                        n.setLayerMaskArrays(ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
                        n.setInput(ds.getFeatures());
                        n.setLabels(ds.getLabels());
                        n.computeGradientAndScore();
                    }
                    assertEquals(dl4j.score(), fast.score(), 1e-5, what);
                    assertEquals(!tbptt, ((FastSimpleRnnLayer) fast.getLayer(0)).lastReused(), what);
                    INDArray gd = dl4j.gradient().gradient();
                    INDArray gf = fast.gradient().gradient();
                    double worst = gf.sub(gd).amaxNumber().doubleValue();
                    assertTrue(worst <= 1e-5 * Math.max(1, gd.amaxNumber().doubleValue()), what + ": " + worst);
                    // Three SGD fits (with TBPTT: three segments each) move both the same way.
                    for (int i = 0; i < 3; i++) {
                        dl4j.fit(ds);
                        fast.fit(ds);
                    }
                    assertTrue(fast.params().equalsWithEps(dl4j.params(), 1e-4), what);
                    if (format == RNNFormat.NCW) {
                        // (DL4J's truncated BPTT hardly moves NWC networks; both layers agree there too.)
                        assertTrue(dl4j.params().sub(net(false, format, tbptt).params()).amaxNumber().doubleValue()
                                > 1e-4, what);
                    }
                }
            }
        }
    }

    @Test
    void steppingEqualsDl4jAndTheConfigurationSurvivesJson() throws Exception {
        MultiLayerNetwork dl4j = net(false, RNNFormat.NCW, false);
        MultiLayerNetwork fast = net(true, RNNFormat.NCW, false);
        fast.setParams(dl4j.params().dup());
        INDArray x = data(RNNFormat.NCW, false).getFeatures();
        for (int t = 0; t < STEPS; t++) {
            INDArray step = x.get(all(), all(), interval(t, t + 1));
            assertTrue(fast.rnnTimeStep(step).equalsWithEps(dl4j.rnnTimeStep(step), 2e-6), "step " + t);
        }
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(fast.getLayerWiseConfigurations().toJson());
        assertTrue(back.getConf(0).getLayer() instanceof FastSimpleRnn);
        assertEquals(fast.getLayerWiseConfigurations().getConf(1).getLayer(), back.getConf(1).getLayer());
    }
}
