package io.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.bench.rnn.RnnBenchmarks;
import org.junit.jupiter.api.Test;

/** The README's "time one configuration from Java" example, kept compiling and running. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        // --- README example (the shape is shrunk here to keep the test fast) ---
        RnnShape shape = new RnnShape(64, 256, 32, 100);
        shape = new RnnShape(8, 16, 4, 5);
        Measure measure = new Measure(1, 5, 10);          // 1 warm-up, 5 timed iterations, at most 10 s
        BenchResult r = RnnBenchmarks.train(Cell.GRU, shape, measure);
        String line = String.format("%s: %.1f ms (p25 %.1f, p75 %.1f), %.2f GFLOP/s",
                r.name(), r.ms().median(), r.ms().p25(), r.ms().p75(), r.gflops());
        // --- end of example ---
        assertTrue(line.startsWith("gru.train.D8-H16-B4-T5: "), line);
        assertEquals(5, r.ms().iterations());
    }
}
