package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.text.encode.PadSpec;
import io.rnnkit.text.encode.PaddedBatch;
import io.rnnkit.text.encode.RnnTensors;
import io.rnnkit.text.io.LabelledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class SentimentClassifierTest {
    private static SentimentClassifier model;

    @BeforeAll
    static void trainOnce() {
        model = SentimentClassifier.train(Fixtures.config(Encoder.GRU, 25), Fixtures.data("pos", "neg", 40));
    }

    @Test
    void learnsTheTinyTaskWithStringLabels() {
        assertEquals(List.of("neg", "pos"), model.labels());
        Sentiment good = model.predict("the service was excellent and superb");
        Sentiment bad = model.predict("the movie was awful");
        assertEquals("pos", good.label());
        assertEquals("neg", bad.label());
        assertEquals(List.of("neg", "pos"), List.copyOf(good.probabilities().keySet()));
        assertEquals(1.0, good.probability("neg") + good.probability("pos"), 1e-5);
        assertEquals(good.probability("pos"), good.confidence());
        assertEquals(1.0, model.evaluate(Fixtures.data("pos", "neg", 10)).accuracy());
    }

    @Test
    void numericLabelsAreOrderedNumericallyAndAnyNumberOfClassesWorks() {
        List<LabelledText> data = new ArrayList<>(Fixtures.data("1", "-1", 10));
        for (int i = 0; i < 10; i++) {
            data.add(Fixtures.text("the phone was fine " + i % 3, "0"));
        }
        SentimentClassifier three = SentimentClassifier.train(Fixtures.config(Encoder.LSTM, 2), data);
        assertEquals(List.of("-1", "0", "1"), three.labels());
        Sentiment s = three.predict("really good");
        assertEquals(3, s.probabilities().size());
        assertEquals(List.of("-1", "0", "1"), List.copyOf(s.probabilities().keySet()));
        assertEquals(3, three.network().output(
                org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 4).addi(2))
                .size(1));
    }

    @Test
    void summaryCountsParameters() {
        int v = model.vocabulary().size();
        // Embedding v·8, GRU 3·(8·8 + 8·8 + 2·8) = 432, Dense 8·2 + 2 = 18
        assertEquals(v * 8L + 432 + 18, model.summary().totalParams());
        assertEquals(model.network().numParams(), model.summary().totalParams());
    }

    @Test
    void aPaddedMaskedBatchGivesTheProbabilitiesOfEachTextAlone() {
        for (Encoder encoder : List.of(Encoder.GRU, Encoder.LSTM)) {
            SentimentClassifier m = encoder == Encoder.GRU ? model
                    : SentimentClassifier.train(Fixtures.config(encoder, 1), Fixtures.data("pos", "neg", 10));
            List<String> texts = List.of("good", "the food was really nice and the service superb !", "awful phone .");
            List<int[]> ids = texts.stream().map(t -> m.vocabulary().encode(m.tokenizer().words(t))).toList();
            PaddedBatch batch = PaddedBatch.pad(ids, PadSpec.upTo(PadSpec.NO_LIMIT));
            assertTrue(batch.paddingCells() > 0);
            INDArray out = m.network().output(RnnTensors.indices(batch), false, RnnTensors.mask(batch), null);
            List<Sentiment> alone = texts.stream().map(m::predict).toList();
            List<Sentiment> together = m.predictAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                for (int c = 0; c < 2; c++) {
                    String label = m.labels().get(c);
                    assertEquals(alone.get(i).probability(label), out.getDouble(i, c), 1e-6, encoder + " text " + i);
                    assertEquals(alone.get(i).probability(label), together.get(i).probability(label), 0.0);
                }
            }
        }
    }

    @Test
    void longTextsKeepTheirLastWordsAndUnknownWordsAreCounted() {
        SentimentClassifier shortModel = SentimentClassifier.train(
                Fixtures.config(Encoder.GRU, 1).toBuilder().maxLength(3).build(), Fixtures.data("pos", "neg", 10));
        Sentiment longer = shortModel.predict("zebra quux the food was good");
        Sentiment end = shortModel.predict("was good");
        Sentiment lastThree = shortModel.predict("food was good");
        assertTrue(longer.truncated());
        assertFalse(lastThree.truncated());
        assertEquals(6, longer.words());
        assertEquals(0, longer.unknownWords(), "the unknown words were cut off");
        assertEquals(lastThree.probabilities(), longer.probabilities());
        assertFalse(end.probabilities().equals(lastThree.probabilities()));
        assertEquals(2, shortModel.predict("zebra quux").unknownWords());
    }

    @Test
    void emptyTextIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict("  \n "));
        assertEquals("the text: text has no words to classify", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.predictAll(List.of("good", "")));
        assertEquals("text 2 of 2: text has no words to classify", e.getMessage(), "numbered as users count");
        assertTrue(model.hasWords("good"));
        assertFalse(model.hasWords(" \u200B\uFEFF "), "only invisible characters: nothing to classify");
    }

    @Test
    void unknownLabelAtEvaluationNamesTheRecord() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.evaluate(List.of(Fixtures.text("good", "pos"), Fixtures.text("bad", "negative"))));
        assertEquals("inline:1: label 'negative' is not one the model knows [neg, pos]", e.getMessage());
    }

    @Test
    void trainingNeedsTwoLabelsAndWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SentimentClassifier.train(Fixtures.config(Encoder.GRU, 1), List.of(Fixtures.text("good", "pos"))));
        assertEquals("the training data has only the label 'pos'; a classifier needs at least two", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SentimentClassifier.train(Fixtures.config(Encoder.GRU, 1),
                List.of(Fixtures.text("good", "pos"), Fixtures.text(" ", "neg"))));
        assertEquals("inline:1: text has no words to classify", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SentimentClassifier.train(Fixtures.config(Encoder.GRU, 1), List.of()));
    }

    @Test
    void saveAndLoadGiveIdenticalProbabilities(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sentiment.rnnk");
        model.save(file);
        SentimentClassifier loaded = SentimentClassifier.load(file.toString());
        var trainingData = io.rnnkit.nn.io.ModelFile.readManifest(file).trainingData();
        assertEquals(64, trainingData.sha256().length(), "the manifest records the training data");
        assertTrue(trainingData.sizeBytes() > 0);
        assertEquals(model.labels(), loaded.labels());
        assertEquals(model.vocabulary(), loaded.vocabulary());
        assertEquals(model.tokenizer(), loaded.tokenizer());
        assertEquals(model.config().toMap(), loaded.config().toMap());
        List<String> texts = List.of("good", "the food was terrible", "zebra excellent !", "nice nice nice nice");
        List<Sentiment> before = model.predictAll(texts);
        List<Sentiment> after = loaded.predictAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(before.get(i), after.get(i));
        }
        assertEquals(model.evaluate(Fixtures.data("pos", "neg", 5)), loaded.evaluate(Fixtures.data("pos", "neg", 5)));

        Path notAModel = dir.resolve("empty.rnnk");
        Files.write(notAModel, new byte[0]);
        ModelFileException e = assertThrows(ModelFileException.class, () -> SentimentClassifier.load(notAModel));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void trainingIsDeterministicForASeed() {
        List<LabelledText> data = Fixtures.data("pos", "neg", 8);
        SentimentConfig c = Fixtures.config(Encoder.GRU, 2).toBuilder().validationFraction(0.25).build();
        float[] a = SentimentClassifier.train(c, data).network().params().toFloatVector();
        float[] b = SentimentClassifier.train(c, data).network().params().toFloatVector();
        assertArrayEquals(a, b);
    }
}
