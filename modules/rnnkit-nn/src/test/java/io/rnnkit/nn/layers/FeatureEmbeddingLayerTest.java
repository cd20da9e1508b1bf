package io.rnnkit.nn.layers;

import static io.rnnkit.nn.layers.GruLayerTest.net;
import static io.rnnkit.nn.layers.GruLayerTest.rnnOut;
import static io.rnnkit.nn.layers.LstmLayerTest.lstm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FeatureEmbeddingLayerTest {

    private static DataType savedDefault;
    private static DataType savedFloating;

    @BeforeAll
    static void doublePrecision() {
        savedDefault = Nd4j.dataType();
        savedFloating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(savedDefault, savedFloating);
    }

    private static FeatureEmbeddingLayer embedding() {
        return new FeatureEmbeddingLayer.Builder().tables(new long[] {5, 4}, new long[] {3, 2}).build();
    }

    /** Indices [batch, 2 channels, time] with repeats, so the scatter-add must sum. */
    private static INDArray indices(long seed, int batch, int steps) {
        Random rnd = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, batch, 2, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                x.putScalar(new long[] {b, 0, t}, rnd.nextInt(3));
                x.putScalar(new long[] {b, 1, t}, rnd.nextInt(4));
            }
        }
        return x;
    }

    @Test
    void outputConcatenatesEachChannelsRowAndMaskedStepsAreZero() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 3, embedding());
        assertEquals(5 * 3 + 4 * 2, net.numParams());
        io.rnnkit.nn.Summary.Row row = io.rnnkit.nn.Summary.of(net).rows().get(0);
        assertEquals("FeatureEmbedding", row.type());
        assertEquals("(None, None, 5)", row.outputShape());
        assertEquals(23, row.params());
        INDArray w0 = net.getLayer(0).getParam("W0");
        INDArray w1 = net.getLayer(0).getParam("W1");
        assertEquals(java.util.List.of(5L, 3L), java.util.Arrays.stream(w0.shape()).boxed().toList());
        INDArray x = indices(1, 2, 4);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        INDArray out = net.output(x, false, mask, null);
        assertEquals(java.util.List.of(2L, 5L, 4L), java.util.Arrays.stream(out.shape()).boxed().toList());
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                double m = mask.getDouble(b, t);
                int i0 = x.getInt(b, 0, t);
                int i1 = x.getInt(b, 1, t);
                for (int d = 0; d < 3; d++) {
                    assertEquals(m * w0.getDouble(i0, d), out.getDouble(b, d, t), 0);
                }
                for (int d = 0; d < 2; d++) {
                    assertEquals(m * w1.getDouble(i1, d), out.getDouble(b, 3 + d, t), 0);
                }
            }
        }
    }

    @Test
    void gradientsMatchNumericalWithRepeatedIndicesAndMask() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 7, embedding(),
                new Bidirectional(Bidirectional.Mode.CONCAT, lstm(5, 3, RNNFormat.NCW)), rnnOut(6, 2, RNNFormat.NCW));
        INDArray x = indices(2, 3, 4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 2, 4);
        Random rnd = new Random(3);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 4; t++) {
                y.putScalar(new long[] {b, rnd.nextInt(2), t}, 1.0);
            }
        }
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 0}, {1, 0, 0, 0}});
        for (INDArray m : java.util.Arrays.asList(null, mask)) {
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .inputMask(m).labelMask(m).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false)), "mask " + (m != null));
        }
    }

    @Test
    void badIndicesAndShapesGiveClearErrors() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 3, embedding());
        INDArray x = indices(1, 1, 3);
        x.putScalar(new long[] {0, 1, 2}, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.output(x));
        assertEquals("feature embedding layer \"layer0\" (index 0): channel 1 of example 0 at step 2 holds 4.0; indices must be "
                + "integers in [0, 4)", e.getMessage());
        x.putScalar(new long[] {0, 1, 2}, 1.5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.output(x)).getMessage().contains("holds 1.5"));
        assertEquals("feature embedding layer \"layer0\" (index 0) expects input [batch, 2 channels, time] of indices, got "
                + "shape [1, 3, 2]", assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.zeros(DataType.DOUBLE, 1, 3, 2))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureEmbeddingLayer.Builder()
                .tables(new long[] {5, 4}, new long[] {3}));
        assertThrows(IllegalArgumentException.class, () -> new FeatureEmbeddingLayer.Builder()
                .tables(new long[] {5, 0}, new long[] {3, 2}));
    }

    @Test
    void configurationRoundTripsThroughJson() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 3, embedding(), lstm(5, 3, RNNFormat.NCW));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), back);
        MultiLayerNetwork copy = new MultiLayerNetwork(back);
        copy.init(net.params().dup(), false);
        INDArray x = indices(4, 2, 3);
        assertTrue(copy.output(x).equalsWithEps(net.output(x), 0));
    }
}
