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
                "--embedding-dim", "4", "--units", "4", "--epochs", "2", "--out", model.toString(), "--json");
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
                "--readout", "max", "--embedding-dim", "4", "--units", "4", "--epochs", "1",
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
        SentimentCommand.Train train = new SentimentCommand.Train();
        train.seed = 42;
        io.rnnkit.sentiment.SentimentConfig defaults = io.rnnkit.sentiment.SentimentConfig.defaults();
        io.rnnkit.sentiment.SentimentConfig config = train.config();
        assertEquals(defaults.toMap(), config.toMap());
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

        assertEquals(Rnnkit.USAGE, run("sentiment", "predict"));
        assertTrue(err.toString().contains("--model"), err.toString());
    }
}
