package io.rnnkit.tagger;

import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.text.io.TaggedSentence;
import io.rnnkit.tagger.tagset.CoarseClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PosTaggerTest {
    private static final String[] PRONOUNS = {"I", "you", "we", "they"};
    private static final String[] VERBS = {"work", "live", "sleep", "eat"};
    private static final String[] PREPOSITIONS = {"at", "in", "near"};
    private static final String[] NOUNS = {"home", "school", "google", "town", "night"};
    private static PosTagger tagger;
    private static List<TaggedSentence> corpus;

    /** A tiny corpus of "PRON VERB ADP (DET) NOUN (.)" sentences, every word seen. */
    @BeforeAll
    static void trainTinyTagger() {
        corpus = new ArrayList<>();
        int n = 0;
        for (String p : PRONOUNS) {
            for (String v : VERBS) {
                for (String a : PREPOSITIONS) {
                    String noun = NOUNS[n++ % NOUNS.length];
                    List<String> words = new ArrayList<>(List.of(p, v, a));
                    List<String> tags = new ArrayList<>(List.of("PRON", "VERB", "ADP"));
                    if (n % 2 == 0) {
                        words.add("the");
                        tags.add("DET");
                    }
                    words.add(noun);
                    tags.add("NOUN");
                    if (n % 3 == 0) {
                        words.add(".");
                        tags.add(".");
                    }
                    corpus.add(TestSentences.of(words, tags));
                }
            }
        }
        TaggerConfig config = TaggerConfig.defaults().withEmbeddings(8, 4).withHiddenSize(8)
                .withVocabulary(100, 64).withOptimizer(8, 0.05).withEpochs(12);
        tagger = PosTagger.train(config, corpus);
    }

    @Test
    void engineTaggingEqualsTheNetworkOnAPaddedBatch() {
        List<List<String>> sentences = List.of(List.of("I", "work", "at", "google"),
                List.of("they", "sleep", "near", "the", "Town", "."), List.of("unseen"), List.of("we", "eat", "in"));
        assertEqualsNetwork(tagger, sentences);
    }

    @Test
    void aBatchOfManyLengthsInOneEngineCallEqualsTheNetwork() {
        String[] vocab = {"the", "Town", "sleeps", "near", "google", ".", "I", "work", "at", "1960s", "U.S.", "quickly"};
        List<List<String>> sentences = new ArrayList<>();
        for (int s = 0; s < 23; s++) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 1 + (s * 7) % 23; i++) {
                words.add(vocab[(s + 3 * i) % vocab.length]);
            }
            sentences.add(words);
        }
        assertEqualsNetwork(tagger, sentences);
    }

    @Test
    void featureTablesTooLargeToFoldStillGiveTheNetworksProbabilities() {
        // 8 x 600 hash rows x 4H (2,048) = 9.8 M floats, over the engine's 8 M limit for folding the tables into
        // the LSTM's input projection: this tagger runs the embedding and then the projection. Wide rather than
        // many rows, since the snapshot copies a table row by row; one epoch, as only the arithmetic is compared.
        TaggerConfig config = TaggerConfig.defaults().withEmbeddings(8, 4).withHiddenSize(512)
                .withVocabulary(100, 600).withOptimizer(8, 0.05).withEpochs(1);
        PosTagger wide = PosTagger.train(config, corpus.subList(0, 8));
        assertEqualsNetwork(wide, List.of(List.of("they", "sleep", "near", "the", "Town", "."), List.of("Zorblax")));
    }

    /** The engine's probabilities, for the batch at once and for each sentence alone, equal DL4J's within 1e-5. */
    private static void assertEqualsNetwork(PosTagger t, List<List<String>> sentences) {
        List<float[][]> network = t.networkProbabilities(sentences);
        List<float[][]> batched = t.inferenceProbabilities(sentences);
        for (int s = 0; s < sentences.size(); s++) {
            float[][] alone = t.inferenceProbabilities(List.of(sentences.get(s))).get(0);
            for (float[][] engine : List.of(batched.get(s), alone)) {
                assertEquals(sentences.get(s).size(), engine.length);
                for (int i = 0; i < engine.length; i++) {
                    assertEquals(t.labels().size(), engine[i].length);
                    for (int k = 0; k < engine[i].length; k++) {
                        assertEquals(network.get(s)[i][k], engine[i][k], 1e-5,
                                "sentence " + s + " token " + i + " tag " + k);
                    }
                }
            }
        }
    }

    @Test
    void aTaggerFileFromTheEarlierGraphNetworkIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        Path current = dir.resolve("current.rnnk");
        tagger.save(current);
        java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(current.toFile())) {
            for (String name : List.of("labels.txt", "vocab.txt", "known-words.txt", "tagger.json")) {
                entries.put(name, zip.getInputStream(zip.getEntry(name)).readAllBytes());
            }
        }
        var graphConf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("input0")
                .addLayer("tags", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(2).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "input0")
                .setOutputs("tags").build();
        var graph = new org.deeplearning4j.nn.graph.ComputationGraph(graphConf);
        graph.init();
        Path old = dir.resolve("old.rnnk");
        io.rnnkit.nn.io.ModelFile.save(old, io.rnnkit.nn.io.Manifest.forTask(PosTagger.TASK), graph, entries);
        ModelFileException e = assertThrows(ModelFileException.class, () -> PosTagger.load(old));
        assertTrue(e.getMessage().contains("holds a tagger from an earlier rnnkit preview")
                && e.getMessage().endsWith("retrain it with rnnkit tag train"), e.getMessage());
    }

    @Test
    void learnsTheTinyCorpusAndTagsTheExample() {
        assertEquals(List.of(".", "ADP", "DET", "NOUN", "PRON", "VERB"), tagger.labels());
        TaggedText tagged = tagger.tagTokens(List.of("I", "work", "at", "google"));
        assertEquals(List.of("PRON", "VERB", "ADP", "NOUN"), tagged.tags());
        assertEquals(List.of(CoarseClass.PRONOUN, CoarseClass.VERB, CoarseClass.PREPOSITION, CoarseClass.NOUN),
                tagged.coarseClasses());
        assertEquals("I/PRON work/VERB at/ADP google/NOUN", tagged.toSlashFormat());
        for (TaggedToken t : tagged.tokens()) {
            assertTrue(t.probability() > 0.5 && t.probability() <= 1.0, t::toString);
        }
        assertEquals(1.0, tagger.evaluate(corpus).accuracy(), 1e-12);
    }

    @Test
    void paddingAndBatchingDoNotChangeResults() {
        List<List<String>> sentences = List.of(
                List.of("we", "sleep", "near", "the", "town", "."),
                List.of("they", "eat"),
                List.of("home"),
                List.of("I", "live", "in", "school"),
                List.of(),
                List.of("you", "work", "at", "the", "google", "near", "home", "."));
        List<TaggedText> batched = tagger.tagTokens(sentences);
        assertEquals(sentences.size(), batched.size());
        for (int s = 0; s < sentences.size(); s++) {
            TaggedText alone = tagger.tagTokens(sentences.get(s));
            assertEquals(sentences.get(s), batched.get(s).words());
            assertEquals(alone.tags(), batched.get(s).tags());
            for (int i = 0; i < alone.tokens().size(); i++) {
                assertEquals(alone.tokens().get(i).probability(), batched.get(s).tokens().get(i).probability(), 1e-5);
            }
        }
        assertEquals(List.of(), batched.get(4).tokens());
    }

    @Test
    void rawTextIsTokenizedWithOffsets() {
        String text = "We live near the town.";
        TaggedText tagged = tagger.tag(text);
        assertEquals(List.of("We", "live", "near", "the", "town", "."), tagged.words());
        TaggedToken town = tagged.tokens().get(4);
        assertEquals("town", text.substring(town.start(), town.end()));
        assertEquals(List.of(), tagger.tag("   ").tokens());
    }

    @Test
    void pretokenizedLinesKeepTokensExactly() {
        TaggedText tagged = tagger.tagPretokenized("  we\tlive  near U.S.-town ");
        assertEquals(List.of("we", "live", "near", "U.S.-town"), tagged.words());
        assertEquals(-1, tagged.tokens().get(0).start());
        assertEquals(List.of(), tagger.tagPretokenized(" ").tokens());
    }

    @Test
    void conlluOutputHasOneRowPerToken() {
        String conllu = tagger.tagTokens(List.of("I", "work")).toConllu();
        String[] lines = conllu.split("\n", -1);
        assertEquals(4, lines.length); // two rows, the blank separator line, and the empty string after it
        String[] cols = lines[0].split("\t");
        assertEquals(10, cols.length);
        assertEquals("1", cols[0]);
        assertEquals("I", cols[1]);
        assertEquals("PRON", cols[3]);
        assertTrue(cols[9].startsWith("Prob=0."), cols[9]);
        assertEquals("", lines[2]);
    }

    @Test
    void saveAndLoadGiveIdenticalTagsAndProbabilities(@TempDir Path dir) {
        Path file = dir.resolve("tiny.rnnk");
        tagger.save(file);
        PosTagger loaded = PosTagger.load(file.toString());
        var trainingData = io.rnnkit.nn.io.ModelFile.readManifest(file).trainingData();
        org.junit.jupiter.api.Assertions.assertNotNull(trainingData, "the manifest records the training data");
        assertEquals(64, trainingData.sha256().length());
        org.junit.jupiter.api.Assertions.assertTrue(trainingData.sizeBytes() > 0);
        assertEquals(tagger.labels(), loaded.labels());
        assertEquals(tagger.config(), loaded.config());
        assertEquals(tagger.knownWords(), loaded.knownWords());
        assertEquals(tagger.parameterCount(), loaded.parameterCount());
        List<List<String>> sentences = List.of(List.of("they", "sleep", "at", "night", "."),
                List.of("Zorblax", "works", "in", "Googleplex"));
        List<TaggedText> before = tagger.tagTokens(sentences);
        List<TaggedText> after = loaded.tagTokens(sentences);
        assertEquals(before, after); // records: same words, tags, probabilities (bit for bit) and offsets
        assertEquals(tagger.tag("I eat at home."), loaded.tag("I eat at home."));
    }

    @Test
    void parameterCountMatchesTheArchitecture() {
        // Embeddings without bias; DL4J's LSTM has 4H*(in+H) weights and 4H biases per direction; softmax over 6 tags.
        long word = (long) (2 + 18) * 8;   // <pad>, <unk> and the 18 lower-cased training forms
        long affix = 8L * 64 * 4;
        int in = 8 + 8 * 4;
        long lstm = 2L * (4 * 8 * (in + 8) + 4 * 8);
        long softmax = 16L * 6 + 6;
        assertEquals(word + affix + lstm + softmax, tagger.parameterCount());
    }

    @Test
    void badInputIsRejectedWithAClearMessage(@TempDir Path dir) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> PosTagger.train(TaggerConfig.defaults(), List.of()));
        assertEquals("no training sentences", e.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> tagger.tagTokens(List.of("I", "")));
        assertTrue(empty.getMessage().startsWith("sentence 1 has an empty or null token"), empty.getMessage());
        var cfg = assertThrows(IllegalArgumentException.class, () -> TaggerConfig.defaults().withHiddenSize(0));
        assertEquals("hiddenSize must be positive, got 0", cfg.getMessage());
        Path junk = dir.resolve("junk.rnnk");
        Files.writeString(junk, "not a model");
        assertThrows(ModelFileException.class, () -> PosTagger.load(junk));
    }

    @Test
    void configRoundTripsThroughItsMap() {
        TaggerConfig c = TaggerConfig.defaults().withTimeBudget(java.time.Duration.ofSeconds(90)).withSeed(7);
        assertEquals(c, TaggerConfig.fromMap(c.toMap()));
    }

    @Test
    void anEndlessSentenceTrainsAsPiecesAndTheModelStillTagsItWhole() {
        List<String> words = new java.util.ArrayList<>();
        List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 1300; i++) {
            words.add(i % 2 == 0 ? "the" : "dog");
            tags.add(i % 2 == 0 ? "DET" : "NOUN");
        }
        var endless = new io.rnnkit.text.io.TaggedSentence(words, tags, new io.rnnkit.text.io.SourceLocation("one-line.txt", 1));
        List<io.rnnkit.text.io.TaggedSentence> pieces = PosTagger.chunked(List.of(endless), PosTagger.MAX_TRAINING_TOKENS);
        assertEquals(List.of(512, 512, 276), pieces.stream().map(io.rnnkit.text.io.TaggedSentence::size).toList());
        assertEquals(words.subList(512, 1024), pieces.get(1).words());
        List<io.rnnkit.text.io.TaggedSentence> normal = List.of(new io.rnnkit.text.io.TaggedSentence(
                List.of("a", "dog"), List.of("DET", "NOUN"), new io.rnnkit.text.io.SourceLocation("x", 1)));
        assertSame(normal, PosTagger.chunked(normal, PosTagger.MAX_TRAINING_TOKENS), "real sentences stay whole");

        TaggerConfig config = TaggerConfig.defaults().withEmbeddings(8, 4).withHiddenSize(8).withEpochs(1)
                .withVocabulary(100, 64);
        PosTagger tagger = PosTagger.train(config, List.of(endless));
        assertEquals(1300, tagger.tagTokens(List.of(words)).get(0).tokens().size());
    }
}
