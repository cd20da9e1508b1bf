package io.rnnkit.nn.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.rnnkit.nn.Bidirectional;
import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Dropout;
import io.rnnkit.nn.Embedding;
import io.rnnkit.nn.GlobalPooling;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.LayerSpec;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.Merge;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.SimpleRnn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The engine against DL4J's own forward pass, for every layer kind rnnkit builds. */
class InferenceNetworkTest {
    static final double TOLERANCE = 1e-5;
    static final int VOCAB = 23;
    static final int FEATURES = 7;

    /** A built network with every parameter random in [-0.5, 0.5), biases included. */
    static RecurrentNetwork build(NetworkSpec spec, long seed) {
        RecurrentNetwork net = spec.build(seed);
        Nd4j.getRandom().setSeed(seed);
        INDArray p = Nd4j.rand(DataType.FLOAT, 1, net.network().numParams()).subi(0.5);
        net.network().setParams(p);
        return net;
    }

    static NetworkSpec tokens(LayerSpec... layers) {
        NetworkSpec.Builder b = NetworkSpec.builder().add(new Embedding(VOCAB, 6));
        for (LayerSpec l : layers) {
            b.add(l);
        }
        return b.build();
    }

    static NetworkSpec features(LayerSpec... layers) {
        NetworkSpec.Builder b = NetworkSpec.builder().features(FEATURES);
        for (LayerSpec l : layers) {
            b.add(l);
        }
        return b.build();
    }

    static Stream<Arguments> networks() {
        Dense seqHead = new Dense(5, Activation.SOFTMAX);
        return Stream.of(
                Arguments.of("lstm seq", tokens(new Lstm(9, true), seqHead)),
                Arguments.of("gru seq", tokens(new Gru(9, true), seqHead)),
                Arguments.of("simple rnn seq", tokens(new SimpleRnn(9, true), seqHead)),
                Arguments.of("lstm last", tokens(new Lstm(9, false), new Dense(3, Activation.SOFTMAX))),
                Arguments.of("gru last", tokens(new Gru(9, false), new Dense(3, Activation.SIGMOID))),
                Arguments.of("simple rnn last", tokens(new SimpleRnn(9, false), new Dense(3))),
                Arguments.of("bi concat seq", tokens(new Bidirectional(new Lstm(8, true), Merge.CONCAT), seqHead)),
                Arguments.of("bi sum seq", tokens(new Bidirectional(new Gru(8, true), Merge.SUM), seqHead)),
                Arguments.of("bi mul seq", tokens(new Bidirectional(new Lstm(8, true), Merge.MUL), seqHead)),
                Arguments.of("bi average seq", tokens(new Bidirectional(new Gru(8, true), Merge.AVERAGE), seqHead)),
                Arguments.of("bi concat last", tokens(new Bidirectional(new Lstm(8, false), Merge.CONCAT),
                        new Dense(2, Activation.SOFTMAX))),
                Arguments.of("bi simple rnn", tokens(new Bidirectional(new SimpleRnn(8, true), Merge.CONCAT), seqHead)),
                Arguments.of("stack", tokens(new Lstm(10, true), new Dropout(0.3), new Gru(7, true), new Dropout(0.2),
                        new Lstm(6, false), new Dense(4, Activation.RELU), new Dense(2, Activation.SOFTMAX))),
                Arguments.of("max pooling", tokens(new Lstm(8, true), GlobalPooling.max(), new Dense(3, Activation.SOFTMAX))),
                Arguments.of("average pooling", tokens(new Bidirectional(new Gru(6, true), Merge.CONCAT),
                        GlobalPooling.average(), new Dense(3, Activation.SOFTMAX))),
                Arguments.of("time-distributed dense", tokens(new Gru(8, true), new Dense(6, Activation.TANH), seqHead)),
                Arguments.of("features lstm", features(new Lstm(9, true), seqHead)),
                Arguments.of("features gru last", features(new Gru(9, false), new Dense(3, Activation.SOFTMAX))),
                Arguments.of("features simple rnn", features(new SimpleRnn(9, true), seqHead)),
                Arguments.of("features bi", features(new Bidirectional(new Lstm(5, true), Merge.CONCAT), seqHead)),
                Arguments.of("lstm relu/hard sigmoid", tokens(new Lstm(7, true, Activation.SOFTSIGN, Activation.HARDSIGMOID),
                        seqHead)),
                Arguments.of("gru hard sigmoid", tokens(new Gru(7, true, Activation.TANH, Activation.HARDSIGMOID), seqHead)));
    }

    /** Random lengths 1..max, at least one of each extreme. */
    static int[] lengths(Random r, int n, int max) {
        int[] lens = new int[n];
        for (int b = 0; b < n; b++) {
            lens[b] = 1 + r.nextInt(max);
        }
        lens[0] = max;
        lens[n - 1] = 1;
        return lens;
    }

    static int[][] randomIds(Random r, int[] lens, int vocab) {
        int[][] ids = new int[lens.length][];
        for (int b = 0; b < lens.length; b++) {
            ids[b] = r.ints(lens[b], 1, vocab).toArray();
        }
        return ids;
    }

    static float[][][] randomFeatures(Random r, int[] lens) {
        float[][][] x = new float[lens.length][][];
        for (int b = 0; b < lens.length; b++) {
            x[b] = new float[lens[b]][FEATURES];
            for (float[] row : x[b]) {
                for (int f = 0; f < FEATURES; f++) {
                    row[f] = (float) r.nextGaussian();
                }
            }
        }
        return x;
    }

    /**
     * DL4J's output as per-sequence rows at the valid steps: for a network that outputs one vector per sequence, on
     * the padded batch with its mask; for one that outputs sequences, each sequence run alone, because DL4J's
     * {@code RnnOutputLayer} zeroes valid steps of a padded batch when given a [batch, time] feature mask at
     * inference (seen in 1.0.0-M2.1: every step after the first of a shorter row reads 0).
     */
    static float[][][] dl4j(RecurrentNetwork net, int[][] ids, float[][][] features) {
        if (net.spec().outputsSequence()) {
            int n = ids != null ? ids.length : features.length;
            float[][][] r = new float[n][][];
            for (int b = 0; b < n; b++) {
                r[b] = padded(net, ids != null ? new int[][] {ids[b]} : null,
                        features != null ? new float[][][] {features[b]} : null)[0];
            }
            return r;
        }
        return padded(net, ids, features);
    }

    static float[][][] padded(RecurrentNetwork net, int[][] ids, float[][][] features) {
        int n = ids != null ? ids.length : features.length;
        int[] lens = new int[n];
        int max = 0;
        for (int b = 0; b < n; b++) {
            lens[b] = ids != null ? ids[b].length : features[b].length;
            max = Math.max(max, lens[b]);
        }
        INDArray mask = Nd4j.zeros(DataType.FLOAT, n, max);
        INDArray x = ids != null ? Nd4j.ones(DataType.FLOAT, n, max) : Nd4j.zeros(DataType.FLOAT, n, FEATURES, max);
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < lens[b]; t++) {
                mask.putScalar(b, t, 1);
                if (ids != null) {
                    x.putScalar(b, t, ids[b][t]);
                } else {
                    for (int f = 0; f < FEATURES; f++) {
                        x.putScalar(new long[] {b, f, t}, features[b][t][f]);
                    }
                }
            }
        }
        INDArray out = n == 1 ? net.output(x) : net.output(x, mask);
        float[][][] r = new float[n][][];
        for (int b = 0; b < n; b++) {
            if (out.rank() == 2) {
                r[b] = new float[][] {out.getRow(b).toFloatVector()};
            } else {
                r[b] = new float[lens[b]][];
                for (int t = 0; t < lens[b]; t++) {
                    r[b][t] = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(t)).toFloatVector();
                }
            }
        }
        return r;
    }

    static float[][][] engine(InferenceNetwork e, int[][] ids, float[][][] features) {
        if (e.outputsSequence()) {
            return ids != null ? e.outputSequences(ids) : e.outputSequences(features);
        }
        float[][] v = ids != null ? e.outputVectors(ids) : e.outputVectors(features);
        float[][][] r = new float[v.length][][];
        for (int b = 0; b < v.length; b++) {
            r[b] = new float[][] {v[b]};
        }
        return r;
    }

    static void assertClose(float[][][] expected, float[][][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": sequences");
        for (int b = 0; b < expected.length; b++) {
            assertEquals(expected[b].length, actual[b].length, what + ": steps of sequence " + b);
            for (int t = 0; t < expected[b].length; t++) {
                assertEquals(expected[b][t].length, actual[b][t].length, what + ": size");
                for (int j = 0; j < expected[b][t].length; j++) {
                    assertEquals(expected[b][t][j], actual[b][t][j], TOLERANCE,
                            what + ": sequence " + b + " step " + t + " unit " + j);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void equalsDl4jOnPaddedBatchesAndAlone(String name, NetworkSpec spec) {
        RecurrentNetwork net = build(spec, 7);
        InferenceNetwork e = InferenceNetwork.of(net.network());
        assertEquals(spec.outputsSequence(), e.outputsSequence());
        assertEquals(spec.outputSize(), e.outputSize());
        Random r = new Random(3);
        // 3 sequences: Java lockstep products; 40: OpenBLAS GEMMs for the wider layers.
        for (int n : new int[] {3, 40}) {
            int[] lens = lengths(r, n, 11);
            int[][] ids = spec.tokenInput() ? randomIds(r, lens, VOCAB) : null;
            float[][][] x = spec.tokenInput() ? null : randomFeatures(r, lens);
            float[][][] mine = engine(e, ids, x);
            assertClose(dl4j(net, ids, x), mine, name + ", padded batch of " + n);
            // Each sequence alone gives the same as in the batch.
            for (int b = 0; b < n; b += 7) {
                float[][][] alone = engine(e, ids != null ? new int[][] {ids[b]} : null,
                        x != null ? new float[][][] {x[b]} : null);
                assertClose(new float[][][] {mine[b]}, alone, name + ", sequence " + b + " alone");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void gemmPathEqualsDl4j(String name, NetworkSpec spec) {
        long macs = Matrix.gemmMinMacs;
        int rows = Matrix.gemmMinRows;
        Matrix.gemmMinMacs = 0;
        Matrix.gemmMinRows = 1;
        try {
            RecurrentNetwork net = build(spec, 8);
            InferenceNetwork e = InferenceNetwork.of(net.network());
            Random r = new Random(5);
            int[] lens = lengths(r, 6, 9);
            int[][] ids = spec.tokenInput() ? randomIds(r, lens, VOCAB) : null;
            float[][][] x = spec.tokenInput() ? null : randomFeatures(r, lens);
            assertClose(dl4j(net, ids, x), engine(e, ids, x), name + ", every product through OpenBLAS");
        } finally {
            Matrix.gemmMinMacs = macs;
            Matrix.gemmMinRows = rows;
        }
    }

    /** A graph with every vertex kind the engine runs: reversal, last step, merge, element-wise average. */
    @Test
    void computationGraphEqualsDl4j() {
        org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf = new org.deeplearning4j.nn.conf
                .NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(FEATURES))
                .addLayer("fwd", new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(
                        new io.rnnkit.nn.layers.LstmLayer.Builder().nOut(6).build()), "in")
                .addVertex("rev", new org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex(), "in")
                .addLayer("bwd", new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(
                        new io.rnnkit.nn.layers.GruLayer.Builder().nOut(6).build()), "rev")
                .addVertex("merge", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "fwd", "bwd")
                .addLayer("a", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(4)
                        .activation(Activation.TANH).build(), "merge")
                .addLayer("b", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(4)
                        .activation(Activation.IDENTITY).build(), "merge")
                .addVertex("avg", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Average), "a", "b")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(3)
                        .activation(Activation.SOFTMAX).build(), "avg")
                .setOutputs("out").build();
        org.deeplearning4j.nn.graph.ComputationGraph graph = new org.deeplearning4j.nn.graph.ComputationGraph(conf);
        graph.init();
        Nd4j.getRandom().setSeed(3);
        graph.setParams(Nd4j.rand(DataType.FLOAT, 1, graph.numParams()).subi(0.5));
        InferenceNetwork e = InferenceNetwork.of(graph);
        assertEquals(false, e.outputsSequence());
        assertEquals(3, e.outputSize());
        float[][][] x = randomFeatures(new Random(2), new int[] {5, 5, 5});
        INDArray in = Nd4j.zeros(DataType.FLOAT, 3, FEATURES, 5);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 5; t++) {
                for (int f = 0; f < FEATURES; f++) {
                    in.putScalar(new long[] {b, f, t}, x[b][t][f]);
                }
            }
        }
        float[][] ref = graph.outputSingle(in).toFloatMatrix();
        float[][] got = e.outputVectors(x);
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(ref[b][j], got[b][j], TOLERANCE, "graph output " + b + "," + j);
            }
        }
    }

    @Test
    void oneHotIdsEqualOneHotFeatures() {
        NetworkSpec spec = features(new Lstm(9, true), new Dense(FEATURES, Activation.SOFTMAX));
        RecurrentNetwork net = build(spec, 11);
        InferenceNetwork e = InferenceNetwork.of(net.network());
        assertTrue(e.acceptsOneHotIds());
        int[][] ids = {{1, 4, 6, 0}, {3, 3}};
        float[][][] x = new float[ids.length][][];
        for (int b = 0; b < ids.length; b++) {
            x[b] = new float[ids[b].length][FEATURES];
            for (int t = 0; t < ids[b].length; t++) {
                x[b][t][ids[b][t]] = 1f;
            }
        }
        assertClose(dl4j(net, null, x), e.outputSequences(ids), "one-hot ids");
    }

    @Test
    void streamEqualsWholeSequencesAndDl4jStepping() {
        NetworkSpec spec = tokens(new Lstm(12, true), new Gru(10, true), new Dense(VOCAB, Activation.SOFTMAX));
        RecurrentNetwork net = build(spec, 5);
        InferenceNetwork e = InferenceNetwork.of(net.network());
        Random r = new Random(9);
        int[][] ids = randomIds(r, new int[] {9, 9, 9, 9, 9}, VOCAB);
        float[][][] whole = e.outputSequences(ids);
        net.resetState();
        try (InferenceStream s = e.newStream(ids.length)) {
            for (int t = 0; t < 9; t++) {
                int[] col = new int[ids.length];
                INDArray x = Nd4j.create(DataType.FLOAT, ids.length);
                for (int b = 0; b < ids.length; b++) {
                    col[b] = ids[b][t];
                    x.putScalar(b, col[b]);
                }
                float[][] out = s.step(col);
                float[][] ref = net.step(x).toFloatMatrix();
                for (int b = 0; b < ids.length; b++) {
                    for (int j = 0; j < VOCAB; j++) {
                        assertEquals(whole[b][t][j], out[b][j], TOLERANCE, "stream vs whole at " + t);
                        assertEquals(ref[b][j], out[b][j], TOLERANCE, "stream vs DL4J step at " + t);
                    }
                }
            }
            // Chunks carry the state the same way.
            s.reset();
            int[][] first = new int[ids.length][];
            int[][] rest = new int[ids.length][];
            for (int b = 0; b < ids.length; b++) {
                first[b] = java.util.Arrays.copyOfRange(ids[b], 0, 4);
                rest[b] = java.util.Arrays.copyOfRange(ids[b], 4, 9);
            }
            s.steps(first);
            float[][][] tail = s.steps(rest);
            for (int b = 0; b < ids.length; b++) {
                for (int t = 0; t < 5; t++) {
                    for (int j = 0; j < VOCAB; j++) {
                        assertEquals(whole[b][t + 4][j], tail[b][t][j], TOLERANCE, "chunked stream");
                    }
                }
            }
        }
    }

    @Test
    void selectedRowsContinueFromTheirOwnStatesAsSeparateStreamsWould() {
        // A beam search: after two steps, rows are dropped, repeated and reordered; each continues its own sequence.
        NetworkSpec spec = tokens(new Lstm(12, true), new Gru(10, true), new Dense(VOCAB, Activation.SOFTMAX));
        InferenceNetwork e = InferenceNetwork.of(build(spec, 6).network());
        Random r = new Random(10);
        int[][] prefix = randomIds(r, new int[] {2, 2, 2}, VOCAB);
        int[] rows = {2, 0, 2, 2};
        int[][] next = randomIds(r, new int[] {3, 3, 3, 3}, VOCAB);
        try (InferenceStream s = e.newStream(3)) {
            s.steps(prefix);
            s.select(rows);
            assertEquals(4, s.batch());
            float[][][] got = s.steps(next);
            for (int k = 0; k < rows.length; k++) {
                int[] whole = new int[5];
                System.arraycopy(prefix[rows[k]], 0, whole, 0, 2);
                System.arraycopy(next[k], 0, whole, 2, 3);
                float[][][] ref = e.outputSequences(new int[][] {whole});
                for (int t = 0; t < 3; t++) {
                    for (int j = 0; j < VOCAB; j++) {
                        assertEquals(ref[0][t + 2][j], got[k][t][j], TOLERANCE, "row " + k + " step " + t);
                    }
                }
            }
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> s.select(new int[] {4}));
            assertEquals("row 4 is not a sequence of this stream of 4", bad.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.select(new int[0]));
        }
    }

    @Test
    void eightThreadsSharingOneSnapshotGetTheSingleThreadedResults() throws Exception {
        NetworkSpec spec = tokens(new Bidirectional(new Lstm(16, true), Merge.CONCAT), new Gru(12, false),
                new Dense(3, Activation.SOFTMAX));
        InferenceNetwork e = InferenceNetwork.of(build(spec, 1).network());
        Random r = new Random(4);
        List<int[][]> inputs = new ArrayList<>();
        List<float[][]> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = 1 + r.nextInt(12);
            int[][] ids = randomIds(r, lengths(r, n, 15), VOCAB);
            inputs.add(ids);
            expected.add(e.outputVectors(ids));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int th = 0; th < 8; th++) {
                int offset = th;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < inputs.size(); k++) {
                        int i = (k + offset * 25) % inputs.size();
                        float[][] got = e.outputVectors(inputs.get(i));
                        if (!java.util.Arrays.deepEquals(expected.get(i), got)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : done) {
                assertTrue(f.get(), "a thread got a different result");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesWhatItCannotRun() {
        InferenceNetwork bi = InferenceNetwork.of(build(tokens(new Bidirectional(new Lstm(4, true), Merge.CONCAT),
                new Dense(2, Activation.SOFTMAX)), 1).network());
        IllegalStateException stream = assertThrows(IllegalStateException.class, () -> bi.newStream(1));
        assertTrue(stream.getMessage().contains("bidirectional"), stream.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> bi.outputSequences(new int[][] {{1, 2}, {3, VOCAB}}));
        assertEquals("id 23 at sequence 2, step 2 is outside [0, 23)", id.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> bi.outputSequences(new int[][] {{1}, {}}));
        assertEquals("sequence 2 is empty", empty.getMessage());
        assertThrows(IllegalStateException.class, () -> bi.outputVectors(new int[][] {{1}}));
    }
}
