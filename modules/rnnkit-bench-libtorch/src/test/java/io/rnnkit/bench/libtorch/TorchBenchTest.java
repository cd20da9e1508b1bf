package io.rnnkit.bench.libtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TorchBenchTest {

    private static final TorchBench.Shape TINY = new TorchBench.Shape(4, 5, 2, 3);

    @Test
    void everyCellTrainsInfersAndSteps() {
        for (String cell : new String[] {"simple_rnn", "lstm", "gru", "bi_lstm"}) {
            assertEquals(2, TorchBench.timeTrain(cell, TINY, 1, 2, 10).length, cell);
            assertEquals(2, TorchBench.timeInference(cell, TINY, 0, 2, 10).length, cell);
        }
        assertEquals(3, TorchBench.timeSteps("lstm", TINY, 4, 0, 3).length);
    }

    @Test
    void parameterCountIsThePyTorchLayoutOfTheSameNetwork() {
        // LSTM 4·(D·H + H·H + 2H) (PyTorch keeps two bias vectors, DL4J one) + head H·D + D, D=4, H=5: 220 + 24
        long n = 0;
        var params = new TorchBench.Net("lstm", TINY).root.parameters();
        for (long i = 0; i < params.size(); i++) {
            n += params.get(i).numel();
        }
        assertEquals(244, n);
    }

    @Test
    void percentilesAndJsonTextAreSafe() {
        assertEquals(2.5, TorchBench.pct(new double[] {1, 2, 3, 4}, 50), 1e-12);
        assertEquals("a \\\"b\\\" c; d", TorchBench.jsonText("a \"b\"\tc\nd"));
        assertTrue(TorchBench.toJson(new java.util.LinkedHashMap<>(), 1, true).contains("\"benchmarks\": {"));
    }
}
