package io.rnnkit.nn.layers;

import static io.rnnkit.nn.layers.GruLayerTest.gru;
import static io.rnnkit.nn.layers.GruLayerTest.net;
import static io.rnnkit.nn.layers.GruLayerTest.randomNcw;
import static io.rnnkit.nn.layers.GruLayerTest.rnnOut;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Backprop through time against central-difference numerical gradients, in double precision, for
 * every parameter and (through the layer below) the input gradient.
 */
class GruGradientCheckTest {

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

    private static INDArray oneHotLabels(long seed, int batch, int classes, int steps) {
        Random rnd = new Random(seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, classes, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                y.putScalar(new long[] {b, rnd.nextInt(classes), t}, 1.0);
            }
        }
        return y;
    }

    private static boolean check(MultiLayerNetwork net, INDArray x, INDArray y, INDArray inMask, INDArray labelMask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .inputMask(inMask).labelMask(labelMask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
    }

    @Test
    void gradientsMatchNumericalWithoutMask() {
        // Two stacked GRUs, so the lower one's gradients prove the input epsilon is right too.
        MultiLayerNetwork net = net(RNNFormat.NCW, 12, gru(3, 4, RNNFormat.NCW), gru(4, 3, RNNFormat.NCW),
                rnnOut(3, 2, RNNFormat.NCW));
        assertTrue(check(net, randomNcw(1, 2, 3, 4), oneHotLabels(1, 2, 2, 4), null, null));
        assertTrue(((GruLayerImpl) net.getLayer(0)).lastBackpropFused(), "default activations take the fused backward path");
    }

    @Test
    void gradientsMatchNumericalWithMaskAndNwc() {
        MultiLayerNetwork net = net(RNNFormat.NWC, 13, gru(3, 4, RNNFormat.NWC), gru(4, 3, RNNFormat.NWC),
                rnnOut(3, 2, RNNFormat.NWC));
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {0, 1, 1, 1, 0}});
        INDArray x = randomNcw(2, 3, 3, 5).permute(0, 2, 1).dup();
        INDArray y = oneHotLabels(2, 3, 2, 5).permute(0, 2, 1).dup();
        assertTrue(check(net, x, y, mask, mask));
    }

    @Test
    void gradientsMatchNumericalInsideBidirectional() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 14,
                new Bidirectional(Bidirectional.Mode.CONCAT, gru(3, 3, RNNFormat.NCW)), rnnOut(6, 2, RNNFormat.NCW));
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        assertTrue(check(net, randomNcw(3, 2, 3, 4), oneHotLabels(3, 2, 2, 4), null, null));
        assertTrue(check(net, randomNcw(4, 2, 3, 4), oneHotLabels(4, 2, 2, 4), mask, mask));
    }

    @Test
    void gradientsMatchNumericalUnderLastTimeStepWithMask() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 15, new LastTimeStep(gru(3, 4, RNNFormat.NCW)),
                new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(4).nOut(2).build());
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 0, 0, 0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 0}});
        assertTrue(check(net, randomNcw(5, 3, 3, 4), y, mask, null));
    }
}
