package io.rnnkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelLocation;
import io.rnnkit.tagger.TaggerConfig;
import io.rnnkit.tagger.tagset.UniversalTags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagCommandTest {
    @TempDir
    static Path dir;
    static Path corpus;
    static Path model;
    static long corpusTokens;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Rnnkit.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private int runWithStdin(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    @BeforeAll
    static void trainTinyModel() throws Exception {
        // A small Brown-format corpus in its own folder (cats.txt is not a corpus file and must be passed over).
        Path brown = Files.createDirectory(dir.resolve("brown"));
        String[] nouns = {"dog", "cat", "house", "company", "city"};
        String[] verbs = {"saw", "liked", "left", "found", "built"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add("\tI/ppss " + verbs[i % 5] + "/vbd the/at " + nouns[(i / 5) % 5] + "/nn at/in home/nn ./.");
            lines.add("\tThe/at " + nouns[i % 5] + "/nn works/vbz at/in the/at " + nouns[(i + 2) % 5] + "/nn ./.");
        }
        Files.write(brown.resolve("ca01"), lines);
        Files.writeString(brown.resolve("cats.txt"), "ca01 news\n");
        corpus = brown;
        corpusTokens = 120 * 7;
        model = dir.resolve("tagger.rnnk");
        TagCommandTest t = new TagCommandTest();
        int code = t.run("tag", "train", "--corpus", corpus.toString(), "--format", "brown", "--tagset", "universal",
                "--epochs", "2", "--hidden", "8", "--out", model.toString(), "--json");
        assertEquals(Rnnkit.OK, code, t.err.toString());
        JsonNode summary = new ObjectMapper().readTree(t.out.toString());
        assertEquals(108, summary.get("sentences").asInt());
        assertEquals(12, summary.get("validation_sentences").asInt());
        assertTrue(Files.isRegularFile(model));
    }

    private static void assertUniversalTags(String line, String... words) {
        String[] tokens = line.split(" ");
        assertEquals(words.length, tokens.length, line);
        for (int i = 0; i < words.length; i++) {
            int slash = tokens[i].lastIndexOf('/');
            assertEquals(words[i], tokens[i].substring(0, slash), line);
            assertTrue(UniversalTags.ALL.contains(tokens[i].substring(slash + 1)), line);
        }
    }

    /** The command's defaults are {@code TaggerConfig.defaults()}, which are builtin:tagger's training settings. */
    @Test
    void trainDefaultsAreTheConfigDefaultsAndTheShippedModelsSettings() {
        TagCommand.Train train = new TagCommand.Train();
        new CommandLine(train).parseArgs("--corpus", "x", "--out", "x.rnnk");
        assertEquals(TaggerConfig.defaults(), train.config());
        Manifest shipped = ModelFile.readManifest(ModelLocation.resolve("builtin:tagger"));
        assertEquals(TaggerConfig.defaults(), TaggerConfig.fromMap(shipped.hyperParameters()));
        // the Brown test scores docs/tagger.md quotes, recorded in the model
        assertEquals(0.9812, shipped.metrics().get("test_accuracy"), 5e-5);
        assertEquals(0.9090, shipped.metrics().get("test_unknown_accuracy"), 5e-5);
        assertEquals(4791.0, shipped.metrics().get("test_unknown_tokens"));

        TagCommand.Train small = new TagCommand.Train();
        new CommandLine(small).parseArgs("--corpus", "x", "--out", "x.rnnk", "--hidden", "8", "--minutes", "1.5",
                "--seed", "7");
        assertEquals(TaggerConfig.defaults().withHiddenSize(8).withTimeBudget(Duration.ofSeconds(90)).withSeed(7),
                small.config());

        assertEquals(Rnnkit.OK, run("tag", "train", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("LSTM units per direction (default: " + TaggerConfig.defaults().hiddenSize() + ")"),
                help);
        assertTrue(help.contains("Most epochs (default: " + TaggerConfig.defaults().epochs() + ")"), help);
    }

    /**
     * With --brown-split the test files are scored after training and recorded in the manifest, the same scores
     * {@code tag eval --brown-split} gives; {@code eval --save-scores} records them for an older model.
     */
    @Test
    void brownSplitTrainingRecordsTheTestScores(@TempDir Path tmp) throws Exception {
        Path brown = Files.createDirectory(tmp.resolve("brown"));
        // sorted ca01 (test), ca02 (validation), ca03 (train)
        Files.write(brown.resolve("ca01"), List.of("\tThe/at dog/nn saw/vbd a/at zebra/nn ./."));
        Files.write(brown.resolve("ca02"), List.of("\tThe/at cat/nn saw/vbd the/at dog/nn ./."));
        Files.write(brown.resolve("ca03"), List.of("\tA/at dog/nn liked/vbd the/at cat/nn ./.",
                "\tThe/at cat/nn found/vbd a/at dog/nn ./."));
        Path m = tmp.resolve("split.rnnk");
        assertEquals(Rnnkit.OK, run("tag", "train", "--corpus", brown.toString(), "--brown-split", "--epochs", "1",
                "--hidden", "4", "--word-dim", "4", "--feature-dim", "2", "--out", m.toString()), err.toString());
        assertTrue(out.toString().contains("test files: accuracy "), out.toString());
        Map<String, Double> metrics = ModelFile.readManifest(m).metrics();
        assertEquals(6.0, metrics.get("test_tokens"));
        assertEquals(2.0, metrics.get("test_unknown_tokens"));   // saw and zebra are not in ca03

        assertEquals(Rnnkit.OK, run("tag", "eval", "--model", m.toString(), "--corpus", brown.toString(),
                "--brown-split", "--json"), err.toString());
        JsonNode eval = new ObjectMapper().readTree(out.toString());
        assertEquals(eval.get("accuracy").asDouble(), metrics.get("test_accuracy"), 1e-12);
        assertEquals(eval.get("unknown_accuracy").asDouble(), metrics.get("test_unknown_accuracy"), 1e-12);

        Path copy = tmp.resolve("copy.rnnk");
        assertEquals(Rnnkit.OK, run("tag", "eval", "--model", model.toString(), "--corpus", brown.toString(),
                "--brown-split", "--json", "--save-scores", copy.toString()), err.toString());
        double accuracy = new ObjectMapper().readTree(out.toString()).get("accuracy").asDouble();
        assertEquals(accuracy, ModelFile.readManifest(copy).metrics().get("test_accuracy"), 1e-12);
        assertEquals(ModelFile.readManifest(model).hyperParameters(), ModelFile.readManifest(copy).hyperParameters());
    }

    @Test
    void tagsTextArgumentsOneLineEach() {
        assertEquals(Rnnkit.OK, run("tag", "--model", model.toString(), "I work at google", "The dog left."),
                err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals(2, lines.length);
        assertUniversalTags(lines[0], "I", "work", "at", "google");
        assertUniversalTags(lines[1], "The", "dog", "left", ".");
    }

    @Test
    void readsStandardInputLineByLineKeepingBlankLines() {
        assertEquals(Rnnkit.OK, runWithStdin("I saw the dog\n\nThe cat works\n", "tag", "--model", model.toString()),
                err.toString());
        String[] lines = out.toString().split("\n", -1);
        assertEquals(4, lines.length, out.toString());
        assertUniversalTags(lines[0], "I", "saw", "the", "dog");
        assertEquals("", lines[1]);
        assertUniversalTags(lines[2], "The", "cat", "works");
    }

    @Test
    void pretokenizedInputKeepsTokensExactly() {
        assertEquals(Rnnkit.OK, run("tag", "--model", model.toString(), "--pretokenized", "U.S.  can't  go,"),
                err.toString());
        assertUniversalTags(out.toString().strip(), "U.S.", "can't", "go,");
    }

    @Test
    void conlluOutputHasTextCommentAndOneLinePerToken() {
        assertEquals(Rnnkit.OK, run("tag", "--model", model.toString(), "--format", "conllu", "I work at google"),
                err.toString());
        String[] lines = out.toString().split("\n", -1);
        assertEquals("# text = I work at google", lines[0]);
        for (int i = 1; i <= 4; i++) {
            String[] cols = lines[i].split("\t");
            assertEquals(10, cols.length, lines[i]);
            assertEquals(String.valueOf(i), cols[0]);
            assertTrue(UniversalTags.ALL.contains(cols[3]), lines[i]);
            assertTrue(cols[9].startsWith("Prob="), lines[i]);
        }
        assertEquals("google", lines[4].split("\t")[1]);
        assertEquals("", lines[5]);
    }

    @Test
    void evalSummaryReachesABufferedStandardOutput() {
        // As in main(): a writer over a byte stream buffers, and the summary is printed without a newline.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        assertEquals(Rnnkit.OK, Rnnkit.run(new String[] {"tag", "eval", "--model", model.toString(), "--corpus",
                corpus.toString()}, new PrintWriter(bytes, true), new PrintWriter(new StringWriter(), true)));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("accuracy"), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void evalPrintsJsonScores() throws Exception {
        assertEquals(Rnnkit.OK, run("tag", "eval", "--model", model.toString(), "--corpus", corpus.toString(), "--json"),
                err.toString());
        JsonNode scores = new ObjectMapper().readTree(out.toString());
        assertEquals(corpusTokens, scores.get("tokens").asLong());
        double accuracy = scores.get("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, out.toString());
        assertTrue(scores.has("unknown_accuracy"));
        assertTrue(scores.get("per_tag").has("NOUN"));
    }

    @Test
    void malformedCorpusLineIsOneLineWithFileAndLine() throws Exception {
        Path bad = Files.write(dir.resolve("bad.txt"), List.of("The/at dog/nn", "a cat/nn"));
        assertEquals(Rnnkit.FAILURE, run("tag", "eval", "--model", model.toString(), "--corpus", bad.toString()));
        assertEquals("rnnkit: " + bad + ":2: token 'a' has no '/tag'", err.toString().split("\n")[0]);
        assertEquals(Rnnkit.FAILURE, run("tag", "train", "--corpus", bad.toString(), "--out",
                dir.resolve("never.rnnk").toString()));
        assertTrue(err.toString().startsWith("rnnkit: " + bad + ":2: "), err.toString());
        assertTrue(Files.notExists(dir.resolve("never.rnnk")));
    }

    @Test
    void usageErrorsExitWithTwo() {
        // Like every predicting verb, tagging without --model uses the built-in model.
        assertEquals(Rnnkit.OK, run("tag", "I work at google"));
        assertEquals("I/PRON work/VERB at/ADP google/NOUN", out.toString().strip());
        assertEquals(Rnnkit.USAGE, run("tag", "train", "--corpus", corpus.toString(), "--tagset", "penn",
                "--out", dir.resolve("x.rnnk").toString()));
        assertTrue(err.toString().startsWith("rnnkit: unknown --tagset 'penn'"), err.toString());
        assertEquals(Rnnkit.USAGE, run("tag", "eval", "--model", model.toString()));
        assertEquals(Rnnkit.USAGE, run("tag", "--model", model.toString(), "--format", "xml", "hi"));
    }

    @Test
    void missingModelFileFailsWithOneLine() {
        assertEquals(Rnnkit.FAILURE, run("tag", "--model", dir.resolve("none.rnnk").toString(), "hi"));
        assertTrue(err.toString().startsWith("rnnkit: "), err.toString());
        assertTrue(err.toString().contains("none.rnnk"), err.toString());
    }
}
