package io.rnnkit.bench.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.rnnkit.bench.BenchResult;
import io.rnnkit.bench.Cell;
import io.rnnkit.bench.Measure;
import io.rnnkit.bench.RnnShape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Runs every benchmark body once on a tiny shape: they must do the work they claim to time. */
class RnnBenchmarksTest {

    private static final RnnShape TINY = new RnnShape(4, 5, 2, 3);
    private static final Measure ONCE = new Measure(0, 1, 10);

    @Test
    void batchHasOneHotLabelsAndNcwFeatures() {
        DataSet ds = RnnBenchmarks.batch(TINY);
        assertEquals(List.of(2L, 4L, 3L), List.of(ds.getFeatures().shape()[0], ds.getFeatures().shape()[1],
                ds.getFeatures().shape()[2]));
        INDArray perStep = ds.getLabels().sum(1);
        assertEquals(6.0, perStep.sumNumber().doubleValue(), 0);
        assertEquals(1.0, perStep.maxNumber().doubleValue(), 0);
    }

    @Test
    void benchmarkedNetworkHasTheExpectedParameters() {
        // LSTM 4·(D·H + H·H + H) + head (H·D + D) for D=4, H=5: 4·(20+25+5) + 24 = 224
        MultiLayerNetwork lstm = RnnBenchmarks.spec(Cell.LSTM, TINY).build(1).network();
        assertEquals(224, lstm.numParams());
        // GRU (reset_after) 3·(D·H + H·H + 2H) + head: 3·(20+25+10) + 24 = 189
        assertEquals(189, RnnBenchmarks.spec(Cell.GRU, TINY).build(1).network().numParams());
        // bidirectional LSTM: two LSTMs + head on 2H: 2·200 + (10·4 + 4) = 444
        assertEquals(444, RnnBenchmarks.spec(Cell.BI_LSTM, TINY).build(1).network().numParams());
    }

    @Test
    void everyCellTrainsAndInfers() {
        for (Cell c : Cell.values()) {
            BenchResult train = RnnBenchmarks.train(c, TINY, ONCE);
            assertEquals(c.key() + ".train.D4-H5-B2-T3", train.name());
            assertEquals(c.trainFlops(TINY), train.flops(), 0);
            assertTrue(train.ms().median() > 0);
            BenchResult infer = RnnBenchmarks.inference(c, TINY, ONCE);
            assertEquals(c.key() + ".infer.D4-H5-B2-T3", infer.name());
            assertEquals(c.inferenceFlops(TINY), infer.flops(), 0);
            BenchResult dl4j = RnnBenchmarks.inferenceDl4j(c, TINY, ONCE);
            assertEquals(c.key() + ".infer_dl4j.D4-H5-B2-T3", dl4j.name());
        }
    }

    @Test
    void engineRowsFeedTheSameBatchAsTheDl4jRows() {
        INDArray x = RnnBenchmarks.batch(TINY).getFeatures();
        float[][][] rows = RnnBenchmarks.rows(x);
        assertEquals(2, rows.length);
        assertEquals(3, rows[0].length);
        assertEquals(x.getFloat(1, 2, 0), rows[1][0][2]);
        assertEquals(x.getFloat(0, 3, 2), rows[0][2][3]);
    }

    @Test
    void stepReportsPerCharacterFiguresAndRefusesBidirectional() {
        BenchResult r = RnnBenchmarks.step(Cell.GRU, TINY, 10, ONCE);
        assertEquals("gru.step.D4-H5", r.name());
        assertEquals(1000.0 / r.ms().median(), r.extra().get("chars_per_s"), 1e-9);
        assertEquals("lstm.step_dl4j.D4-H5", RnnBenchmarks.stepDl4j(Cell.LSTM, TINY, 10, ONCE).name());
        assertEquals("a bidirectional layer cannot be stepped: it reads the future",
                assertThrows(IllegalArgumentException.class, () -> RnnBenchmarks.step(Cell.BI_LSTM, TINY, 1, ONCE))
                        .getMessage());
    }

    @Test
    void leverMeasurementsRunIncludingTheFusedLstmOp() {
        List<BenchResult> all = Levers.all(TINY, ONCE);
        List<String> names = all.stream().map(BenchResult::name).toList();
        assertEquals(List.of("lever.gemm.mmul_alloc.D4-H5-B2-T3", "lever.gemm.prealloc_c.D4-H5-B2-T3",
                "lever.gemm.prealloc_f.D4-H5-B2-T3", "lever.sigmoid_inplace.D4-H5-B2-T3",
                "lever.op_count.lstm.train.D4-H5-B2-T3", "lever.op_count.gru.train.D4-H5-B2-T3",
                "lever.lstm_layer_op.infer.D4-H5-B2-T3", "lever.lstm_layer_op.train.D4-H5-B2-T3"), names);
        assertFalse(all.stream().anyMatch(r -> !(r.ms().median() > 0)));
        // A per-step Java loop issues ops in proportion to the sequence length: at least one per step.
        double lstmOps = all.get(4).extra().get("ops");
        assertTrue(lstmOps >= TINY.t(), "counted " + lstmOps + " ops");
        assertEquals(lstmOps / TINY.t(), all.get(4).extra().get("ops_per_time_step"), 1e-9);
    }
}
