package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One model shared by many threads samples and scores exactly as it does on one thread. */
class SharedModelTest {
    private static final int INPUTS = 2000;
    private static final int THREADS = 8;

    /** Input i: a short evaluation (even i) or a short sample with seed i (odd i), as one comparable string. */
    private static String run(CharLanguageModel m, String text, int i) {
        if (i % 2 == 0) {
            int from = (i * 37) % (text.length() - 40);
            Evaluation e = m.evaluate(text.substring(from, from + 8 + i % 30));
            return e.bpc() + " " + e.chars() + " " + e.unknownChars();
        }
        SamplingOptions o = SamplingOptions.builder().prefix(text.substring(i % 100, i % 100 + 5)).length(12)
                .temperature(0.9).seed(i).count(1 + i % 3).build();
        return String.join("|", m.sample(o).samples());
    }

    @Test
    void eightThreadsOnOneModelGetTheSingleThreadedResults() throws Exception {
        for (CharLanguageModel m : List.of(SmallModels.lstm(), SmallModels.gru())) {
            String text = SmallModels.sonnets().substring(20_000, 30_000);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < INPUTS; i++) {
                expected.add(run(m, text, i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<List<String>>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int offset = t * (INPUTS / THREADS);
                    done.add(pool.submit(() -> {
                        // Every thread runs all inputs, each starting elsewhere: the same inputs run concurrently.
                        String[] got = new String[INPUTS];
                        for (int k = 0; k < INPUTS; k++) {
                            int i = (k + offset) % INPUTS;
                            got[i] = run(m, text, i);
                        }
                        return List.of(got);
                    }));
                }
                for (Future<List<String>> f : done) {
                    List<String> got = f.get();
                    for (int i = 0; i < INPUTS; i++) {
                        assertEquals(expected.get(i), got.get(i), m + ", input " + i);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
