package io.rnnkit.nn.layers;

import static io.rnnkit.nn.layers.GruLayerTest.assertMatchesReference;
import static io.rnnkit.nn.layers.GruLayerTest.fixedMatrix;
import static io.rnnkit.nn.layers.GruLayerTest.fixedVector;
import static io.rnnkit.nn.layers.GruLayerTest.net;
import static io.rnnkit.nn.layers.GruLayerTest.randomNcw;
import static io.rnnkit.nn.layers.GruLayerTest.rnnOut;
import static io.rnnkit.nn.layers.GruLayerTest.sigmoid;
import static io.rnnkit.nn.layers.GruLayerTest.toBtd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Forward values, parameter layout, state, masks and serialisation of the LSTM layer. */
class LstmLayerTest {

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

    static LstmLayer lstm(int nIn, int nOut, RNNFormat format) {
        return new LstmLayer.Builder().nIn(nIn).nOut(nOut).dataFormat(format).build();
    }

    /** Standalone LSTM network whose output is the LSTM's output sequence. */
    static MultiLayerNetwork lstmOnly(int nIn, int nOut, RNNFormat format) {
        return net(format, 42, lstm(nIn, nOut, format));
    }

    /**
     * Keras LSTM equations in plain doubles: x [B][T][D]; kernel [D][4H]; recurrent [H][4H]; bias 4H;
     * gates i|f|c|o; result [B][T][H].
     */
    static double[][][] reference(double[][][] x, double[][] kernel, double[][] recurrent, double[] bias, int h) {
        int batch = x.length;
        int steps = x[0].length;
        int d = x[0][0].length;
        double[][][] out = new double[batch][steps][h];
        for (int b = 0; b < batch; b++) {
            double[] state = new double[h];
            double[] cell = new double[h];
            for (int t = 0; t < steps; t++) {
                double[] z = new double[4 * h];
                for (int g = 0; g < 4 * h; g++) {
                    z[g] = bias[g];
                    for (int i = 0; i < d; i++) {
                        z[g] += x[b][t][i] * kernel[i][g];
                    }
                    for (int j = 0; j < h; j++) {
                        z[g] += state[j] * recurrent[j][g];
                    }
                }
                double[] next = new double[h];
                for (int j = 0; j < h; j++) {
                    double in = sigmoid(z[j]);
                    double forget = sigmoid(z[h + j]);
                    double cand = Math.tanh(z[2 * h + j]);
                    double outGate = sigmoid(z[3 * h + j]);
                    cell[j] = forget * cell[j] + in * cand;
                    next[j] = outGate * Math.tanh(cell[j]);
                }
                state = next;
                out[b][t] = next.clone();
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void parameterCountLayoutAndForgetBiasMatchKeras() {
        MultiLayerNetwork net = lstmOnly(32, 32, RNNFormat.NCW);
        assertEquals(8_320, net.numParams());
        assertEquals(8_320, LstmParamInitializer.numParams(32, 32));
        Map<String, INDArray> p = net.getLayer(0).paramTable();
        assertEquals(List.of("W", "RW", "b"), List.copyOf(p.keySet()));
        assertArrayEquals(new long[] {32, 128}, p.get("W").shape());
        assertArrayEquals(new long[] {32, 128}, p.get("RW").shape());
        assertArrayEquals(new long[] {1, 128}, p.get("b").shape());
        // unit_forget_bias: the forget block (second) starts at 1, the others at 0.
        INDArray b = p.get("b");
        assertEquals(0.0, b.get(all(), interval(0, 32)).amaxNumber().doubleValue());
        assertEquals(32.0, b.get(all(), interval(32, 64)).sumNumber().doubleValue());
        assertEquals(0.0, b.get(all(), interval(64, 128)).amaxNumber().doubleValue());

        // The flat vector is W (column-major), then RW, then b.
        MultiLayerNetwork small = lstmOnly(2, 3, RNNFormat.NCW);
        assertEquals(72, small.numParams());
        small.setParams(Nd4j.linspace(0, 71, 72, DataType.DOUBLE).reshape(1, 72));
        INDArray w = small.getLayer(0).getParam("W");
        assertEquals(1, w.getDouble(1, 0), "W is column-major: W[1,0] follows W[0,0]");
        assertEquals(2, w.getDouble(0, 1));
        assertEquals(24, small.getLayer(0).getParam("RW").getDouble(0, 0));
        assertEquals(60, small.getLayer(0).getParam("b").getDouble(0, 0));

        MultiLayerNetwork custom = net(RNNFormat.NCW, 1,
                new LstmLayer.Builder().nIn(2).nOut(3).forgetGateBiasInit(0.25).build());
        assertEquals(0.75, custom.getLayer(0).getParam("b").sumNumber().doubleValue(), 1e-12);
    }

    @Test
    void forwardMatchesHandComputedReference() {
        int d = 2;
        int h = 3;
        double[][] kernel = fixedMatrix(d, 4 * h, 0.1);
        double[][] recurrent = fixedMatrix(h, 4 * h, 2.0);
        double[] bias = fixedVector(4 * h, 0.5);
        INDArray x = randomNcw(7, 2, d, 4);
        double[][][] expected = reference(toBtd(x), kernel, recurrent, bias, h);

        for (RNNFormat format : RNNFormat.values()) {
            MultiLayerNetwork net = lstmOnly(d, h, format);
            LstmParamInitializer.loadKeras(net.getLayer(0), Nd4j.createFromArray(kernel),
                    Nd4j.createFromArray(recurrent), Nd4j.createFromArray(bias));
            INDArray in = format == RNNFormat.NCW ? x : x.permute(0, 2, 1).dup();
            INDArray out = net.output(in);
            INDArray ncw = format == RNNFormat.NCW ? out : out.permute(0, 2, 1);
            assertArrayEquals(new long[] {2, h, 4}, ncw.shape());
            assertMatchesReference(expected, ncw, 1e-6);
        }
    }

    @Test
    void floatNetworksMatchTheReferenceToFloatPrecision() {
        // Float is the training default and runs the fused math in float buffers.
        int d = 3;
        int h = 4;
        double[][] kernel = fixedMatrix(d, 4 * h, 0.3);
        double[][] recurrent = fixedMatrix(h, 4 * h, 1.4);
        double[] bias = fixedVector(4 * h, 0.9);
        INDArray x = randomNcw(17, 3, d, 6);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(lstm(d, h, RNNFormat.NCW)).build());
        net.init();
        LstmParamInitializer.loadKeras(net.getLayer(0), Nd4j.createFromArray(kernel),
                Nd4j.createFromArray(recurrent), Nd4j.createFromArray(bias));
        INDArray out = net.output(x.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, out.dataType());
        assertMatchesReference(reference(toBtd(x), kernel, recurrent, bias, h), out.castTo(DataType.DOUBLE), 1e-5);

        // Gradients in float agree with double ones (with a mask, so the masked branch runs in float too).
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 2, 6);
        y.get(all(), point(1), all()).assign(1);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}, {0, 0, 1, 1, 1, 1}});
        INDArray[] grads = new INDArray[2];
        INDArray params = null;
        int k = 0;
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(type).seed(2)
                    .weightInit(WeightInit.XAVIER).list().layer(lstm(d, h, RNNFormat.NCW))
                    .layer(rnnOut(h, 2, RNNFormat.NCW)).build());
            n.init();
            if (params == null) {
                params = n.params().dup();
            } else {
                n.setParams(params.castTo(type));   // the same (float-representable) weights in both
            }
            n.setLayerMaskArrays(mask.castTo(type), mask.castTo(type));
            n.setInput(x.castTo(type));
            n.setLabels(y.castTo(type));
            n.computeGradientAndScore();
            assertTrue(((LstmLayerImpl) n.getLayer(0)).lastBackpropFused(), type.toString());
            grads[k++] = n.gradient().gradient().castTo(DataType.DOUBLE);
        }
        assertTrue(grads[0].equalsWithEps(grads[1], 1e-5), grads[0] + " vs " + grads[1]);
    }

    @Test
    void pyTorchWeightsLoadTransposedWithSummedBiases() {
        int d = 2;
        int h = 3;
        double[][] wIh = fixedMatrix(4 * h, d, 0.4);   // PyTorch: [4H, D], rows i|f|g|o
        double[][] wHh = fixedMatrix(4 * h, h, 1.1);
        double[] bIh = fixedVector(4 * h, 0.2);
        double[] bHh = fixedVector(4 * h, 2.5);
        INDArray x = randomNcw(11, 2, d, 4);

        MultiLayerNetwork net = lstmOnly(d, h, RNNFormat.NCW);
        LstmParamInitializer.loadPyTorch(net.getLayer(0), Nd4j.createFromArray(wIh), Nd4j.createFromArray(wHh),
                Nd4j.createFromArray(bIh), Nd4j.createFromArray(bHh));

        // PyTorch's documented equations: gates = W_ih x + b_ih + W_hh h + b_hh.
        double[][] kernel = new double[d][4 * h];
        double[][] recurrent = new double[h][4 * h];
        double[] bias = new double[4 * h];
        for (int g = 0; g < 4 * h; g++) {
            for (int i = 0; i < d; i++) {
                kernel[i][g] = wIh[g][i];
            }
            for (int j = 0; j < h; j++) {
                recurrent[j][g] = wHh[g][j];
            }
            bias[g] = bIh[g] + bHh[g];
        }
        assertMatchesReference(reference(toBtd(x), kernel, recurrent, bias, h), net.output(x), 1e-6);

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> LstmParamInitializer.loadPyTorch(net.getLayer(0), Nd4j.createFromArray(wHh),
                        Nd4j.createFromArray(wHh), Nd4j.createFromArray(bIh), Nd4j.createFromArray(bHh)));
        assertEquals("weight_ih must be [12, 2], got [12, 3]", wrong.getMessage());
        IllegalArgumentException bias3 = assertThrows(IllegalArgumentException.class,
                () -> LstmParamInitializer.loadKeras(net.getLayer(0), Nd4j.createFromArray(kernel),
                        Nd4j.createFromArray(recurrent), Nd4j.zeros(DataType.DOUBLE, 2, 12)));
        assertEquals("bias must have 12 values, got shape [2, 12]", bias3.getMessage());
    }

    /** Copies our Keras-ordered (i|f|c|o) weights into DL4J's LSTM layout (c|f|o|i). */
    static void copyToDl4jLstm(org.deeplearning4j.nn.api.Layer ours, org.deeplearning4j.nn.api.Layer dl4j, int h) {
        int[] kerasBlockOfDl4jBlock = {2, 1, 3, 0};
        for (String key : List.of("W", "RW", "b")) {
            INDArray src = ours.getParam(key);
            INDArray dst = dl4j.getParam(key);
            for (int blockIdx = 0; blockIdx < 4; blockIdx++) {
                int k = kerasBlockOfDl4jBlock[blockIdx];
                dst.get(all(), interval(blockIdx * h, (blockIdx + 1) * h))
                        .assign(src.get(all(), interval(k * h, (k + 1) * h)));
            }
        }
    }

    @Test
    void equalsDl4jLstmOnTheSameWeightsWithoutMask() {
        int d = 3;
        int h = 5;
        MultiLayerNetwork ours = net(RNNFormat.NCW, 21, lstm(d, h, RNNFormat.NCW), rnnOut(h, 2, RNNFormat.NCW));
        MultiLayerNetwork theirs = net(RNNFormat.NCW, 22,
                new LSTM.Builder().nIn(d).nOut(h).activation(Activation.TANH).build(), rnnOut(h, 2, RNNFormat.NCW));
        assertEquals(theirs.numParams(), ours.numParams());
        copyToDl4jLstm(ours.getLayer(0), theirs.getLayer(0), h);
        theirs.getLayer(1).setParams(ours.getLayer(1).params().dup());

        INDArray x = randomNcw(9, 4, d, 6);
        assertTrue(ours.output(x).equalsWithEps(theirs.output(x), 1e-5));

        // Gradients agree too, after mapping DL4J's gate blocks back.
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 2, 6);
        y.get(all(), point(1), all()).assign(1);
        ours.setInput(x);
        ours.setLabels(y);
        ours.computeGradientAndScore();
        theirs.setInput(x);
        theirs.setLabels(y);
        theirs.computeGradientAndScore();
        assertEquals(theirs.score(), ours.score(), 1e-10);
        MultiLayerNetwork mapped = net(RNNFormat.NCW, 23,
                new LSTM.Builder().nIn(d).nOut(h).activation(Activation.TANH).build(), rnnOut(h, 2, RNNFormat.NCW));
        ours.setParams(ours.gradient().gradient().dup());   // reuse the layout mapping for gradients
        copyToDl4jLstm(ours.getLayer(0), mapped.getLayer(0), h);
        INDArray theirGrad = theirs.gradient().gradient();
        INDArray ourGradMapped = mapped.getLayer(0).params();
        long n = ourGradMapped.length();
        assertTrue(ourGradMapped.reshape(n).equalsWithEps(theirGrad.get(interval(0, n)).reshape(n), 1e-8));
    }

    @Test
    void fusedAndGenericStepMathGiveTheSameOutputsAndGradients() {
        // Subclassed activations compute the same functions but take the generic ND4J-op path.
        LstmLayer generic = new LstmLayer.Builder().nIn(3).nOut(4).activation(new ActivationTanH() { })
                .gateActivationFunction(new ActivationSigmoid() { }).build();
        MultiLayerNetwork fusedNet = net(RNNFormat.NCW, 31, lstm(3, 4, RNNFormat.NCW), rnnOut(4, 2, RNNFormat.NCW));
        MultiLayerNetwork genericNet = net(RNNFormat.NCW, 31, generic, rnnOut(4, 2, RNNFormat.NCW));
        genericNet.setParams(fusedNet.params());
        INDArray x = randomNcw(12, 3, 3, 5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 2, 5);
        y.get(all(), point(0), all()).assign(1);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {0, 1, 1, 0, 1}});
        for (INDArray m : java.util.Arrays.asList(null, mask)) {
            INDArray[] grads = new INDArray[2];
            double[] scores = new double[2];
            int k = 0;
            for (MultiLayerNetwork net : List.of(fusedNet, genericNet)) {
                net.setLayerMaskArrays(m, m);
                net.setInput(x);
                net.setLabels(y);
                net.computeGradientAndScore();
                grads[k] = net.gradient().gradient().dup();
                scores[k++] = net.score();
                net.clearLayerMaskArrays();
            }
            assertTrue(((LstmLayerImpl) fusedNet.getLayer(0)).lastBackpropFused());
            assertTrue(((LstmLayerImpl) fusedNet.getLayer(0)).lastForwardFused());
            assertTrue(!((LstmLayerImpl) genericNet.getLayer(0)).lastBackpropFused());
            assertTrue(!((LstmLayerImpl) genericNet.getLayer(0)).lastForwardFused());
            assertEquals(scores[1], scores[0], 1e-12);
            assertTrue(grads[1].equalsWithEps(grads[0], 1e-12), "mask " + (m != null));
            assertTrue(fusedNet.output(x, false, m, null).equalsWithEps(genericNet.output(x, false, m, null), 1e-12));
        }
    }

    @Test
    void largeBatchesTakeTheOpPathAndAgreeWithTheFusedSmallBatchPath() {
        MultiLayerNetwork net = lstmOnly(3, 64, RNNFormat.NCW);
        GruLayerTest.assertOpAndFusedForwardAgree(net, () -> ((LstmLayerImpl) net.getLayer(0)).lastForwardFused());
        net.output(randomNcw(1, 40, 3, 6));
        assertTrue(((LstmLayerImpl) net.getLayer(0)).lastForwardHybrid());
    }

    @Test
    void largeStepFusedForwardTrainsLikeTheGenericOps() {
        // 40 x 64 cells: the default activations take the large-step path (one sigmoid over the gate block, tanh
        // of c', two Java passes); subclassed activations take the generic ND4J ops.
        LstmLayer generic = new LstmLayer.Builder().nIn(3).nOut(64).activation(new ActivationTanH() { })
                .gateActivationFunction(new ActivationSigmoid() { }).build();
        MultiLayerNetwork fast = net(RNNFormat.NCW, 5, lstm(3, 64, RNNFormat.NCW), rnnOut(64, 2, RNNFormat.NCW));
        MultiLayerNetwork slow = net(RNNFormat.NCW, 5, generic, rnnOut(64, 2, RNNFormat.NCW));
        slow.setParams(fast.params());
        INDArray x = randomNcw(21, 40, 3, 5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 40, 2, 5);
        y.get(all(), point(1), all()).assign(1);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 40, 5);
        mask.get(interval(0, 7), interval(2, 5)).assign(0);
        INDArray[] grads = new INDArray[2];
        double[] scores = new double[2];
        int k = 0;
        for (MultiLayerNetwork n : List.of(fast, slow)) {
            n.setLayerMaskArrays(mask, mask);
            n.setInput(x);
            n.setLabels(y);
            n.computeGradientAndScore();
            grads[k] = n.gradient().gradient().dup();
            scores[k++] = n.score();
            n.clearLayerMaskArrays();
        }
        assertTrue(((LstmLayerImpl) fast.getLayer(0)).lastForwardHybrid());
        assertTrue(!((LstmLayerImpl) slow.getLayer(0)).lastForwardHybrid());
        assertEquals(scores[1], scores[0], 1e-10);
        assertTrue(grads[1].equalsWithEps(grads[0], 1e-10));
    }

    @Test
    void steppingOneStepAtATimeEqualsFullSequence() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 3, lstm(3, 5, RNNFormat.NCW), rnnOut(5, 4, RNNFormat.NCW));
        INDArray x = randomNcw(5, 2, 3, 6);
        INDArray full = net.output(x);

        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray step = net.rnnTimeStep(x.get(all(), all(), interval(t, t + 1)));
            assertTrue(full.get(all(), all(), interval(t, t + 1)).equalsWithEps(step, 1e-10), "step " + t);
        }
        // The stored state is h (the LSTM's last output) and the cell state c.
        Map<String, INDArray> state = net.rnnGetPreviousState(0);
        INDArray lstmOut = net.feedForwardToLayer(0, x, false).get(1);
        assertTrue(lstmOut.get(all(), all(), point(5)).equalsWithEps(
                state.get(LstmLayerImpl.STATE_KEY_PREV_ACTIVATION), 1e-10));
        assertArrayEquals(new long[] {2, 5}, state.get(LstmLayerImpl.STATE_KEY_PREV_MEMCELL).shape());

        net.rnnClearPreviousState();
        assertTrue(net.rnnGetPreviousState(0).isEmpty());
        INDArray again = net.rnnTimeStep(x.get(all(), all(), interval(0, 3)));
        assertTrue(full.get(all(), all(), interval(0, 3)).equalsWithEps(again, 1e-10));

        // Restoring a saved state continues from there; a wrong cell state changes the result.
        Map<String, INDArray> saved = Map.copyOf(net.rnnGetPreviousState(0));
        INDArray rest1 = net.rnnTimeStep(x.get(all(), all(), interval(3, 6)));
        net.rnnSetPreviousState(0, saved);
        INDArray rest2 = net.rnnTimeStep(x.get(all(), all(), interval(3, 6)));
        assertTrue(rest1.equalsWithEps(rest2, 1e-12));
        assertTrue(full.get(all(), all(), interval(3, 6)).equalsWithEps(rest2, 1e-10));
        net.rnnSetPreviousState(0, Map.of(LstmLayerImpl.STATE_KEY_PREV_ACTIVATION,
                saved.get(LstmLayerImpl.STATE_KEY_PREV_ACTIVATION),
                LstmLayerImpl.STATE_KEY_PREV_MEMCELL, Nd4j.zeros(DataType.DOUBLE, 2, 5)));
        assertTrue(!rest1.equalsWithEps(net.rnnTimeStep(x.get(all(), all(), interval(3, 6))), 1e-6));
    }

    /** Batch of three sequences (full, post-padded, pre-padded) with garbage in the padding. */
    private record Padded(INDArray a, INDArray b, INDArray c, INDArray batch, INDArray mask) {
        static Padded make() {
            INDArray a = randomNcw(1, 1, 3, 5);
            INDArray b = randomNcw(2, 1, 3, 2);
            INDArray c = randomNcw(3, 1, 3, 3);
            INDArray batch = Nd4j.rand(DataType.DOUBLE, 3, 3, 5).muli(100);
            batch.get(interval(0, 1), all(), all()).assign(a);
            batch.get(interval(1, 2), all(), interval(0, 2)).assign(b);
            batch.get(interval(2, 3), all(), interval(2, 5)).assign(c);
            INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {0, 0, 1, 1, 1}});
            return new Padded(a, b, c, batch, mask);
        }

        void assertEachAlone(MultiLayerNetwork net, double tol) {
            INDArray out = net.output(batch, false, mask, null);
            assertTrue(net.output(a).equalsWithEps(out.get(interval(0, 1), all(), all()), tol));
            assertTrue(net.output(b).equalsWithEps(out.get(interval(1, 2), all(), interval(0, 2)), tol));
            assertTrue(net.output(c).equalsWithEps(out.get(interval(2, 3), all(), interval(2, 5)), tol));
            assertEquals(0.0, out.get(interval(1, 2), all(), interval(2, 5)).amaxNumber().doubleValue());
            assertEquals(0.0, out.get(interval(2, 3), all(), interval(0, 2)).amaxNumber().doubleValue());
        }
    }

    @Test
    void paddedBatchGivesSameOutputsAsEachSequenceAlone() {
        Padded p = Padded.make();
        MultiLayerNetwork net = lstmOnly(3, 4, RNNFormat.NCW);
        p.assertEachAlone(net, 1e-10);

        // Many-to-one: LastTimeStep picks the last valid step of each sequence.
        MultiLayerNetwork last = net(RNNFormat.NCW, 42, new LastTimeStep(lstm(3, 4, RNNFormat.NCW)));
        last.setParams(net.params());
        INDArray lastOut = last.output(p.batch(), false, p.mask(), null);
        assertTrue(net.output(p.a()).get(all(), all(), point(4)).equalsWithEps(lastOut.getRow(0, true), 1e-10));
        assertTrue(net.output(p.b()).get(all(), all(), point(1)).equalsWithEps(lastOut.getRow(1, true), 1e-10));
        assertTrue(net.output(p.c()).get(all(), all(), point(2)).equalsWithEps(lastOut.getRow(2, true), 1e-10));
    }

    @Test
    void paddedBatchIsExactInsideBidirectional() {
        // The backward direction meets the padding first: exact only if padding leaves h and c alone.
        Padded p = Padded.make();
        for (Bidirectional.Mode mode : List.of(Bidirectional.Mode.CONCAT, Bidirectional.Mode.ADD)) {
            MultiLayerNetwork net = net(RNNFormat.NCW, 8, new Bidirectional(mode, lstm(3, 4, RNNFormat.NCW)));
            p.assertEachAlone(net, 1e-10);
        }
    }

    @Test
    void maskedStepsKeepStateAndGetNoGradient() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 9, lstm(3, 4, RNNFormat.NCW), rnnOut(4, 2, RNNFormat.NCW));
        INDArray x = randomNcw(4, 2, 3, 4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 2, 4);
        labels.get(all(), point(0), all()).assign(1);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 0, 1, 0}});
        net.setLayerMaskArrays(mask, mask);
        net.setInput(x);
        net.setLabels(labels);
        net.computeGradientAndScore();
        INDArray grad1 = net.gradient().gradient().dup();
        double score1 = net.score();

        // Changing the input at masked steps changes neither the loss nor the gradients.
        INDArray x2 = x.dup();
        x2.get(interval(1, 2), all(), point(1)).assign(50);
        x2.get(interval(1, 2), all(), point(3)).assign(-50);
        net.setInput(x2);
        net.computeGradientAndScore();
        assertEquals(score1, net.score(), 1e-12);
        assertTrue(grad1.equalsWithEps(net.gradient().gradient(), 1e-12));
        net.clearLayerMaskArrays();
    }

    @Test
    void nwcAndNcwGiveTheSameOutputs() {
        MultiLayerNetwork ncw = lstmOnly(3, 4, RNNFormat.NCW);
        MultiLayerNetwork nwc = lstmOnly(3, 4, RNNFormat.NWC);
        nwc.setParams(ncw.params());
        INDArray x = randomNcw(8, 2, 3, 5);
        INDArray outNwc = nwc.output(x.permute(0, 2, 1).dup());
        assertArrayEquals(new long[] {2, 5, 4}, outNwc.shape());
        assertTrue(ncw.output(x).equalsWithEps(outNwc.permute(0, 2, 1), 1e-12));
    }

    @Test
    void configurationRoundTripsThroughJsonAndNetworkThroughModelSerializer(@TempDir Path dir) throws Exception {
        LstmLayer layer = new LstmLayer.Builder().nIn(3).nOut(5).activation(Activation.SOFTSIGN)
                .gateActivationFunction(Activation.HARDSIGMOID).forgetGateBiasInit(2.0)
                .dataFormat(RNNFormat.NWC).build();
        MultiLayerNetwork net = net(RNNFormat.NWC, 1, layer, rnnOut(5, 2, RNNFormat.NWC));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains("io.rnnkit.nn.layers.LstmLayer"), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        LstmLayer restored = (LstmLayer) back.getConf(0).getLayer();
        assertEquals("softsign", restored.getActivationFn().toString());
        assertEquals(Activation.HARDSIGMOID.getActivationFunction(), restored.getGateActivationFn());
        assertEquals(2.0, restored.getForgetGateBiasInit());
        assertEquals(RNNFormat.NWC, restored.getRnnDataFormat());

        File file = dir.resolve("lstm.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
        INDArray x = randomNcw(2, 2, 6, 3);   // NWC: [batch, time, features]
        assertEquals(net.params(), loaded.params());
        assertTrue(net.output(x).equalsWithEps(loaded.output(x), 0.0));
    }

    @Test
    void truncatedBpttTrainingReducesLossOnEchoTask() {
        // Label at step t is the symbol seen at step t-1: needs the recurrent state across segments.
        int classes = 3;
        int steps = 24;
        int batch = 16;
        Random rnd = new Random(5);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, batch, classes, steps);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, classes, steps);
        for (int b = 0; b < batch; b++) {
            int prev = 0;
            for (int t = 0; t < steps; t++) {
                int s = rnd.nextInt(classes);
                x.putScalar(new long[] {b, s, t}, 1);
                y.putScalar(new long[] {b, prev, t}, 1);
                prev = s;
            }
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(lstm(classes, 8, RNNFormat.NCW))
                .layer(rnnOut(8, classes, RNNFormat.NCW))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTLength(6)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet ds = new DataSet(x, y);
        double before = net.score(ds);
        for (int i = 0; i < 25; i++) {
            net.fit(ds);
        }
        double after = net.score(ds);
        assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
    }

    @Test
    void badInputGivesClearErrors() {
        MultiLayerNetwork net = lstmOnly(3, 4, RNNFormat.NCW);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.zeros(DataType.DOUBLE, 2, 5, 4)));
        assertEquals("LSTM layer \"layer0\" (index 0) expects 3 input features, got 5 (input shape [2, 5, 4])", e.getMessage());

        IllegalArgumentException noSize = assertThrows(IllegalArgumentException.class,
                () -> net(RNNFormat.NCW, 1, new LstmLayer.Builder().nOut(4).build()));
        assertTrue(noSize.getMessage().contains("nIn and nOut"), noSize.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LstmLayer.Builder().forgetGateBiasInit(Double.NaN));

        net.rnnTimeStep(Nd4j.zeros(DataType.DOUBLE, 2, 3, 1));
        IllegalArgumentException state = assertThrows(IllegalArgumentException.class,
                () -> net.rnnTimeStep(Nd4j.zeros(DataType.DOUBLE, 5, 3, 1)));
        assertTrue(state.getMessage().contains("rnnClearPreviousState"), state.getMessage());

        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.zeros(DataType.DOUBLE, 2, 3, 4), false, Nd4j.ones(DataType.DOUBLE, 2, 3), null));
        assertTrue(mask.getMessage().contains("feature mask must be [batch, time] = [2, 4]"), mask.getMessage());
    }

    @Test
    void memoryReportAndToStringDescribeTheLayer() {
        LstmLayer layer = lstm(32, 32, RNNFormat.NCW);
        var report = layer.getMemoryReport(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(32, 10));
        assertNotNull(report);
        assertEquals(8_320, report.getParameterSize());
        assertTrue(layer.toString().contains("nIn=32, nOut=32"), layer.toString());
        assertEquals("tanh", layer.getActivationFn().toString());
        assertEquals("sigmoid", layer.getGateActivationFn().toString());
        assertEquals(1.0, layer.getForgetGateBiasInit());
    }

    @Test
    void bidirectionalAndLastTimeStepWrappersGiveExpectedShapes() {
        MultiLayerNetwork bi = net(RNNFormat.NCW, 6,
                new Bidirectional(Bidirectional.Mode.CONCAT, lstm(3, 4, RNNFormat.NCW)), rnnOut(8, 2, RNNFormat.NCW));
        assertEquals(2 * LstmParamInitializer.numParams(3, 4) + 8 * 2 + 2, bi.numParams());
        assertArrayEquals(new long[] {2, 8, 5}, bi.feedForwardToLayer(0, randomNcw(1, 2, 3, 5), false).get(1).shape());

        MultiLayerNetwork last = net(RNNFormat.NCW, 4, new LastTimeStep(lstm(3, 4, RNNFormat.NCW)),
                new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(4).nOut(2).build());
        INDArray out = last.output(randomNcw(3, 5, 3, 7));
        assertArrayEquals(new long[] {5, 2}, out.shape());
        assertEquals(5.0, out.sumNumber().doubleValue(), 1e-9);
    }
}
