package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentCommandTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path model;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Rnnkit.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @BeforeAll
    static void trainTinyModel() throws Exception {
        List<String> lines = new ArrayList<>(List.of("id,review,stars"));
        String[] good = {"good", "great", "lovely"};
        String[] bad = {"bad", "awful", "poor"};
        for (int i = 0; i < 30; i++) {
            lines.add(i + ",\"the food was " + good[i % 3] + ", really\",pos");
            lines.add(i + ",the service was " + bad[i % 3] + ",neg");
        }
        csv = dir.resolve("reviews.csv");
        Files.write(csv, lines);
        model = dir.resolve("sentiment.rnnk");
        SentimentCommandTest t = new SentimentCommandTest();
        int code = t.run("sentiment", "train", "--data", csv.toString(), "--text-column", "review", "--label-column", "stars",
                "--vectors", "none", "--embedding-dim", "4", "--units", "4", "--epochs", "2", "--out", model.toString(),
                "--json");
        assertEquals(Rnnkit.OK, code, t.err.toString());
        JsonNode summary = new ObjectMapper().readTree(t.out.toString());
        assertEquals(60, summary.get("n").asInt());
        assertEquals("neg", summary.get("labels").get(0).asText());
    }

    @Test
    void dataIsRepeatableAndPoolsTheFiles() throws Exception {
        // The same reviews split over a CSV and a JSON-lines file, read with the same field names.
        List<String> all = Files.readAllLines(csv);
        Path first = dir.resolve("first.csv");
        Files.write(first, all.subList(0, 21));
        Path second = dir.resolve("second.jsonl");
        List<String> json = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            json.add("{\"review\": \"the phone was " + (i % 2 == 0 ? "great" : "poor") + "\", \"stars\": \""
                    + (i % 2 == 0 ? "pos" : "neg") + "\"}");
        }
        Files.write(second, json);
        Path pooled = dir.resolve("pooled.rnnk");
        assertEquals(Rnnkit.OK, run("sentiment", "train", "--data", first.toString(), "--data", second.toString(),
                "--text-column", "review", "--label-column", "stars", "--encoder", "bidirectional-gru",
                "--readout", "max", "--vectors", "none", "--embedding-dim", "4", "--units", "4", "--epochs", "1",
                "--out", pooled.toString(), "--json"), err.toString());
        assertEquals(40, new ObjectMapper().readTree(out.toString()).get("n").asInt());
        assertEquals(Rnnkit.OK, run("sentiment", "eval", "--model", pooled.toString(), "--data", first.toString(),
                "--data", second.toString(), "--text-column", "review", "--label-column", "stars", "--json"),
                err.toString());
        assertEquals(40, new ObjectMapper().readTree(out.toString()).get("n").asInt());
        assertEquals(io.rnnkit.sentiment.Readout.MAX,
                io.rnnkit.sentiment.SentimentClassifier.load(pooled).config().readout());
    }

    @Test
    void trainWithoutModelOptionsUsesTheLibraryDefaults() {
        io.rnnkit.sentiment.SentimentConfig defaults = io.rnnkit.sentiment.SentimentConfig.defaults();
        // Parsed from a command line: the default provider fills every model option from the configuration.
        SentimentCommand.Train parsed = new SentimentCommand.Train();
        picocli.CommandLine cl = new picocli.CommandLine(parsed);
        cl.parseArgs("--data", "x.csv", "--out", "m.rnnk");
        assertEquals(defaults.toMap(), parsed.config().toMap());
        assertEquals(defaults.vectors(), parsed.vectors);
        // Built in code, with nothing set: the same.
        assertEquals(defaults.toMap(), new SentimentCommand.Train().config().toMap());
        // No model option carries a default of its own that could drift from the configuration.
        SentimentCommand.TrainDefaults provider = new SentimentCommand.TrainDefaults();
        int backed = 0;
        for (picocli.CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            if (provider.defaultValue(o) != null) {
                backed++;
                assertEquals(null, o.defaultValue(), o.longestName() + " has its own default");
            }
        }
        assertEquals(13, backed);
        String help = cl.getUsageMessage();
        assertTrue(help.contains("(default: " + defaults.units() + ")"), help);
        assertTrue(help.contains("(default: " + defaults.vectors() + ")"), help);
        assertTrue(help.contains("(default: " + defaults.vectorVocabulary() + ")"), help);
    }

    @Test
    void trainPrintsItsValidationFigureAndTheSummaryReadsTheSameAfterLoading() throws Exception {
        Path m = dir.resolve("validated.rnnk");
        assertEquals(Rnnkit.OK, run("sentiment", "train", "--data", csv.toString(), "--text-column", "review",
                "--label-column", "stars", "--vectors", "none", "--embedding-dim", "4", "--units", "4", "--epochs", "1",
                "--out", m.toString()), err.toString());
        String trained = out.toString();
        assertTrue(trained.matches("(?s).*validation: accuracy \\d\\.\\d{4}, macro F1 \\d\\.\\d{4} on 6 held-out texts.*"),
                trained);
        assertEquals(Rnnkit.OK, run("summary", "--model", m.toString()));
        String loaded = out.toString();
        String table = loaded.substring(loaded.indexOf('\n') + 1);
        assertTrue(trained.startsWith(table), "summary after training:\n" + trained + "\nafter loading:\n" + loaded);
        assertTrue(table.contains("(Dropout)") && table.matches("(?s).*\\(Dropout\\)\\s+\\(None, 8\\).*"), table);
        assertEquals(Rnnkit.OK, run("info", "--model", m.toString(), "--json"));
        JsonNode metrics = new ObjectMapper().readTree(out.toString()).get("metrics");
        assertTrue(metrics.has("val_accuracy") && metrics.has("val_macro_f1") && metrics.has("val_loss"), metrics.toString());
        assertEquals(6, metrics.get("val_n").asInt());
    }

    @Test
    void crossValidationScoresGoIntoTheManifestAndTheJson() throws Exception {
        Path m = dir.resolve("cv.rnnk");
        assertEquals(Rnnkit.OK, run("sentiment", "train", "--data", csv.toString(), "--text-column", "review",
                "--label-column", "stars", "--vectors", "none", "--embedding-dim", "4", "--units", "4", "--epochs", "1",
                "--cross-validate", "2", "--out", m.toString(), "--json"), err.toString());
        JsonNode printed = new ObjectMapper().readTree(out.toString());
        assertEquals(2, printed.get("cv_folds").asInt());
        double accuracy = printed.get("cv_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1 && printed.has("cv_accuracy_std") && printed.has("val_accuracy"),
                printed.toString());
        assertEquals(Rnnkit.OK, run("info", "--model", m.toString(), "--json"));
        JsonNode metrics = new ObjectMapper().readTree(out.toString()).get("metrics");
        assertEquals(accuracy, metrics.get("cv_accuracy").asDouble(), 0);
        assertEquals(printed.get("val_accuracy").asDouble(), metrics.get("val_accuracy").asDouble(), 0);
        assertEquals(accuracy, io.rnnkit.sentiment.SentimentClassifier.load(m).scores().get("cv_accuracy"), 0);
    }

    @Test
    void vectorsTakeEveryForm() throws Exception {
        java.util.Map<String, float[]> words = new java.util.LinkedHashMap<>();
        words.put("good", new float[] {0.5f, 0.25f, -1f});
        words.put("bad", new float[] {-0.5f, -0.25f, 1f});
        words.put("lovely", new float[] {0.4f, 0.3f, -0.9f});
        io.rnnkit.text.embed.WordVectors fixture = io.rnnkit.text.embed.WordVectors.of(words);
        Path glove = dir.resolve("v.glove.txt");
        fixture.save(glove, io.rnnkit.text.embed.VectorFormat.GLOVE_TEXT);
        Path w2vText = dir.resolve("v.w2v.txt");
        fixture.save(w2vText, io.rnnkit.text.embed.VectorFormat.WORD2VEC_TEXT);
        Path w2vBinary = dir.resolve("v.w2v");   // no .bin: the content says it is binary
        fixture.save(w2vBinary, io.rnnkit.text.embed.VectorFormat.WORD2VEC_BINARY);
        for (Path file : List.of(glove, w2vText, w2vBinary)) {
            Path m = dir.resolve(file.getFileName() + ".rnnk");
            assertEquals(Rnnkit.OK, trainWith(m, "--vectors", file.toString(), "--embedding-dim", "3",
                    "--vector-vocabulary", "0"), err.toString());
            io.rnnkit.sentiment.SentimentClassifier c = io.rnnkit.sentiment.SentimentClassifier.load(m);
            float[] row = c.network().getLayer(0).getParam("W").getRow(c.vocabulary().indexOf("bad")).toFloatVector();
            org.junit.jupiter.api.Assertions.assertArrayEquals(words.get("bad"), row, 0.2f, file.toString());
            assertEquals(file.toString(), c.config().vectors());
        }
        assertEquals(Rnnkit.OK, trainWith(dir.resolve("explicit.rnnk"), "--vectors", glove.toString(),
                "--vectors-format", "glove-text", "--embedding-dim", "3"), err.toString());
        // The built-in vectors (from rnnkit-models on the class path): 100-d, the default embedding size.
        Path builtin = dir.resolve("builtin.rnnk");
        assertEquals(Rnnkit.OK, trainWith(builtin, "--vectors", "builtin:glove-100d", "--vector-vocabulary", "5"),
                err.toString());
        io.rnnkit.sentiment.SentimentClassifier b = io.rnnkit.sentiment.SentimentClassifier.load(builtin);
        assertTrue(b.vocabulary().contains("the") && b.vocabulary().contains("of"), "the first GloVe words join");
        assertEquals("builtin:glove-100d", b.config().vectors());
        Path none = dir.resolve("none.rnnk");
        assertEquals(Rnnkit.OK, trainWith(none, "--vectors", "none", "--embedding-dim", "4"), err.toString());
        assertEquals(null, io.rnnkit.sentiment.SentimentClassifier.load(none).config().vectors());

        assertEquals(Rnnkit.FAILURE, trainWith(dir.resolve("x.rnnk"), "--vectors", "nope.vec"));
        assertTrue(err.toString().startsWith("rnnkit: pretrained vectors file not found: nope.vec (accepted: "
                + "builtin:glove-100d, a dataset name (wink-glove-100d), a word2vec text or binary file, a GloVe text "
                + "file, an rnnkit compact vectors file, or none)"), err.toString());
        assertEquals(Rnnkit.USAGE, trainWith(dir.resolve("x.rnnk"), "--vectors", glove.toString(),
                "--vectors-format", "fasttext", "--embedding-dim", "3"), "an option value out of its range");
        assertTrue(err.toString().startsWith("rnnkit: unknown vectors format 'fasttext'; expected auto, word2vec-text, "
                + "word2vec-binary, glove-text or compact"), err.toString());
        assertEquals(Rnnkit.FAILURE, trainWith(dir.resolve("x.rnnk"), "--vectors", glove.toString()));
        assertTrue(err.toString().startsWith("rnnkit: the word vectors have 3 dimensions but the model's embeddingDim is 100"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
    }

    @Test
    void theBuiltinModelRecordsItsScoresAndAnswersAsTheReadmeSays() throws Exception {
        // scripts/train-models sentiment: the CLI defaults on the 3,000 UCI sentences with --cross-validate 10.
        assertEquals(Rnnkit.OK, run("info", "--model", "builtin:sentiment", "--json"));
        JsonNode manifest = new ObjectMapper().readTree(out.toString());
        assertEquals("builtin:glove-100d", manifest.get("hyperParameters").get("vectors").asText());
        assertEquals(4351, manifest.get("hyperParameters").get("vocabularySize").asInt());
        assertEquals(0.862, manifest.get("metrics").get("cv_accuracy").asDouble(), 1e-9);
        assertEquals(10, manifest.get("metrics").get("cv_folds").asInt());
        assertEquals(0.8533, manifest.get("metrics").get("val_accuracy").asDouble(), 1e-4);
        assertEquals(Rnnkit.OK, run("sentiment", "predict", "--model", "builtin:sentiment", "--json",
                "The plot was thin but the acting saved it."));
        JsonNode p = new ObjectMapper().readTree(out.toString());
        assertEquals("0", p.get("label").asText());
        assertEquals(0.81, p.get("probabilities").get("0").asDouble(), 0.005);
    }

    private int trainWith(Path model, String... options) {
        List<String> args = new ArrayList<>(List.of("sentiment", "train", "--data", csv.toString(), "--text-column",
                "review", "--label-column", "stars", "--units", "4", "--epochs", "1", "--out", model.toString(), "--json"));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    @Test
    void predictPrintsLabelConfidenceAndText() throws Exception {
        assertEquals(Rnnkit.OK, run("sentiment", "predict", "--model", model.toString(), "lovely food", "awful"));
        String[] lines = out.toString().strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("(pos|neg)\t0\\.\\d{3}\tlovely food"), lines[0]);
        assertEquals(Rnnkit.OK, run("sentiment", "predict", "--model", model.toString(), "--json", "lovely food"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(1.0, json.get("probabilities").get("pos").asDouble() + json.get("probabilities").get("neg").asDouble(), 1e-5);
    }

    @Test
    void evalJsonHasAccuracyMacroF1AndN() throws Exception {
        assertEquals(Rnnkit.OK, run("sentiment", "eval", "--model", model.toString(), "--data", csv.toString(),
                "--text-column", "1", "--label-column", "2", "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(60, json.get("n").asInt());
        assertTrue(json.get("accuracy").asDouble() >= 0 && json.get("accuracy").asDouble() <= 1);
        assertTrue(json.has("macro_f1"));
    }

    @Test
    void badInputsFailOnOneLine() throws Exception {
        assertEquals(Rnnkit.FAILURE, run("sentiment", "eval", "--model", model.toString(), "--data", csv.toString(),
                "--text-column", "text", "--label-column", "stars"));
        assertTrue(err.toString().startsWith("rnnkit: " + csv + ":1: no column 'text' in the header; its columns are: id, review, stars"),
                err.toString());

        Path other = dir.resolve("other.csv");
        Files.write(other, List.of("review,stars", "good food,excellent"));
        assertEquals(Rnnkit.FAILURE, run("sentiment", "eval", "--model", model.toString(), "--data", other.toString(),
                "--text-column", "review", "--label-column", "stars"));
        assertTrue(err.toString().startsWith("rnnkit: " + other + ":2: label 'excellent' is not one the model knows [neg, pos]"),
                err.toString());

        Path empty = dir.resolve("empty.csv");
        Files.write(empty, new byte[0]);
        assertEquals(Rnnkit.FAILURE, run("sentiment", "eval", "--model", model.toString(), "--data", empty.toString()));
        assertTrue(err.toString().contains("file is empty"), err.toString());

        // Without --model the built-in model answers; with nothing on standard input there is nothing to classify.
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
        try {
            assertEquals(Rnnkit.FAILURE, run("sentiment", "predict"));
        } finally {
            System.setIn(saved);
        }
        assertTrue(err.toString().contains("no text to classify"), err.toString());
    }
}
