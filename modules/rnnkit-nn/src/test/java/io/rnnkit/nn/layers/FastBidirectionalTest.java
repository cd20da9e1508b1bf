package io.rnnkit.nn.layers;

import static io.rnnkit.nn.layers.GruLayerTest.randomNcw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** {@link FastBidirectional} against DL4J's {@link Bidirectional} on the same weights, for every merge mode. */
class FastBidirectionalTest {

    private static final int BATCH = 40;
    private static final int FEATURES = 5;
    private static final int UNITS = 64;
    private static final int STEPS = 6;

    private static MultiLayerNetwork net(DataType type, Bidirectional.Mode mode, boolean fast, boolean gru) {
        Layer inner = gru ? new GruLayer.Builder().nIn(FEATURES).nOut(UNITS).build()
                : new LstmLayer.Builder().nIn(FEATURES).nOut(UNITS).build();
        Layer bi = fast ? new FastBidirectional(mode, inner) : new Bidirectional(mode, inner);
        long width = mode == Bidirectional.Mode.CONCAT ? 2L * UNITS : UNITS;
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list().layer(bi)
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(width)
                        .nOut(3).dataFormat(RNNFormat.NCW).build())
                .build());
        n.init();
        return n;
    }

    private record Run(INDArray out, double score, INDArray gradient) {
    }

    private static Run run(MultiLayerNetwork n, INDArray params) {
        DataType type = n.params().dataType();
        n.setParams(params.castTo(type));
        INDArray x = randomNcw(9, BATCH, FEATURES, STEPS).castTo(type);
        INDArray y = Nd4j.zeros(type, BATCH, 3, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                y.putScalar(b, (b + t) % 3, t, 1.0);
            }
        }
        INDArray mask = Nd4j.ones(type, BATCH, STEPS);
        mask.get(interval(0, 9), interval(4, STEPS)).assign(0);
        INDArray out = n.output(x, false, mask, mask).castTo(DataType.DOUBLE).dup();
        n.setLayerMaskArrays(mask, mask);
        n.setInput(x);
        n.setLabels(y);
        n.computeGradientAndScore();
        return new Run(out, n.score(), n.gradient().gradient().castTo(DataType.DOUBLE).dup());
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void everyModeEqualsDl4jsWrapper(Bidirectional.Mode mode) throws Exception {
        for (boolean gru : new boolean[] {false, true}) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                MultiLayerNetwork dl4j = net(type, mode, false, gru);
                MultiLayerNetwork fast = net(type, mode, true, gru);
                assertTrue(fast.getLayer(0) instanceof FastBidirectionalLayer);
                INDArray params = dl4j.params().dup();
                Run a = run(fast, params);
                Run b = run(dl4j, params);
                double tol = type == DataType.FLOAT ? 1e-5 : 1e-10;
                String what = mode + (gru ? " GRU " : " LSTM ") + type;
                assertTrue(a.out().equalsWithEps(b.out(), tol), what);
                assertEquals(b.score(), a.score(), tol, what);
                double worst = a.gradient().sub(b.gradient()).amaxNumber().doubleValue();
                assertTrue(worst <= tol * Math.max(1, b.gradient().amaxNumber().doubleValue()), what + ": " + worst);
            }
        }
        MultiLayerNetwork fast = net(DataType.FLOAT, mode, true, false);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(fast.getLayerWiseConfigurations().toJson());
        assertTrue(back.getConf(0).getLayer() instanceof FastBidirectional);
        assertEquals(fast.getLayerWiseConfigurations().getConf(0).getLayer(), back.getConf(0).getLayer());
    }
}
