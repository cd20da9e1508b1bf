package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.Summary;
import io.rnnkit.text.encode.PadSpec;
import io.rnnkit.text.encode.PaddedBatch;
import io.rnnkit.text.encode.RnnTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A bidirectional GRU read through max pooling over all words, with dropout, as in the defaults. */
class PooledReadoutTest {
    private static SentimentClassifier model;

    @BeforeAll
    static void trainOnce() {
        SentimentConfig config = Fixtures.config(Encoder.BIDIRECTIONAL_GRU, 20).toBuilder()
                .readout(Readout.MAX).dropout(0.3).build();
        model = SentimentClassifier.train(config, Fixtures.data("pos", "neg", 40));
    }

    @Test
    void learnsTheTinyTask() {
        assertEquals("pos", model.predict("the service was excellent and superb").label());
        assertEquals("neg", model.predict("the movie was awful").label());
        assertEquals(1.0, model.evaluate(Fixtures.data("pos", "neg", 10)).accuracy());
    }

    @Test
    void summaryHasThePoolingRowAndCountsParameters() {
        Summary s = model.summary();
        List<String> types = s.rows().stream().map(Summary.Row::type).toList();
        assertEquals(List.of("Embedding", "Bidirectional", "GlobalMaxPooling1D", "Dropout", "Dense"), types);
        int v = model.vocabulary().size();
        // Embedding v·8, two GRUs 2·3·(8·8 + 8·8 + 2·8) = 864, Dense 16·2 + 2 = 34; dropout and pooling none.
        assertEquals(v * 8L + 864 + 34, s.totalParams());
        assertEquals(model.network().numParams(), s.totalParams());
    }

    @Test
    void aPaddedMaskedBatchGivesTheProbabilitiesOfEachTextAlone() {
        List<String> texts = List.of("good", "the food was really nice and the service superb !", "awful phone .");
        List<int[]> ids = texts.stream().map(t -> model.vocabulary().encode(model.tokenizer().words(t))).toList();
        PaddedBatch batch = PaddedBatch.pad(ids, PadSpec.upTo(PadSpec.NO_LIMIT));
        assertTrue(batch.paddingCells() > 0);
        INDArray out = model.network().output(RnnTensors.indices(batch), false, RnnTensors.mask(batch), null);
        for (int i = 0; i < texts.size(); i++) {
            Sentiment alone = model.predict(texts.get(i));
            assertEquals(alone.probability("neg"), out.getDouble(i, 0), 1e-5, texts.get(i));
            assertEquals(alone.probability("pos"), out.getDouble(i, 1), 1e-5, texts.get(i));
        }
    }

    @Test
    void theReadoutSurvivesTheModelFile(@TempDir Path dir) {
        Path file = dir.resolve("pooled.rnnk");
        model.save(file);
        SentimentClassifier loaded = SentimentClassifier.load(file);
        assertEquals(Readout.MAX, loaded.config().readout());
        String text = "the phone was really terrible !";
        assertEquals(model.predict(text).probabilities(), loaded.predict(text).probabilities());
    }

    @Test
    void readoutNamesAndOldSettings() {
        assertEquals(Readout.AVG, Readout.of(" Avg "));
        assertEquals("max", Readout.MAX.id());
        assertEquals("unknown readout 'mean'; expected last, max or avg",
                assertThrows(IllegalArgumentException.class, () -> Readout.of("mean")).getMessage());
        // Settings saved before pooling existed have no readout: they read the last step.
        assertEquals(Readout.LAST, SentimentConfig.fromMap(Map.of("encoder", "gru")).readout());
        assertEquals(Readout.MAX, SentimentConfig.fromMap(SentimentConfig.defaults().toBuilder()
                .readout(Readout.MAX).build().toMap()).readout());
    }
}
