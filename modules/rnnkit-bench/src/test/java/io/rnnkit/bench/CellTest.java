package io.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CellTest {

    @Test
    void lstmTrainStepOfTheSmallShapeIsAbout6Point3Gflop() {
        // 24·B·T·H·(D+H) = 24·32·100·256·320
        assertEquals(6_291_456_000.0, Cell.LSTM.trainFlops(RnnShape.SMALL), 0);
        assertEquals(6_291_456_000.0 / 3, Cell.LSTM.inferenceFlops(RnnShape.SMALL), 1e-3);
        assertEquals(18.0 / 24, Cell.GRU.trainFlops(RnnShape.SMALL) / Cell.LSTM.trainFlops(RnnShape.SMALL), 0);
        assertEquals(6.0 / 24, Cell.SIMPLE_RNN.trainFlops(RnnShape.SMALL) / Cell.LSTM.trainFlops(RnnShape.SMALL), 0);
        assertEquals(2.0, Cell.BI_LSTM.trainFlops(RnnShape.LARGE) / Cell.LSTM.trainFlops(RnnShape.LARGE), 0);
    }

    @Test
    void keysRoundTrip() {
        for (Cell c : Cell.values()) {
            assertEquals(c, Cell.ofKey(c.key()));
        }
        assertEquals("unknown cell 'rnn'; expected simple_rnn, lstm, gru or bi_lstm",
                assertThrows(IllegalArgumentException.class, () -> Cell.ofKey("rnn")).getMessage());
    }

    @Test
    void shapeLabelsRoundTripAndBadOnesSayWhy() {
        assertEquals("D64-H256-B32-T100", RnnShape.SMALL.label());
        assertEquals(RnnShape.LARGE, RnnShape.parse(RnnShape.LARGE.label()));
        assertEquals("shape must look like D64-H256-B32-T100, got 'D64-H256'",
                assertThrows(IllegalArgumentException.class, () -> RnnShape.parse("D64-H256")).getMessage());
        assertEquals("all sizes must be positive, got D=0 H=1 B=1 T=1",
                assertThrows(IllegalArgumentException.class, () -> new RnnShape(0, 1, 1, 1)).getMessage());
    }

    @Test
    void gflopsUseTheMedian() {
        BenchResult r = new BenchResult("x", Stats.of(1, 2, 100), 4e6, null);
        assertEquals(2.0, r.gflops(), 1e-12); // 4e6 FLOP in 2 ms
        assertEquals(Double.NaN, new BenchResult("y", Stats.of(1), 0, null).gflops());
    }
}
