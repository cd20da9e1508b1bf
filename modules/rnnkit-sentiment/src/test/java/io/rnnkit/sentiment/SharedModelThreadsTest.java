package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rnnkit.text.io.LabelledText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One classifier shared by many threads answers exactly what it answers on one thread. */
class SharedModelThreadsTest {
    @Test
    void eightThreadsTimesTwoThousandTextsEqualTheSingleThreadedResults() throws Exception {
        SentimentClassifier model = SentimentClassifier.train(Fixtures.config(Encoder.BIDIRECTIONAL_GRU, 3),
                Fixtures.data("pos", "neg", 30));
        List<String> texts = new ArrayList<>();
        for (LabelledText t : Fixtures.data("pos", "neg", 1000)) {
            texts.add(t.text());
        }
        assertEquals(2000, texts.size());
        List<Sentiment> expected = model.predictAll(texts);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Sentiment>>> results = new ArrayList<>();
            for (int th = 0; th < 8; th++) {
                int offset = th * 250;
                results.add(pool.submit(() -> {
                    // Each thread walks the texts from its own offset, one predict call per text, so calls interleave.
                    Sentiment[] got = new Sentiment[texts.size()];
                    for (int k = 0; k < texts.size(); k++) {
                        int i = (k + offset) % texts.size();
                        got[i] = model.predict(texts.get(i));
                    }
                    return List.of(got);
                }));
            }
            for (Future<List<Sentiment>> f : results) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
