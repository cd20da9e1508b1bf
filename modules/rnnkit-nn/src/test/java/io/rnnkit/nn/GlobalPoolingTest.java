package io.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GlobalPoolingTest {

    private static final int[][] SEQS = {{4, 2, 7, 1, 3}, {5, 9, 2}, {8}};

    private static INDArray ids(int[][] rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }

    private static INDArray padded() {
        int[][] rows = new int[SEQS.length][5];
        for (int i = 0; i < SEQS.length; i++) {
            System.arraycopy(SEQS[i], 0, rows[i], 0, SEQS[i].length);
        }
        return ids(rows);
    }

    private static NetworkSpec pooled(GlobalPooling.Mode mode, boolean bidirectional) {
        Gru gru = new Gru(6, true);
        return NetworkSpec.builder()
                .add(new Embedding(10, 4, true))
                .add(bidirectional ? new Bidirectional(gru) : gru)
                .add(new GlobalPooling(mode))
                .add(new Dense(3, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY)
                .build();
    }

    /** Built with every parameter moved off its initial value, so padding leaks would show. */
    private static RecurrentNetwork built(NetworkSpec spec) {
        RecurrentNetwork net = spec.build(7);
        Nd4j.getRandom().setSeed(7);
        net.network().setParams(Nd4j.rand(DataType.FLOAT, 1, net.network().numParams()).subi(0.5f));
        return net;
    }

    @Test
    void summaryShapesAndParameterCounts() {
        NetworkSpec spec = pooled(GlobalPooling.Mode.MAX, true);
        Summary s = spec.summary();
        List<Summary.Row> rows = s.rows();
        assertEquals("global_max_pooling1d", rows.get(2).name());
        assertEquals("GlobalMaxPooling1D", rows.get(2).type());
        assertEquals("(None, 12)", rows.get(2).outputShape());
        assertEquals(0, rows.get(2).params());
        assertEquals("(None, None, 12)", rows.get(1).outputShape());
        // Keras: 2 * 3 * (4*6 + 6*6 + 2*6) for the reset_after GRU pair, 12*3 + 3 for the head.
        assertEquals(40 + 2 * 3 * (24 + 36 + 12) + 39, s.totalParams());
        RecurrentNetwork net = spec.build(1);
        assertEquals(s.totalParams(), net.network().numParams());
        // The summary of the built DL4J network (as after loading a model file) agrees row by row.
        Summary fromNet = Summary.of(net.network());
        assertEquals(s.rows(), fromNet.rows());
        assertEquals("global_average_pooling1d",
                pooled(GlobalPooling.Mode.AVG, false).summary().rows().get(2).name());
    }

    @ParameterizedTest
    @EnumSource(GlobalPooling.Mode.class)
    void outputShapeIsOneVectorPerSequence(GlobalPooling.Mode mode) {
        NetworkSpec spec = NetworkSpec.builder().features(3).add(new Gru(5, true)).add(new GlobalPooling(mode)).build();
        assertEquals(5, spec.outputSize());
        assertEquals(false, spec.outputsSequence());
        INDArray y = spec.build(3).output(Nd4j.rand(DataType.FLOAT, 2, 3, 7));
        assertArrayEquals(new long[] {2, 5}, y.shape());
    }

    @Test
    void poolsExactlyMaxAndMeanOverTheSteps() {
        // Pooling alone on float features: the per-feature max and mean over time.
        INDArray x = Nd4j.createFromArray(new float[][][] {{{1, 5, -2}, {0, -1, 3}}});
        INDArray max = NetworkSpec.builder().features(2).add(GlobalPooling.max()).build().build(1).output(x);
        INDArray avg = NetworkSpec.builder().features(2).add(GlobalPooling.average()).build().build(1).output(x);
        assertArrayEquals(new float[] {5, 3}, max.toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {4f / 3, 2f / 3}, avg.toFloatVector(), 1e-6f);
        // A mask removes the last step from both.
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 0}});
        assertArrayEquals(new float[] {5, 0}, NetworkSpec.builder().features(2).add(GlobalPooling.max()).build()
                .build(1).output(x, mask).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {3, -0.5f}, NetworkSpec.builder().features(2).add(GlobalPooling.average())
                .build().build(1).output(x, mask).toFloatVector(), 1e-6f);
    }

    @ParameterizedTest
    @EnumSource(GlobalPooling.Mode.class)
    void paddedBatchGivesTheOutputOfEachSequenceAlone(GlobalPooling.Mode mode) {
        for (boolean bidirectional : new boolean[] {false, true}) {
            RecurrentNetwork net = built(pooled(mode, bidirectional));
            INDArray batch = net.output(padded());
            for (int i = 0; i < SEQS.length; i++) {
                INDArray alone = net.output(ids(new int[][] {SEQS[i]}));
                INDArray row = batch.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all());
                double diff = alone.sub(row).amaxNumber().doubleValue();
                assertTrue(diff < 1e-5, mode + " bidirectional=" + bidirectional + " sequence " + i + ": " + diff);
            }
        }
    }

    @Test
    void validationErrors() {
        assertEquals("layer 2 (GlobalMaxPooling1D) pools over time steps, but layer 1 (GRU) already outputs one "
                + "vector; set returnSequences=true on layer 1", assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder().add(new Embedding(10, 4)).add(new Gru(4)).add(GlobalPooling.max())
                        .build()).getMessage());
        assertEquals("layer 2 (GRU) needs a sequence, but layer 1 (GlobalAveragePooling1D) pools the steps into "
                + "one vector; pool after the last recurrent layer", assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder().add(new Embedding(10, 4)).add(GlobalPooling.average()).add(new Gru(4))
                        .build()).getMessage());
        assertEquals("GlobalPooling mode must not be null (MAX or AVG)",
                assertThrows(IllegalArgumentException.class, () -> new GlobalPooling(null)).getMessage());
        RecurrentNetwork net = pooled(GlobalPooling.Mode.MAX, false).build(1);
        assertEquals("step() cannot pool over steps not seen yet: layer 2 is GlobalPooling; use output() on whole "
                + "sequences", assertThrows(IllegalStateException.class,
                () -> net.step(Nd4j.createFromArray(1f))).getMessage());
    }
}
