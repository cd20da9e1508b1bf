package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.text.WordTokenizer.Contractions;
import io.rnnkit.text.embed.VectorFormat;
import io.rnnkit.text.embed.WordVectors;
import io.rnnkit.text.io.LabelledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SentimentConfig#vectors()}: pretrained vectors named in the configuration. */
class PretrainedVectorsTest {
    private static final int DIM = 8;

    /** Vectors for the fixture's sentiment words, "splendid", and two words the data never uses. */
    private static Path vectorsFile(Path dir, String name, VectorFormat format) throws Exception {
        Map<String, float[]> m = new LinkedHashMap<>();
        List<String> words = new ArrayList<>(List.of("unseenfirst", "unseensecond", "splendid"));
        words.addAll(List.of(Fixtures.GOOD));
        words.addAll(List.of(Fixtures.BAD));
        for (int i = 0; i < words.size(); i++) {
            float[] v = new float[DIM];
            v[0] = i + 1;
            v[DIM - 1] = words.get(i).length();
            m.put(words.get(i), v);
        }
        Path file = dir.resolve(name);
        WordVectors.of(m).save(file, format);
        return file;
    }

    /** The fixture data plus one positive text with "splendid" and one with "zorkish", each seen once. */
    private static List<LabelledText> data() {
        List<LabelledText> data = new ArrayList<>(Fixtures.data("pos", "neg", 10));
        data.add(Fixtures.text("the food was splendid", "pos"));
        data.add(Fixtures.text("the phone was zorkish", "neg"));
        return data;
    }

    private static SentimentConfig config(String vectors, int vectorVocabulary) {
        return Fixtures.config(Encoder.GRU, 1).toBuilder().minCount(2).trainEmbeddings(false).vectors(vectors)
                .vectorVocabulary(vectorVocabulary).build();
    }

    @Test
    void vectorsNamedInTheConfigFillTheEmbeddingAndKeepRareWordsThatHaveOne(@TempDir Path dir) throws Exception {
        Path file = vectorsFile(dir, "v.txt", VectorFormat.GLOVE_TEXT);
        SentimentClassifier model = SentimentClassifier.train(config(file.toString(), 0), data());
        float[][] w = model.network().getLayer(0).getParam("W").toFloatMatrix();
        assertArrayEquals(new float[] {3, 0, 0, 0, 0, 0, 0, 8}, w[model.vocabulary().indexOf("splendid")],
                "seen once, below minCount 2, but it has a vector");
        assertFalse(model.vocabulary().contains("zorkish"), "seen once and no vector: <unk>");
        assertFalse(model.vocabulary().contains("unseenfirst"), "vectorVocabulary 0 adds no unseen words");
        assertEquals(1, model.predict("zorkish great").unknownWords());
    }

    @Test
    void vectorVocabularyAddsTheFirstUnseenWordsOfTheVectorsInFileOrder(@TempDir Path dir) throws Exception {
        Path file = vectorsFile(dir, "v.bin", VectorFormat.WORD2VEC_BINARY);
        SentimentClassifier model = SentimentClassifier.train(config(file.toString(), 1), data());
        assertTrue(model.vocabulary().contains("unseenfirst"));
        assertFalse(model.vocabulary().contains("unseensecond"), "only the first 1");
        float[][] w = model.network().getLayer(0).getParam("W").toFloatMatrix();
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 11}, w[model.vocabulary().indexOf("unseenfirst")]);
        assertEquals(0, model.predict("unseenfirst").unknownWords(), "a word first met in prediction has its vector");
    }

    @Test
    void theFileFormatFollowsTheExtensionOrTheHeader(@TempDir Path dir) throws Exception {
        assertEquals(VectorFormat.WORD2VEC_BINARY, PretrainedVectors.format(vectorsFile(dir, "a.bin", VectorFormat.WORD2VEC_BINARY)));
        assertEquals(VectorFormat.WORD2VEC_TEXT, PretrainedVectors.format(vectorsFile(dir, "b.txt", VectorFormat.WORD2VEC_TEXT)));
        assertEquals(VectorFormat.GLOVE_TEXT, PretrainedVectors.format(vectorsFile(dir, "c.txt", VectorFormat.GLOVE_TEXT)));
        Path file = vectorsFile(dir, "d.txt", VectorFormat.GLOVE_TEXT);
        assertSame(PretrainedVectors.load(file.toString()), PretrainedVectors.load(file.toString()), "read once");
        assertEquals(15, PretrainedVectors.load(file.toString()).size());
    }

    @Test
    void aMissingFileOrDatasetOrAWrongDimensionIsOneClearLine(@TempDir Path dir) throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SentimentClassifier.train(config(dir.resolve("nope.txt").toString(), 0), data()));
        assertTrue(missing.getMessage().startsWith("pretrained vectors file not found: " + dir.resolve("nope.txt")),
                missing.getMessage());

        String before = System.getProperty(Datasets.PROPERTY);
        System.setProperty(Datasets.PROPERTY, dir.toString());
        try {
            Datasets.MissingDatasetException e = assertThrows(Datasets.MissingDatasetException.class,
                    () -> SentimentClassifier.train(config(PretrainedVectors.GLOVE_100D, 0), data()));
            assertTrue(e.getMessage().contains("scripts/fetch-datasets " + PretrainedVectors.GLOVE_100D), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(Datasets.PROPERTY);
            } else {
                System.setProperty(Datasets.PROPERTY, before);
            }
        }

        Path file = vectorsFile(dir, "v.txt", VectorFormat.GLOVE_TEXT);
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class, () -> SentimentClassifier.train(
                config(file.toString(), 0).toBuilder().embeddingDim(5).build(), data()));
        assertEquals("the word vectors have 8 dimensions but the model's embeddingDim is 5", dim.getMessage());

        Path broken = dir.resolve("broken.txt");
        Files.writeString(broken, "good 1 2 3\nbad 1 2\n");
        RuntimeException bad = assertThrows(RuntimeException.class,
                () -> SentimentClassifier.train(config(broken.toString(), 0), data()));
        assertTrue(bad.getMessage().contains("broken.txt"), bad.getMessage());
    }

    @Test
    void settingsAreCheckedAndSurviveTheModelFile(@TempDir Path dir) throws Exception {
        SentimentConfig none = SentimentConfig.builder().vectors("none").vectorVocabulary(10).build();
        assertEquals(null, none.vectors(), "'none' is random embeddings");
        assertFalse(none.toMap().containsKey("vectorVocabulary"), "ignored without vectors");
        assertEquals(PretrainedVectors.BUILTIN_GLOVE_100D, SentimentConfig.defaults().vectors());
        assertThrows(IllegalArgumentException.class, () -> SentimentConfig.builder().vectors(" ").build());
        assertThrows(IllegalArgumentException.class, () -> SentimentConfig.builder().vectors("v").vectorVocabulary(-1).build());

        Path file = vectorsFile(dir, "v.txt", VectorFormat.GLOVE_TEXT);
        SentimentConfig config = config(file.toString(), 2).toBuilder().contractions(Contractions.SPLIT).build();
        assertEquals(config.toMap(), SentimentConfig.fromMap(config.toMap()).toMap());
        SentimentClassifier model = SentimentClassifier.train(config, data());
        Files.delete(file);
        Path saved = dir.resolve("m.rnnk");
        model.save(saved);
        SentimentClassifier loaded = SentimentClassifier.load(saved);
        assertEquals(config.toMap(), loaded.config().toMap());
        assertEquals(model.predict("superb, isn't it").probabilities(), loaded.predict("superb, isn't it").probabilities(),
                "the vectors file is not needed once trained");
    }

    @Test
    void theDefaultsStartFromTheBuiltinVectorsAndTheSummaryAndScoresSurviveTheFile(@TempDir Path dir) {
        SentimentConfig config = SentimentConfig.defaults().toBuilder().units(4).epochs(1).build();
        List<LabelledText> data = data();
        data.add(Fixtures.text("a zorkish phone", "neg"));
        data.add(Fixtures.text("a zorkish movie", "neg"));
        SentimentClassifier model = SentimentClassifier.train(config, data);
        WordVectors builtin = PretrainedVectors.load(PretrainedVectors.BUILTIN_GLOVE_100D);
        float[][] w = model.network().getLayer(0).getParam("W").toFloatMatrix();
        float[] splendid = w[model.vocabulary().indexOf("splendid")];
        float[] expected = builtin.vector("splendid");
        for (int j = 0; j < expected.length; j++) {
            // One epoch of Adam at 2e-3 over two batches moves a value by well under 0.05.
            assertEquals(expected[j], splendid[j], 0.05f, "splendid[" + j + "]: seen once, kept for its vector");
        }
        assertTrue(model.vocabulary().contains("zorkish"), "seen twice, no vector: a trained random row");
        assertEquals(1, model.predict("the qwxzv food").unknownWords(), "never seen, no vector: <unk>");
        assertTrue(model.validation().isPresent());
        assertEquals(model.validation().get().accuracy(), model.scores().get("val_accuracy"), 0);

        Path file = dir.resolve("m.rnnk");
        model.save(file);
        SentimentClassifier loaded = SentimentClassifier.load(file);
        assertEquals(model.summary().toString(), loaded.summary().toString());
        assertTrue(loaded.summary().toString().matches("(?s).*\\(Dropout\\)\\s+\\(None, 8\\).*"), loaded.summary().toString());
        assertEquals(model.scores(), loaded.scores());
        assertEquals(model.scores().get("val_accuracy"), io.rnnkit.nn.io.ModelFile.readManifest(file).metrics().get("val_accuracy"));
    }

    @Test
    void splitContractionsMatchGloveWords() {
        SentimentConfig config = Fixtures.config(Encoder.GRU, 1).toBuilder().contractions(Contractions.SPLIT).build();
        List<LabelledText> data = new ArrayList<>(Fixtures.data("pos", "neg", 4));
        data.add(Fixtures.text("it wasn't good", "neg"));
        SentimentClassifier model = SentimentClassifier.train(config, data);
        assertTrue(model.vocabulary().contains("n't"));
        assertTrue(model.vocabulary().contains("was"));
        assertFalse(model.vocabulary().contains("wasn't"));
        assertEquals(List.of("it", "was", "n't", "good"), model.tokenizer().words("It wasn't good"));
    }
}
