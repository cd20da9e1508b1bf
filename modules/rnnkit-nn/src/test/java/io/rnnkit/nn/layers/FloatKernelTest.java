package io.rnnkit.nn.layers;

import static io.rnnkit.nn.layers.GruLayerTest.randomNcw;
import static io.rnnkit.nn.layers.GruLayerTest.rnnOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Map;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The float LSTM and GRU kernels (large float steps) against the double-precision layers on the same
 * weights: outputs, scores, every parameter gradient and the gradient passed to the layer below, with
 * and without masks, in both data formats, with truncated BPTT and stored state.
 */
class FloatKernelTest {

    /** The two layers with a float kernel, and how a test reads their state. */
    enum Cell {
        LSTM, GRU;

        Layer layer(int nIn, int nOut, RNNFormat format) {
            return this == LSTM ? new LstmLayer.Builder().nIn(nIn).nOut(nOut).dataFormat(format).build()
                    : new GruLayer.Builder().nIn(nIn).nOut(nOut).dataFormat(format).build();
        }

        boolean kernel(org.deeplearning4j.nn.api.Layer l) {
            return l instanceof LstmLayerImpl lstm ? lstm.lastForwardKernel() : ((GruLayerImpl) l).lastForwardKernel();
        }

        boolean reused(org.deeplearning4j.nn.api.Layer l) {
            return l instanceof LstmLayerImpl lstm ? lstm.lastBackpropReused() : ((GruLayerImpl) l).lastBackpropReused();
        }

        boolean fused(org.deeplearning4j.nn.api.Layer l) {
            return l instanceof LstmLayerImpl lstm ? lstm.lastForwardFused() : ((GruLayerImpl) l).lastForwardFused();
        }

        boolean setKernel(boolean on) {
            boolean was = this == LSTM ? LstmLayerImpl.kernelEnabled : GruLayerImpl.kernelEnabled;
            if (this == LSTM) {
                LstmLayerImpl.kernelEnabled = on;
            } else {
                GruLayerImpl.kernelEnabled = on;
            }
            return was;
        }
    }

    // 40 × 64 = 2,560 cells per step: above the fused small-step limit, so float takes the kernel.
    private static final int BATCH = 40;
    private static final int UNITS = 64;
    private static final int FEATURES = 5;
    private static final int STEPS = 7;

    private static MultiLayerNetwork net(Cell cell, DataType type, RNNFormat format, BackpropType backprop) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(11).dataType(type)
                .updater(backprop == BackpropType.TruncatedBPTT ? new Sgd(0.5) : new NoOp()).weightInit(WeightInit.XAVIER).list();
        for (Layer l : new Layer[] {
                cell.layer(FEATURES, UNITS, format),
                cell.layer(UNITS, UNITS, format),
                rnnOut(UNITS, 3, format)}) {
            list.layer(l);
        }
        if (backprop == BackpropType.TruncatedBPTT) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(3).tBPTTBackwardLength(3);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    private static INDArray labels(int steps) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, 3, steps);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < steps; t++) {
                y.putScalar(b, (b + 2 * t) % 3, t, 1.0);
            }
        }
        return y;
    }

    private static INDArray mask() {
        INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
        mask.get(interval(0, 9), interval(4, STEPS)).assign(0);     // shorter sequences
        mask.get(interval(9, 13), interval(0, 2)).assign(0);        // left padding
        return mask;
    }

    /** Output, score and gradient of one network in the given type (double: the reference). */
    private record Run(INDArray out, double score, INDArray gradient, boolean kernel) {
    }

    private static Run run(Cell cell, DataType type, INDArray params, RNNFormat format, INDArray mask) {
        MultiLayerNetwork n = net(cell, type, format, BackpropType.Standard);
        n.setParams(params.castTo(type));
        INDArray x = randomNcw(5, BATCH, FEATURES, STEPS).castTo(type);
        INDArray y = labels(STEPS).castTo(type);
        if (format == RNNFormat.NWC) {
            x = x.permute(0, 2, 1).dup();
            y = y.permute(0, 2, 1).dup();
        }
        INDArray m = mask == null ? null : mask.castTo(type);
        INDArray out = n.feedForward(x, m, m).get(2).castTo(DataType.DOUBLE);
        n.setLayerMaskArrays(m, m);
        n.setInput(x);
        n.setLabels(y);
        n.computeGradientAndScore();
        boolean kernel = cell.kernel(n.getLayer(0)) && cell.kernel(n.getLayer(1)) && cell.reused(n.getLayer(0));
        return new Run(out, n.score(), n.gradient().gradient().castTo(DataType.DOUBLE).dup(), kernel);
    }

    private static void assertSame(Run f, Run d) {
        assertTrue(f.kernel(), "float should take the kernel");
        assertFalse(d.kernel(), "double never takes the kernel");
        assertTrue(f.out().equalsWithEps(d.out(), 2e-6), "outputs");
        assertEquals(d.score(), f.score(), 1e-5);
        INDArray diff = f.gradient().sub(d.gradient());
        double worst = diff.amaxNumber().doubleValue();
        double scale = d.gradient().amaxNumber().doubleValue();
        assertTrue(worst <= 1e-5 * Math.max(1, scale), "gradient differs by " + worst + " (largest " + scale + ")");
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void floatKernelMatchesTheDoublePathWithoutMask(Cell cell) {
        INDArray params = net(cell, DataType.DOUBLE, RNNFormat.NCW, BackpropType.Standard).params().dup();
        for (RNNFormat format : RNNFormat.values()) {
            assertSame(run(cell, DataType.FLOAT, params, format, null), run(cell, DataType.DOUBLE, params, format, null));
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void floatKernelMatchesTheDoublePathWithMask(Cell cell) {
        INDArray params = net(cell, DataType.DOUBLE, RNNFormat.NCW, BackpropType.Standard).params().dup();
        assertSame(run(cell, DataType.FLOAT, params, RNNFormat.NCW, mask()),
                run(cell, DataType.DOUBLE, params, RNNFormat.NCW, mask()));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void floatKernelAgreesWithTheOpPathItReplaces(Cell cell) {
        INDArray params = net(cell, DataType.DOUBLE, RNNFormat.NCW, BackpropType.Standard).params().dup();
        Run kernel = run(cell, DataType.FLOAT, params, RNNFormat.NCW, mask());
        boolean saved = cell.setKernel(false);
        try {
            Run ops = run(cell, DataType.FLOAT, params, RNNFormat.NCW, mask());
            assertFalse(ops.kernel());
            assertTrue(kernel.out().equalsWithEps(ops.out(), 2e-6));
            assertEquals(ops.score(), kernel.score(), 1e-5);
            assertTrue(kernel.gradient().equalsWithEps(ops.gradient(), 1e-5));
        } finally {
            cell.setKernel(saved);
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void truncatedBpttAndStoredStateMatchTheDoublePath(Cell cell) {
        INDArray params = net(cell, DataType.DOUBLE, RNNFormat.NCW, BackpropType.TruncatedBPTT).params().dup();
        Map<DataType, INDArray> after = new java.util.EnumMap<>(DataType.class);
        Map<DataType, INDArray> stepped = new java.util.EnumMap<>(DataType.class);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MultiLayerNetwork n = net(cell, type, RNNFormat.NCW, BackpropType.TruncatedBPTT);
            n.setParams(params.castTo(type));
            INDArray x = randomNcw(8, BATCH, FEATURES, STEPS).castTo(type);
            n.fit(new org.nd4j.linalg.dataset.DataSet(x, labels(STEPS).castTo(type)));   // 3 segments of SGD
            after.put(type, n.params().castTo(DataType.DOUBLE).dup());
            // Stored state: two calls of 3 and 4 steps equal one of 7 (in the kernel for float).
            n.rnnClearPreviousState();
            INDArray first = n.rnnTimeStep(x.get(all(), all(), interval(0, 3)));
            INDArray rest = n.rnnTimeStep(x.get(all(), all(), interval(3, STEPS)));
            INDArray whole = n.output(x);
            assertTrue(whole.get(all(), all(), interval(0, 3)).equalsWithEps(first, 1e-6), type.toString());
            assertTrue(whole.get(all(), all(), interval(3, STEPS)).equalsWithEps(rest, 1e-6), type.toString());
            if (type == DataType.FLOAT) {
                assertTrue(cell.kernel(n.getLayer(0)));
            }
            stepped.put(type, whole.castTo(DataType.DOUBLE));
        }
        assertTrue(stepped.get(DataType.FLOAT).equalsWithEps(stepped.get(DataType.DOUBLE), 2e-6));
        assertFalse(after.get(DataType.DOUBLE).equalsWithEps(params, 1e-3), "training must move the weights");
        assertTrue(after.get(DataType.FLOAT).equalsWithEps(after.get(DataType.DOUBLE), 1e-5));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void floatKernelMatchesThePlainJavaKerasEquations(Cell cell) {
        // Fixed weights, a batch large enough for the kernel, against the reference evaluation of the Keras
        // equations in doubles (the same reference the layers' own tests use).
        int d = 3;
        int h = 64;
        int batch = 36;
        int gates = cell == Cell.LSTM ? 4 : 3;
        double[][] kernel = GruLayerTest.fixedMatrix(d, gates * h, 0.3);
        double[][] recurrent = GruLayerTest.fixedMatrix(h, gates * h, 1.4);
        for (double[] row : recurrent) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= 0.2;   // keep the 64-unit recurrence out of saturation so the comparison means something
            }
        }
        double[] bIn = GruLayerTest.fixedVector(gates * h, 0.9);
        double[] bRec = GruLayerTest.fixedVector(gates * h, 1.7);
        INDArray x = randomNcw(13, batch, d, 5);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(cell.layer(d, h, RNNFormat.NCW)).build());
        net.init();
        double[][][] expected;
        if (cell == Cell.LSTM) {
            LstmParamInitializer.loadKeras(net.getLayer(0), Nd4j.createFromArray(kernel),
                    Nd4j.createFromArray(recurrent), Nd4j.createFromArray(bIn));
            expected = LstmLayerTest.reference(GruLayerTest.toBtd(x), kernel, recurrent, bIn, h);
        } else {
            GruParamInitializer.loadKeras(net.getLayer(0), Nd4j.createFromArray(kernel),
                    Nd4j.createFromArray(recurrent), Nd4j.createFromArray(new double[][] {bIn, bRec}));
            expected = GruLayerTest.reference(GruLayerTest.toBtd(x), kernel, recurrent, bIn, bRec, h);
        }
        INDArray out = net.output(x.castTo(DataType.FLOAT));
        assertTrue(cell.kernel(net.getLayer(0)));
        GruLayerTest.assertMatchesReference(expected, out.castTo(DataType.DOUBLE), 2e-6);
    }

    @Test
    void floatActivationsAreWithinTheirStatedError() {
        double tanhWorst = 0;
        double sigmoidWorst = 0;
        for (float x = -40f; x <= 40f; x += 0.001f) {
            tanhWorst = Math.max(tanhWorst, Math.abs(FloatActivations.tanh(x) - Math.tanh(x)));
            sigmoidWorst = Math.max(sigmoidWorst, Math.abs(FloatActivations.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(tanhWorst < 4e-7, "tanh error " + tanhWorst);
        assertTrue(sigmoidWorst < 3e-7, "sigmoid error " + sigmoidWorst);
        assertEquals(1f, FloatActivations.tanh(Float.POSITIVE_INFINITY), 4e-7f);
        assertTrue(Float.isNaN(FloatActivations.tanh(Float.NaN)));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void aKeptTrainingPassIsNotReusedForAnotherInput(Cell cell) {
        MultiLayerNetwork n = net(cell, DataType.FLOAT, RNNFormat.NCW, BackpropType.Standard);
        n.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = n.getLayer(0);
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr ws = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray a = randomNcw(1, BATCH, FEATURES, STEPS).castTo(DataType.FLOAT);
        INDArray b = randomNcw(2, BATCH, FEATURES, STEPS).castTo(DataType.FLOAT);
        INDArray eps = randomNcw(3, BATCH, UNITS, STEPS).castTo(DataType.FLOAT);

        layer.setInput(b, ws);
        layer.activate(true, ws);
        INDArray expected = layer.backpropGradient(eps, ws).getFirst().gradient().dup();
        assertTrue(cell.reused(layer));

        layer.setInput(a, ws);
        layer.activate(true, ws);          // kept for a, then the input changes
        layer.setInput(b, ws);
        INDArray got = layer.backpropGradient(eps, ws).getFirst().gradient().dup();
        assertFalse(cell.reused(layer));
        assertEquals(expected, got);

        layer.setInput(b, ws);
        layer.activate(true, ws);          // kept, then the weights change
        layer.setParams(layer.params().mul(0.5));
        INDArray halved = layer.backpropGradient(eps, ws).getFirst().gradient().dup();
        assertFalse(cell.reused(layer));
        assertFalse(expected.equalsWithEps(halved, 1e-3));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void smallFloatStepsStayOnTheFusedPath(Cell cell) {
        MultiLayerNetwork n = net(cell, DataType.FLOAT, RNNFormat.NCW, BackpropType.Standard);
        n.output(randomNcw(3, 2, FEATURES, STEPS).castTo(DataType.FLOAT));
        assertFalse(cell.kernel(n.getLayer(0)));
        assertTrue(cell.fused(n.getLayer(0)));
    }
}
