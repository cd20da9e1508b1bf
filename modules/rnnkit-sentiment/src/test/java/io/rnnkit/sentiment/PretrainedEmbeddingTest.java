package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rnnkit.text.embed.OovPolicy;
import io.rnnkit.text.embed.WordVectors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PretrainedEmbeddingTest {
    private static WordVectors vectors(int dim) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (String w : Fixtures.GOOD) {
            float[] v = new float[dim];
            v[0] = 1;
            v[dim - 1] = w.length();
            m.put(w, v);
        }
        for (String w : Fixtures.BAD) {
            float[] v = new float[dim];
            v[0] = -1;
            m.put(w, v);
        }
        return WordVectors.of(m);
    }

    @Test
    void frozenEmbeddingHoldsThePretrainedVectors() {
        SentimentConfig config = Fixtures.config(Encoder.GRU, 1).toBuilder().trainEmbeddings(false).build();
        SentimentClassifier model = SentimentClassifier.train(config, Fixtures.data("pos", "neg", 10),
                SentimentClassifier.EmbeddingInitializer.of(vectors(8), OovPolicy.ZEROS, 1));
        float[][] w = model.network().getLayer(0).getParam("W").toFloatMatrix();
        float[] great = new float[8];
        great[0] = 1;
        great[7] = 5;
        assertArrayEquals(great, w[model.vocabulary().indexOf("great")]);
        assertArrayEquals(new float[8], w[0], "padding row is zeros");
        assertArrayEquals(new float[8], w[model.vocabulary().indexOf("food")], "no vector: ZEROS policy");
    }

    @Test
    void dimensionMismatchIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentimentClassifier.train(
                Fixtures.config(Encoder.GRU, 1), Fixtures.data("pos", "neg", 4),
                SentimentClassifier.EmbeddingInitializer.of(vectors(5), OovPolicy.RANDOM, 1)));
        assertEquals("the word vectors have 5 dimensions but the model's embeddingDim is 8", e.getMessage());
    }
}
