package io.rnnkit.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
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
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Forward values, parameter layout, state, masks and serialisation of the GRU layer. */
class GruLayerTest {

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

    static MultiLayerNetwork net(RNNFormat format, long seed, Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list();
        for (Layer l : layers) {
            list.layer(l);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    static GruLayer gru(int nIn, int nOut, RNNFormat format) {
        return new GruLayer.Builder().nIn(nIn).nOut(nOut).dataFormat(format).build();
    }

    static RnnOutputLayer rnnOut(int nIn, int nOut, RNNFormat format) {
        return new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(nIn).nOut(nOut).dataFormat(format).build();
    }

    /** Standalone GRU network whose output is the GRU's output sequence. */
    static MultiLayerNetwork gruOnly(int nIn, int nOut, RNNFormat format) {
        return net(format, 42, gru(nIn, nOut, format));
    }

    static INDArray randomNcw(long seed, int batch, int features, int steps) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, batch, features, steps).subi(0.5).muli(2);
    }

    // ---------------------------------------------------------------------------------------------
    // Reference implementation, straight from the Keras reset_after equations, in plain doubles.

    /** x [B][T][D]; kernel [D][3H]; recurrent [H][3H]; biases 3H each; result [B][T][H]. */
    static double[][][] reference(double[][][] x, double[][] kernel, double[][] recurrent, double[] bIn,
                                  double[] bRec, int h) {
        int batch = x.length;
        int steps = x[0].length;
        int d = x[0][0].length;
        double[][][] out = new double[batch][steps][h];
        for (int b = 0; b < batch; b++) {
            double[] state = new double[h];
            for (int t = 0; t < steps; t++) {
                double[] xp = new double[3 * h];
                double[] hp = new double[3 * h];
                for (int g = 0; g < 3 * h; g++) {
                    xp[g] = bIn[g];
                    for (int i = 0; i < d; i++) {
                        xp[g] += x[b][t][i] * kernel[i][g];
                    }
                    hp[g] = bRec[g];
                    for (int j = 0; j < h; j++) {
                        hp[g] += state[j] * recurrent[j][g];
                    }
                }
                double[] next = new double[h];
                for (int j = 0; j < h; j++) {
                    double z = sigmoid(xp[j] + hp[j]);
                    double r = sigmoid(xp[h + j] + hp[h + j]);
                    double hh = Math.tanh(xp[2 * h + j] + r * hp[2 * h + j]);
                    next[j] = z * state[j] + (1 - z) * hh;
                }
                state = next;
                out[b][t] = next.clone();
            }
        }
        return out;
    }

    static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    static double[][] fixedMatrix(int rows, int cols, double phase) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = 0.6 * Math.sin(phase + 1.3 * i + 0.7 * j);
            }
        }
        return m;
    }

    static double[] fixedVector(int n, double phase) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.3 * Math.cos(phase + 0.9 * i);
        }
        return v;
    }

    /** [B][T][D] copy of an NCW array. */
    static double[][][] toBtd(INDArray ncw) {
        int batch = (int) ncw.size(0);
        int d = (int) ncw.size(1);
        int steps = (int) ncw.size(2);
        double[][][] x = new double[batch][steps][d];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < d; i++) {
                    x[b][t][i] = ncw.getDouble(b, i, t);
                }
            }
        }
        return x;
    }

    static void assertMatchesReference(double[][][] expected, INDArray ncwOut, double tol) {
        for (int b = 0; b < expected.length; b++) {
            for (int t = 0; t < expected[0].length; t++) {
                for (int j = 0; j < expected[0][0].length; j++) {
                    assertEquals(expected[b][t][j], ncwOut.getDouble(b, j, t), tol,
                            "output[b=" + b + ", unit=" + j + ", t=" + t + "]");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void parameterCountAndLayoutMatchKeras() {
        MultiLayerNetwork net = gruOnly(32, 32, RNNFormat.NCW);
        assertEquals(6_336, net.numParams());
        assertEquals(6_336, GruParamInitializer.numParams(32, 32));
        Map<String, INDArray> p = net.getLayer(0).paramTable();
        assertEquals(java.util.List.of("W", "RW", "b"), java.util.List.copyOf(p.keySet()));
        assertArrayEquals(new long[] {32, 96}, p.get("W").shape());
        assertArrayEquals(new long[] {32, 96}, p.get("RW").shape());
        assertArrayEquals(new long[] {1, 192}, p.get("b").shape());

        // The flat vector is W, then RW, then input bias, then recurrent bias.
        MultiLayerNetwork small = gruOnly(2, 3, RNNFormat.NCW);
        small.setParams(Nd4j.linspace(0, 62, 63, DataType.DOUBLE).reshape(1, 63));
        INDArray w = small.getLayer(0).getParam("W");
        INDArray rw = small.getLayer(0).getParam("RW");
        INDArray b = small.getLayer(0).getParam("b");
        assertEquals(0, w.getDouble(0, 0));
        assertEquals(1, w.getDouble(1, 0), "W is column-major: W[1,0] follows W[0,0]");
        assertEquals(2, w.getDouble(0, 1));
        assertEquals(18, rw.getDouble(0, 0));
        assertEquals(45, b.getDouble(0, 0));
        assertEquals(62, b.getDouble(0, 17));
    }

    @Test
    void forwardMatchesHandComputedReference() {
        int d = 2;
        int h = 3;
        double[][] kernel = fixedMatrix(d, 3 * h, 0.1);
        double[][] recurrent = fixedMatrix(h, 3 * h, 2.0);
        double[] bIn = fixedVector(3 * h, 0.5);
        double[] bRec = fixedVector(3 * h, 1.7);
        INDArray x = randomNcw(7, 2, d, 3);
        double[][][] expected = reference(toBtd(x), kernel, recurrent, bIn, bRec, h);

        for (RNNFormat format : RNNFormat.values()) {
            MultiLayerNetwork net = gruOnly(d, h, format);
            GruParamInitializer.loadKeras(net.getLayer(0), Nd4j.createFromArray(kernel),
                    Nd4j.createFromArray(recurrent), Nd4j.createFromArray(new double[][] {bIn, bRec}));
            INDArray in = format == RNNFormat.NCW ? x : x.permute(0, 2, 1).dup();
            INDArray out = net.output(in);
            INDArray ncw = format == RNNFormat.NCW ? out : out.permute(0, 2, 1);
            assertArrayEquals(new long[] {2, h, 3}, ncw.shape());
            assertMatchesReference(expected, ncw, 1e-6);
        }
    }

    @Test
    void pyTorchWeightsLoadWithGateReordering() {
        int d = 2;
        int h = 3;
        // PyTorch tensors: rows in gate order r | z | n.
        double[][] wIh = fixedMatrix(3 * h, d, 0.4);
        double[][] wHh = fixedMatrix(3 * h, h, 1.1);
        double[] bIh = fixedVector(3 * h, 0.2);
        double[] bHh = fixedVector(3 * h, 2.5);
        INDArray x = randomNcw(11, 2, d, 4);
        double[][][] xs = toBtd(x);

        MultiLayerNetwork net = gruOnly(d, h, RNNFormat.NCW);
        GruParamInitializer.loadPyTorch(net.getLayer(0), Nd4j.createFromArray(wIh), Nd4j.createFromArray(wHh),
                Nd4j.createFromArray(bIh), Nd4j.createFromArray(bHh));
        INDArray out = net.output(x);

        // PyTorch's documented equations, evaluated directly.
        for (int b = 0; b < 2; b++) {
            double[] state = new double[h];
            for (int t = 0; t < 4; t++) {
                double[] next = new double[h];
                for (int j = 0; j < h; j++) {
                    double[] gi = new double[3];
                    double[] gh = new double[3];
                    for (int g = 0; g < 3; g++) {
                        gi[g] = bIh[g * h + j];
                        for (int i = 0; i < d; i++) {
                            gi[g] += wIh[g * h + j][i] * xs[b][t][i];
                        }
                        gh[g] = bHh[g * h + j];
                        for (int k = 0; k < h; k++) {
                            gh[g] += wHh[g * h + j][k] * state[k];
                        }
                    }
                    double r = sigmoid(gi[0] + gh[0]);
                    double z = sigmoid(gi[1] + gh[1]);
                    double n = Math.tanh(gi[2] + r * gh[2]);
                    next[j] = (1 - z) * n + z * state[j];
                    assertEquals(next[j], out.getDouble(b, j, t), 1e-6, "b=" + b + " t=" + t + " unit=" + j);
                }
                state = next;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> GruParamInitializer.loadPyTorch(net.getLayer(0),
                Nd4j.createFromArray(wHh), Nd4j.createFromArray(wHh), Nd4j.createFromArray(bIh),
                Nd4j.createFromArray(bHh)));
    }

    @Test
    void largeBatchesTakeTheOpPathAndAgreeWithTheFusedSmallBatchPath() {
        MultiLayerNetwork net = gruOnly(3, 64, RNNFormat.NCW);
        assertOpAndFusedForwardAgree(net, () -> ((GruLayerImpl) net.getLayer(0)).lastForwardFused());
    }

    /**
     * Runs 40 examples through a 64-unit recurrent network (above FusedStepMath.forwardMaxCells: the ND4J-op
     * forward path) and some of them alone (below it: the fused path), padding included, and compares.
     */
    static void assertOpAndFusedForwardAgree(MultiLayerNetwork net, java.util.function.BooleanSupplier lastFused) {
        int batch = 40;
        assertTrue(batch * 64 > FusedStepMath.forwardMaxCells && 64 <= FusedStepMath.forwardMaxCells);
        INDArray x = randomNcw(17, batch, 3, 6);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, batch, 6);
        mask.get(interval(0, 10), interval(3, 6)).assign(0);
        INDArray whole = net.output(x, false, mask, null);
        assertTrue(!lastFused.getAsBoolean());
        for (int b : new int[] {0, 9, 10, batch - 1}) {
            INDArray one = net.output(x.get(interval(b, b + 1), all(), all()).dup(), false,
                    mask.get(interval(b, b + 1), all()).dup(), null);
            assertTrue(lastFused.getAsBoolean());
            assertTrue(one.equalsWithEps(whole.get(interval(b, b + 1), all(), all()), 1e-12), "example " + b);
        }
    }

    @Test
    void fusedAndGenericBackwardGiveTheSameGradientsInDoubleAndFloat() {
        // Subclassed activations compute the same functions but take the generic ND4J-op path.
        GruLayer generic = new GruLayer.Builder().nIn(3).nOut(4).activation(new ActivationTanH() { })
                .gateActivationFunction(new ActivationSigmoid() { }).build();
        MultiLayerNetwork fusedNet = net(RNNFormat.NCW, 31, gru(3, 4, RNNFormat.NCW), rnnOut(4, 2, RNNFormat.NCW));
        MultiLayerNetwork genericNet = net(RNNFormat.NCW, 31, generic, rnnOut(4, 2, RNNFormat.NCW));
        genericNet.setParams(fusedNet.params());
        MultiLayerNetwork floatNet = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(gru(3, 4, RNNFormat.NCW)).layer(rnnOut(4, 2, RNNFormat.NCW)).build());
        floatNet.init();
        floatNet.setParams(fusedNet.params().castTo(DataType.FLOAT));
        INDArray x = randomNcw(12, 3, 3, 5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 2, 5);
        y.get(all(), point(0), all()).assign(1);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {0, 1, 1, 0, 1}});
        for (INDArray m : java.util.Arrays.asList(null, mask)) {
            INDArray[] grads = new INDArray[3];
            double[] scores = new double[3];
            int k = 0;
            for (MultiLayerNetwork n : java.util.List.of(fusedNet, genericNet, floatNet)) {
                DataType type = n == floatNet ? DataType.FLOAT : DataType.DOUBLE;
                n.setLayerMaskArrays(m == null ? null : m.castTo(type), m == null ? null : m.castTo(type));
                n.setInput(x.castTo(type));
                n.setLabels(y.castTo(type));
                n.computeGradientAndScore();
                grads[k] = n.gradient().gradient().castTo(DataType.DOUBLE);
                scores[k++] = n.score();
                n.clearLayerMaskArrays();
            }
            assertTrue(((GruLayerImpl) fusedNet.getLayer(0)).lastBackpropFused());
            assertTrue(((GruLayerImpl) fusedNet.getLayer(0)).lastForwardFused());
            assertTrue(!((GruLayerImpl) genericNet.getLayer(0)).lastForwardFused());
            assertTrue(((GruLayerImpl) floatNet.getLayer(0)).lastBackpropFused());
            assertTrue(!((GruLayerImpl) genericNet.getLayer(0)).lastBackpropFused());
            assertEquals(scores[1], scores[0], 1e-12);
            assertTrue(grads[1].equalsWithEps(grads[0], 1e-12), "mask " + (m != null));
            assertTrue(grads[2].equalsWithEps(grads[0], 1e-5), "float, mask " + (m != null));
        }
    }

    @Test
    void steppingOneStepAtATimeEqualsFullSequence() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 3, gru(3, 5, RNNFormat.NCW), rnnOut(5, 4, RNNFormat.NCW));
        INDArray x = randomNcw(5, 2, 3, 6);
        INDArray full = net.output(x);

        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray step = net.rnnTimeStep(x.get(all(), all(), interval(t, t + 1)));
            assertTrue(full.get(all(), all(), interval(t, t + 1)).equalsWithEps(step, 1e-10), "step " + t);
        }
        // The stored state is the GRU's last output; clearing it restarts the sequence.
        Map<String, INDArray> state = net.rnnGetPreviousState(0);
        INDArray gruOut = gruOnlyOutput(net, x);
        assertTrue(gruOut.get(all(), all(), point(5)).equalsWithEps(state.get(GruLayerImpl.STATE_KEY_PREV_ACTIVATION), 1e-10));

        net.rnnClearPreviousState();
        assertTrue(net.rnnGetPreviousState(0).isEmpty());
        INDArray again = net.rnnTimeStep(x.get(all(), all(), interval(0, 3)));
        assertTrue(full.get(all(), all(), interval(0, 3)).equalsWithEps(again, 1e-10));

        // Restoring a saved state continues from there.
        Map<String, INDArray> saved = net.rnnGetPreviousState(0);
        INDArray rest1 = net.rnnTimeStep(x.get(all(), all(), interval(3, 6)));
        net.rnnSetPreviousState(0, saved);
        INDArray rest2 = net.rnnTimeStep(x.get(all(), all(), interval(3, 6)));
        assertTrue(rest1.equalsWithEps(rest2, 1e-12));
        assertTrue(full.get(all(), all(), interval(3, 6)).equalsWithEps(rest2, 1e-10));
    }

    private static INDArray gruOnlyOutput(MultiLayerNetwork net, INDArray x) {
        return net.feedForwardToLayer(0, x, false).get(1);
    }

    @Test
    void paddedBatchGivesSameOutputsAsEachSequenceAlone() {
        MultiLayerNetwork net = gruOnly(3, 4, RNNFormat.NCW);
        INDArray a = randomNcw(1, 1, 3, 5);
        INDArray b = randomNcw(2, 1, 3, 2);
        INDArray c = randomNcw(3, 1, 3, 3);
        INDArray outA = net.output(a);
        INDArray outB = net.output(b);
        INDArray outC = net.output(c);

        // a full length; b post-padded (steps 0-1 valid); c pre-padded (steps 2-4 valid).
        INDArray batch = Nd4j.rand(DataType.DOUBLE, 3, 3, 5).muli(100);   // padding is garbage on purpose
        batch.get(interval(0, 1), all(), all()).assign(a);
        batch.get(interval(1, 2), all(), interval(0, 2)).assign(b);
        batch.get(interval(2, 3), all(), interval(2, 5)).assign(c);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {0, 0, 1, 1, 1}});
        INDArray out = net.output(batch, false, mask, null);

        assertTrue(outA.equalsWithEps(out.get(interval(0, 1), all(), all()), 1e-10));
        assertTrue(outB.equalsWithEps(out.get(interval(1, 2), all(), interval(0, 2)), 1e-10));
        assertTrue(outC.equalsWithEps(out.get(interval(2, 3), all(), interval(2, 5)), 1e-10));
        assertEquals(0.0, out.get(interval(1, 2), all(), interval(2, 5)).amaxNumber().doubleValue());
        assertEquals(0.0, out.get(interval(2, 3), all(), interval(0, 2)).amaxNumber().doubleValue());

        // Many-to-one: LastTimeStep picks the last valid step of each sequence.
        MultiLayerNetwork last = net(RNNFormat.NCW, 42, new LastTimeStep(gru(3, 4, RNNFormat.NCW)));
        last.setParams(net.params());
        INDArray lastOut = last.output(batch, false, mask, null);
        assertTrue(outA.get(all(), all(), point(4)).equalsWithEps(lastOut.getRow(0, true), 1e-10));
        assertTrue(outB.get(all(), all(), point(1)).equalsWithEps(lastOut.getRow(1, true), 1e-10));
        assertTrue(outC.get(all(), all(), point(2)).equalsWithEps(lastOut.getRow(2, true), 1e-10));
    }

    @Test
    void maskedStepsKeepStateAndGetNoGradient() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 9, gru(3, 4, RNNFormat.NCW), rnnOut(4, 2, RNNFormat.NCW));
        INDArray x = randomNcw(4, 2, 3, 4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 2, 4);
        labels.get(all(), point(0), all()).assign(1);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        net.setLayerMaskArrays(mask, mask);
        net.setInput(x);
        net.setLabels(labels);
        net.computeGradientAndScore();
        INDArray grad1 = net.gradient().gradient().dup();

        // Changing the input at masked steps changes neither the loss nor the gradients.
        INDArray x2 = x.dup();
        x2.get(interval(1, 2), all(), interval(2, 4)).assign(50);
        net.setInput(x2);
        net.computeGradientAndScore();
        assertTrue(grad1.equalsWithEps(net.gradient().gradient(), 1e-12));
        net.clearLayerMaskArrays();
    }

    @Test
    void nwcAndNcwGiveTheSameOutputs() {
        MultiLayerNetwork ncw = gruOnly(3, 4, RNNFormat.NCW);
        MultiLayerNetwork nwc = gruOnly(3, 4, RNNFormat.NWC);
        nwc.setParams(ncw.params());
        INDArray x = randomNcw(8, 2, 3, 5);
        INDArray outNwc = nwc.output(x.permute(0, 2, 1).dup());
        assertArrayEquals(new long[] {2, 5, 4}, outNwc.shape());
        assertTrue(ncw.output(x).equalsWithEps(outNwc.permute(0, 2, 1), 1e-12));
    }

    @Test
    void configurationRoundTripsThroughJsonAndNetworkThroughModelSerializer(@TempDir Path dir) throws Exception {
        GruLayer layer = new GruLayer.Builder().nIn(3).nOut(5).activation(Activation.SOFTSIGN)
                .gateActivationFunction(Activation.HARDSIGMOID).dataFormat(RNNFormat.NWC).build();
        MultiLayerNetwork net = net(RNNFormat.NWC, 1, layer, rnnOut(5, 2, RNNFormat.NWC));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains("io.rnnkit.nn.layers.GruLayer"), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        GruLayer restored = (GruLayer) back.getConf(0).getLayer();
        assertEquals("softsign", restored.getActivationFn().toString());
        assertEquals(Activation.HARDSIGMOID.getActivationFunction(), restored.getGateActivationFn());
        assertEquals(RNNFormat.NWC, restored.getRnnDataFormat());

        File file = dir.resolve("gru.zip").toFile();
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
                .layer(gru(classes, 8, RNNFormat.NCW))
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
        MultiLayerNetwork net = gruOnly(3, 4, RNNFormat.NCW);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.zeros(DataType.DOUBLE, 2, 5, 4)));
        assertTrue(e.getMessage().contains("expects 3 input features, got 5"), e.getMessage());

        IllegalArgumentException noSize = assertThrows(IllegalArgumentException.class,
                () -> net(RNNFormat.NCW, 1, new GruLayer.Builder().nOut(4).build()));
        assertTrue(noSize.getMessage().contains("nIn and nOut"), noSize.getMessage());

        net.rnnTimeStep(Nd4j.zeros(DataType.DOUBLE, 2, 3, 1));
        IllegalArgumentException state = assertThrows(IllegalArgumentException.class,
                () -> net.rnnTimeStep(Nd4j.zeros(DataType.DOUBLE, 5, 3, 1)));
        assertTrue(state.getMessage().contains("rnnClearPreviousState"), state.getMessage());
    }

    @Test
    void memoryReportAndToStringDescribeTheLayer() {
        GruLayer layer = gru(32, 32, RNNFormat.NCW);
        var report = layer.getMemoryReport(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(32, 10));
        assertNotNull(report);
        assertEquals(6_336, report.getParameterSize());
        assertTrue(layer.toString().contains("nIn=32, nOut=32"), layer.toString());
        assertNull(new GruLayer().getActivationFn());
        assertEquals("tanh", layer.getActivationFn().toString());
        assertEquals("sigmoid", layer.getGateActivationFn().toString());
    }

    @Test
    void manyToOneHeadOnTopOfLastTimeStep() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 4, new LastTimeStep(gru(3, 4, RNNFormat.NCW)),
                new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(4).nOut(2).build());
        INDArray out = net.output(randomNcw(3, 5, 3, 7));
        assertArrayEquals(new long[] {5, 2}, out.shape());
        assertEquals(5.0, out.sumNumber().doubleValue(), 1e-9);
    }

    @Test
    void bidirectionalWrapperConcatenatesBothDirections() {
        MultiLayerNetwork net = net(RNNFormat.NCW, 6,
                new Bidirectional(Bidirectional.Mode.CONCAT, gru(3, 4, RNNFormat.NCW)), rnnOut(8, 2, RNNFormat.NCW));
        assertEquals(2 * GruParamInitializer.numParams(3, 4) + 8 * 2 + 2, net.numParams());
        INDArray out = net.feedForwardToLayer(0, randomNcw(1, 2, 3, 5), false).get(1);
        assertArrayEquals(new long[] {2, 8, 5}, out.shape());
    }
}
