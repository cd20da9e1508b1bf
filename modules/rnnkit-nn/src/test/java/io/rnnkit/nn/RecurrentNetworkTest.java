package io.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RecurrentNetworkTest {

    private static final double TOL = 1e-5;

    /** Builds and moves every parameter (biases too) away from its initial value, so padding bugs show. */
    private static RecurrentNetwork built(NetworkSpec spec, long seed) {
        RecurrentNetwork net = spec.build(seed);
        Nd4j.getRandom().setSeed(seed);
        INDArray p = Nd4j.rand(DataType.FLOAT, 1, net.network().numParams()).subi(0.5f).muli(0.8f);
        net.network().setParams(p);
        return net;
    }

    private static INDArray ids(int[][] rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff < TOL, "max difference " + diff + "\nexpected " + expected + "\nactual " + actual);
    }

    // ---- the four shapes -------------------------------------------------------------------------------

    @Test
    void oneToOne() {
        // One input, one output: a length-1 sequence through a recurrent layer is a feed-forward network.
        RecurrentNetwork net = built(NetworkSpec.builder().features(3)
                .add(new SimpleRnn(5)).add(new Dense(2, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build(), 1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 1);
        INDArray y = net.output(x);
        assertArrayEquals(new long[] {4, 2}, y.shape());
        assertClose(Nd4j.ones(DataType.FLOAT, 4), y.sum(1));
        assertClose(y, net.step(x.reshape(4, 3)));
    }

    @Test
    void oneToManyGeneratesByFeedingOutputsBack() {
        int vocab = 7;
        RecurrentNetwork net = built(NetworkSpec.builder()
                .add(new Embedding(vocab, 4)).add(new Lstm(8, true)).add(new Dense(vocab, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY).build(), 2);
        int[] generated = new int[6];
        generated[0] = 3;
        INDArray next = Nd4j.createFromArray((float) generated[0]);
        for (int t = 1; t < generated.length; t++) {
            INDArray probs = net.step(next);
            assertArrayEquals(new long[] {1, vocab}, probs.shape());
            generated[t] = probs.argMax(1).getInt(0);
            next = Nd4j.createFromArray((float) generated[t]);
        }
        // The stateful generation must agree with a full forward pass over the generated sequence.
        INDArray full = net.output(ids(new int[][] {generated}));
        assertArrayEquals(new long[] {1, vocab, generated.length}, full.shape());
        for (int t = 0; t + 1 < generated.length; t++) {
            assertEquals(generated[t + 1], full.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t))
                    .argMax(0).getInt(0), "step " + t);
        }
    }

    @Test
    void manyToOneClassification() {
        RecurrentNetwork net = built(NetworkSpec.builder()
                .add(new Embedding(20, 4, true)).add(new Lstm(6)).add(new Dense(3, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY).build(), 3);
        INDArray y = net.output(ids(new int[][] {{1, 2, 3, 4}, {5, 6, 0, 0}}));
        assertArrayEquals(new long[] {2, 3}, y.shape());
        assertClose(Nd4j.ones(DataType.FLOAT, 2), y.sum(1));
    }

    @Test
    void manyToManyPerStepLabels() {
        RecurrentNetwork net = built(NetworkSpec.builder().features(3)
                .add(new Gru(5, true)).add(new Dense(4, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build(), 4);
        INDArray y = net.output(Nd4j.rand(DataType.FLOAT, 2, 3, 6));
        assertArrayEquals(new long[] {2, 4, 6}, y.shape());
        assertClose(Nd4j.ones(DataType.FLOAT, 2, 6), y.sum(1));
    }

    @Test
    void returnSequencesControlsTheOutputShape() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 5);
        for (Recurrent r : List.<Recurrent>of(new SimpleRnn(4), new Lstm(4), new Gru(4))) {
            assertArrayEquals(new long[] {2, 4, 5},
                    built(NetworkSpec.builder().features(3).add(r.withReturnSequences(true)).build(), 5).output(x).shape());
            assertArrayEquals(new long[] {2, 4},
                    built(NetworkSpec.builder().features(3).add(r.withReturnSequences(false)).build(), 5).output(x).shape());
        }
        assertArrayEquals(new long[] {2, 8, 5}, built(NetworkSpec.builder().features(3)
                .add(new Bidirectional(new Lstm(4, true))).build(), 5).output(x).shape());
        assertArrayEquals(new long[] {2, 4}, built(NetworkSpec.builder().features(3)
                .add(new Bidirectional(new Lstm(4), Merge.AVERAGE)).build(), 5).output(x).shape());
    }

    // ---- padding and masks -----------------------------------------------------------------------------

    static Stream<Recurrent> cells() {
        return Stream.of(new SimpleRnn(5), new Lstm(5), new Gru(5));
    }

    private static final int[][] SEQS = {{4, 2, 7, 1, 3}, {5, 9, 2}, {8}};

    private static INDArray padded() {
        int[][] rows = new int[SEQS.length][5];
        for (int i = 0; i < SEQS.length; i++) {
            System.arraycopy(SEQS[i], 0, rows[i], 0, SEQS[i].length);
        }
        return ids(rows);
    }

    /** Checks outputs and loss of the padded batch against each sequence run alone. */
    private static void assertPaddingInvariant(Function<Boolean, NetworkSpec> specOf) {
        for (boolean sequences : new boolean[] {false, true}) {
            RecurrentNetwork net = built(specOf.apply(sequences), 11);
            INDArray x = padded();
            INDArray mask = x.neq(0).castTo(DataType.FLOAT);
            INDArray batchOut = net.output(x, mask);
            int classes = net.spec().outputSize();
            INDArray labels = sequences ? Nd4j.zeros(DataType.FLOAT, SEQS.length, classes, 5)
                    : Nd4j.zeros(DataType.FLOAT, SEQS.length, classes);
            double aloneScoreSum = 0;
            for (int i = 0; i < SEQS.length; i++) {
                int len = SEQS[i].length;
                INDArray alone = net.output(ids(new int[][] {SEQS[i]}));
                INDArray aloneLabels;
                if (sequences) {
                    INDArray rows = batchOut.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                            NDArrayIndex.interval(0, len));
                    assertClose(alone, rows);
                    aloneLabels = Nd4j.zeros(DataType.FLOAT, 1, classes, len);
                    for (int t = 0; t < len; t++) {
                        labels.putScalar(new int[] {i, (i + t) % classes, t}, 1f);
                        aloneLabels.putScalar(new int[] {0, (i + t) % classes, t}, 1f);
                    }
                } else {
                    assertClose(alone, batchOut.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()));
                    labels.putScalar(i, i % classes, 1f);
                    aloneLabels = Nd4j.zeros(DataType.FLOAT, 1, classes);
                    aloneLabels.putScalar(0, i % classes, 1f);
                }
                aloneScoreSum += net.network().score(new DataSet(ids(new int[][] {SEQS[i]}), aloneLabels));
            }
            double batchScore = net.network().score(new DataSet(x, labels, mask, sequences ? mask : null));
            assertEquals(aloneScoreSum / SEQS.length, batchScore, TOL, "loss, returnSequences=" + sequences);
            // Without an explicit mask, maskZero derives the same mask from the padding id.
            assertClose(batchOut, net.output(x));
        }
    }

    @ParameterizedTest
    @MethodSource("cells")
    void paddedBatchEqualsEachSequenceAlone(Recurrent cell) {
        assertPaddingInvariant(seq -> NetworkSpec.builder().add(new Embedding(10, 3, true))
                .add(cell.withReturnSequences(true))
                .add(cell.withReturnSequences(seq))
                .add(new Dense(3, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build());
    }

    @ParameterizedTest
    @MethodSource("cells")
    void paddedBatchEqualsEachSequenceAloneBidirectional(Recurrent cell) {
        assertPaddingInvariant(seq -> NetworkSpec.builder().add(new Embedding(10, 3, true))
                .add(new Bidirectional(cell.withReturnSequences(seq)))
                .add(new Dense(3, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build());
    }

    @Test
    void bidirectionalManyToOneTrains() {
        RecurrentNetwork net = built(NetworkSpec.builder().add(new Embedding(10, 3, true))
                .add(new Bidirectional(new Lstm(4))).add(new Dense(2, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY).build(), 12);
        INDArray x = padded();
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 0}});
        DataSet ds = new DataSet(x, labels, x.neq(0).castTo(DataType.FLOAT), null);
        double before = net.network().score(ds);
        for (int i = 0; i < 20; i++) {
            net.network().fit(ds);
        }
        assertTrue(net.network().score(ds) < before, "loss should fall: " + before + " -> " + net.network().score(ds));
    }

    // ---- stateful stepping -----------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("cells")
    void steppingEqualsTheFullSequence(Recurrent cell) {
        RecurrentNetwork net = built(NetworkSpec.builder().features(3)
                .add(cell.withReturnSequences(true)).add(cell.withReturnSequences(true))
                .add(new Dense(2)).loss(Loss.MSE).build(), 21);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6);
        INDArray full = net.output(x);
        for (int round = 0; round < 2; round++) { // the second round proves resetState()
            for (int t = 0; t < 6; t++) {
                INDArray out = net.step(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)));
                assertClose(full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)), out);
            }
            net.resetState();
            assertEquals(List.of(), net.state());
        }
        // A chunk of steps continues from the state like single steps do.
        net.step(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)));
        INDArray rest = net.step(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 6)));
        assertClose(full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 6)), rest);
    }

    @ParameterizedTest
    @MethodSource("cells")
    void manyToOneSteppingGivesThePrefixClassification(Recurrent cell) {
        RecurrentNetwork net = built(NetworkSpec.builder().add(new Embedding(10, 3))
                .add(cell.withReturnSequences(false)).add(new Dense(2, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY).build(), 22);
        int[] seq = {4, 2, 7, 1};
        for (int t = 0; t < seq.length; t++) {
            INDArray out = net.step(Nd4j.createFromArray((float) seq[t]));
            int[] prefix = java.util.Arrays.copyOf(seq, t + 1);
            assertClose(net.output(ids(new int[][] {prefix})), out);
        }
    }

    @ParameterizedTest
    @MethodSource("cells")
    void stateRoundTrips(Recurrent cell) {
        RecurrentNetwork net = built(NetworkSpec.builder().features(2)
                .add(cell.withReturnSequences(true)).add(new Dense(3)).build(), 31);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 5);
        net.step(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)));
        List<LayerState> saved = net.state();
        assertEquals(1, saved.size());
        assertEquals(0, saved.get(0).layer());
        assertArrayEquals(new long[] {2, 5}, saved.get(0).h().shape());
        assertEquals(cell instanceof Lstm, saved.get(0).c() != null);
        INDArray tail = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(3, 5));
        INDArray expected = net.step(tail);
        net.resetState();
        net.setState(saved);
        assertClose(expected, net.step(tail));
        // The full-sequence output agrees: h after three steps is the third output of the recurrent layer.
        assertClose(net.output(x).get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(3, 5)), expected);
    }

    @Test
    void stateErrors() {
        RecurrentNetwork lstm = built(NetworkSpec.builder().features(2).add(new Lstm(4, true)).build(), 1);
        assertEquals("state of layer 0 (LSTM) needs the cell state c", assertThrows(IllegalArgumentException.class,
                () -> lstm.setState(List.of(new LayerState(0, Nd4j.zeros(1, 4), null)))).getMessage());
        assertEquals("state of layer 0 has 3 units, the layer has 4", assertThrows(IllegalArgumentException.class,
                () -> lstm.setState(List.of(new LayerState(0, Nd4j.zeros(1, 3), Nd4j.zeros(1, 3))))).getMessage());
        RecurrentNetwork bi = built(NetworkSpec.builder().features(2)
                .add(new Bidirectional(new Lstm(4, true))).build(), 1);
        assertTrue(assertThrows(IllegalStateException.class, () -> bi.step(Nd4j.zeros(1, 2))).getMessage()
                .startsWith("step() needs a causal network, but layer 0 is Bidirectional"));
    }

    @Test
    void badInputGivesOneLineErrors() {
        RecurrentNetwork tokens = built(NetworkSpec.builder().add(new Embedding(10, 3, true)).add(new Lstm(4)).build(), 1);
        assertEquals("output: token ids must be in [0, 10), got 10.0", assertThrows(IllegalArgumentException.class,
                () -> tokens.output(ids(new int[][] {{1, 10}}))).getMessage());
        assertEquals("output: expected token ids [batch, time], got shape [1, 2, 3]",
                assertThrows(IllegalArgumentException.class, () -> tokens.output(Nd4j.zeros(1, 2, 3))).getMessage());
        assertEquals("sequence 1 of the batch has no valid steps (all padding)",
                assertThrows(IllegalArgumentException.class, () -> tokens.output(ids(new int[][] {{1, 2}, {0, 0}})))
                        .getMessage());
        assertEquals("feature mask must be [batch, time] = [1, 2], got shape [1, 3]",
                assertThrows(IllegalArgumentException.class, () -> tokens.output(ids(new int[][] {{1, 2}}),
                        Nd4j.ones(1, 3))).getMessage());
        RecurrentNetwork floats = built(NetworkSpec.builder().features(3).add(new Lstm(4)).build(), 1);
        assertEquals("output: expected features [batch, 3, time], got shape [2, 4, 5]",
                assertThrows(IllegalArgumentException.class, () -> floats.output(Nd4j.zeros(2, 4, 5))).getMessage());
    }
}
