package io.rnnkit.text.embed;

import io.rnnkit.text.Vocabulary;
import io.rnnkit.text.WordTokenizer;
import io.rnnkit.text.io.CorpusFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordVectorsTest {
    @TempDir
    Path dir;

    private static WordVectors small() {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("whale", new float[]{1, 0, 0});
        m.put("sperm", new float[]{0.9f, 0.1f, 0});
        m.put("ship", new float[]{0.5f, 0.5f, 0});
        m.put("good", new float[]{0, 0, 1});
        m.put("café", new float[]{-1.5e-7f, 3.25f, -0.1f});
        return WordVectors.of(m);
    }

    @Test
    void nearestIsByCosineAndExcludesTheQuery() {
        WordVectors wv = small();
        List<Neighbour> n = wv.nearest("whale", 3);
        assertEquals(List.of("sperm", "ship", "good"), n.stream().map(Neighbour::word).toList());
        assertEquals(0.9 / Math.sqrt(0.82), n.get(0).similarity(), 1e-6);
        assertEquals(1.0, wv.similarity("whale", "whale"), 1e-9);
        assertEquals(4, wv.nearest("whale", 99).size());
        assertEquals("whale", wv.nearest(new float[]{2, 0, 0}, 1).get(0).word());
        assertEquals("no vector for 'moby' (5 words)",
                assertThrows(IllegalArgumentException.class, () -> wv.nearest("moby", 3)).getMessage());
    }

    @Test
    void allThreeFormatsRoundTripExactly() throws IOException {
        WordVectors wv = small();
        // The lossless formats; COMPACT_8BIT rounds to 8 bits (CompactVectorsTest bounds its error).
        for (VectorFormat f : List.of(VectorFormat.WORD2VEC_TEXT, VectorFormat.WORD2VEC_BINARY, VectorFormat.GLOVE_TEXT)) {
            Path p = dir.resolve("v." + f);
            wv.save(p, f);
            WordVectors back = WordVectors.load(p, f);
            assertEquals(wv.words(), back.words(), f.name());
            for (String w : wv.words()) {
                assertArrayEquals(wv.vector(w), back.vector(w), 0f, f + " " + w);
            }
        }
        List<String> text = Files.readAllLines(dir.resolve("v.WORD2VEC_TEXT"));
        assertEquals("5 3", text.get(0));
        assertEquals("whale 1.0 0.0 0.0", text.get(1));
        assertEquals("whale 1.0 0.0 0.0", Files.readAllLines(dir.resolve("v.GLOVE_TEXT")).get(0));
        // binary: header + 5 x (word + space + 12 bytes + newline)
        long expected = "5 3\n".length() + 5 * (1 + 12 + 1) + "whale".length() + "sperm".length() + "ship".length()
                + "good".length() + "café".getBytes(StandardCharsets.UTF_8).length;
        assertEquals(expected, Files.size(dir.resolve("v.WORD2VEC_BINARY")));
    }

    @Test
    void readsTheCToolsBinaryLayoutAndGloveFiles() throws IOException {
        Path glove = dir.resolve("glove.txt");
        Files.writeString(glove, "the 0.1 0.2\nof -0.3 4e-2\n");
        WordVectors g = WordVectors.load(glove, VectorFormat.GLOVE_TEXT);
        assertEquals(2, g.dimension());
        assertArrayEquals(new float[]{-0.3f, 0.04f}, g.vector("of"));
        Path w2v = dir.resolve("w2v.txt");
        Files.writeString(w2v, "2 2\nthe 0.1 0.2 \nof -0.3 4e-2 \n"); // the C tool leaves a trailing space
        assertArrayEquals(g.vector("the"), WordVectors.load(w2v, VectorFormat.WORD2VEC_TEXT).vector("the"));
    }

    @Test
    void inconsistentDimensionsNameTheLine() throws IOException {
        Path glove = dir.resolve("bad.txt");
        Files.writeString(glove, "a 1 2 3\nb 1 2 3\nc 1 2\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> WordVectors.load(glove, VectorFormat.GLOVE_TEXT));
        assertEquals(glove + ":3: 'c' has 2 values, expected 3 (as on line 1)", e.getMessage());

        Path w2v = dir.resolve("bad.w2v");
        Files.writeString(w2v, "2 3\na 1 2 3\nb 1 2 x\n");
        e = assertThrows(CorpusFormatException.class, () -> WordVectors.load(w2v, VectorFormat.WORD2VEC_TEXT));
        assertEquals(w2v + ":3: value 3 of 'b' is not a number: 'x'", e.getMessage());

        Files.writeString(w2v, "3 3\na 1 2 3\nb 1 2 3\n");
        e = assertThrows(CorpusFormatException.class, () -> WordVectors.load(w2v, VectorFormat.WORD2VEC_TEXT));
        assertEquals(w2v + ":1: the header says 3 vectors, the file has 2", e.getMessage());

        Files.writeString(w2v, "a 1 2 3\n");
        e = assertThrows(CorpusFormatException.class, () -> WordVectors.load(w2v, VectorFormat.WORD2VEC_TEXT));
        assertTrue(e.getMessage().startsWith(w2v + ":1: expected the word2vec header"), e.getMessage());

        Files.writeString(glove, "a 1 2\na 3 4\n");
        e = assertThrows(CorpusFormatException.class, () -> WordVectors.load(glove, VectorFormat.GLOVE_TEXT));
        assertEquals(glove + ":2: duplicate word 'a'", e.getMessage());

        Files.writeString(glove, "");
        e = assertThrows(CorpusFormatException.class, () -> WordVectors.load(glove, VectorFormat.GLOVE_TEXT));
        assertEquals(glove + ": file is empty", e.getMessage());
    }

    @Test
    void truncatedBinaryIsAnError() throws IOException {
        Path p = dir.resolve("v.bin");
        small().save(p, VectorFormat.WORD2VEC_BINARY);
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 8));
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> WordVectors.load(p, VectorFormat.WORD2VEC_BINARY));
        assertEquals(p + ": vector 5 of 5 ('café'): the file ends after 1 of 3 values", e.getMessage());
    }

    @Test
    void embeddingMatrixFollowsVocabularyOrderAndOovPolicy() {
        WordVectors wv = small();
        Vocabulary vocab = Vocabulary.of(List.of("whale", "whale", "Ship", "ahab", "good"));
        EmbeddingMatrix zeros = wv.embeddingMatrix(vocab, OovPolicy.ZEROS, 1);
        INDArray w = zeros.weights();
        assertArrayEquals(new long[]{vocab.size(), 3}, w.shape());
        assertEquals(DataType.FLOAT, w.dataType());
        assertEquals(0.0, w.getRow(Vocabulary.PAD).norm2Number().doubleValue());
        assertArrayEquals(wv.vector("whale"), w.getRow(vocab.indexOf("whale")).toFloatVector());
        assertArrayEquals(wv.vector("ship"), w.getRow(vocab.indexOf("Ship")).toFloatVector()); // lower-case fallback
        assertEquals(0.0, w.getRow(vocab.indexOf("ahab")).norm2Number().doubleValue());
        assertEquals(3, zeros.found());
        assertEquals(1, zeros.missing());
        assertEquals(List.of("ahab"), zeros.missingWords());
        assertEquals(0.75, zeros.coverage(), 1e-12);
        assertEquals("3 of 4 words (75.0%) have pretrained vectors; 1 use ZEROS", zeros.report());

        EmbeddingMatrix mean = wv.embeddingMatrix(vocab, OovPolicy.MEAN, 1);
        float[] expectedMean = new float[3];
        for (String word : wv.words()) {
            float[] v = wv.vector(word);
            for (int j = 0; j < 3; j++) {
                expectedMean[j] += v[j] / 5;
            }
        }
        assertArrayEquals(expectedMean, mean.weights().getRow(vocab.indexOf("ahab")).toFloatVector(), 1e-6f);
        assertArrayEquals(expectedMean, mean.weights().getRow(Vocabulary.UNK).toFloatVector(), 1e-6f);

        EmbeddingMatrix r1 = wv.embeddingMatrix(vocab, OovPolicy.RANDOM, 7);
        EmbeddingMatrix r2 = wv.embeddingMatrix(vocab, OovPolicy.RANDOM, 7);
        EmbeddingMatrix r3 = wv.embeddingMatrix(vocab, OovPolicy.RANDOM, 8);
        assertEquals(r1.weights(), r2.weights());
        assertNotEquals(r1.weights(), r3.weights());
        assertTrue(r1.weights().getRow(vocab.indexOf("ahab")).norm2Number().doubleValue() > 0);
        assertEquals(0.0, r1.weights().getRow(Vocabulary.PAD).norm2Number().doubleValue());
    }

    @Test
    void invalidTablesAreRejected() {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("a", new float[]{1, 2});
        m.put("b", new float[]{1});
        assertEquals("'b' has 1 values, expected 2", assertThrows(IllegalArgumentException.class, () -> WordVectors.of(m)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> WordVectors.of(Map.of("two words", new float[]{1})));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.of(Map.of()));
    }

    @Test
    void word2vecTrainsOnASmallStreamedText() throws IOException {
        // Sonnet-like repetitive text: enough co-occurrence for structure, small enough to train in about a second.
        List<String> lines = new ArrayList<>();
        String[] animals = {"whale", "shark", "seal"};
        String[] places = {"sea", "ocean", "bay"};
        for (int i = 0; i < 300; i++) {
            lines.add("the " + animals[i % 3] + " swims in the " + places[(i / 3) % 3] + " near the ship");
            lines.add("a good captain steers the ship to the " + places[i % 3]);
        }
        Path text = dir.resolve("corpus.txt");
        Files.write(text, lines);
        Word2VecConfig config = Word2VecConfig.defaults().withDimension(16).withMinCount(2).withEpochs(2).withWorkers(1);
        WordVectors wv = Word2VecTrainer.train(config, TrainingText.lines(text, new WordTokenizer(true, WordTokenizer.Contractions.KEEP)));
        assertEquals(16, wv.dimension());
        assertEquals(new HashSet<>(List.of("the", "whale", "shark", "seal", "swims", "in", "sea", "ocean", "bay", "near",
                "ship", "a", "good", "captain", "steers", "to")), new HashSet<>(wv.words()));
        assertEquals("the", wv.words().get(0)); // most frequent first
        List<Neighbour> n = wv.nearest("whale", 10);
        assertEquals(10, n.size());
        assertEquals(10, n.stream().map(Neighbour::word).distinct().count());
        assertFalse(n.stream().anyMatch(x -> x.word().equals("whale")));
        for (int i = 1; i < n.size(); i++) {
            assertTrue(n.get(i - 1).similarity() >= n.get(i).similarity());
        }
        for (float x : wv.vector("whale")) {
            assertTrue(Float.isFinite(x));
        }
    }

    @Test
    void word2vecConfigIsValidated() {
        assertEquals("dimension must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.defaults().withDimension(0)).getMessage());
    }
}
