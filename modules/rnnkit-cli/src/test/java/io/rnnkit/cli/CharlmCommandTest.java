package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.charlm.Cell;
import io.rnnkit.charlm.CharLanguageModel;
import io.rnnkit.charlm.CharLmConfig;
import io.rnnkit.charlm.HeldOutScores;
import io.rnnkit.charlm.TextSplit;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CharlmCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Rnnkit.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path fixture(Path dir) throws Exception {
        Path model = dir.resolve("sonnets.rnnk");
        try (InputStream in = CharlmCommandTest.class.getResourceAsStream("/io/rnnkit/charlm/sonnets-lstm.rnnk")) {
            if (in == null) {
                // The fixture lives in rnnkit-charlm's test resources; read it from the source tree.
                Files.copy(Path.of(System.getProperty("rnnkit.datasets")).getParent()
                        .resolve("modules/rnnkit-charlm/src/test/resources/io/rnnkit/charlm/sonnets-lstm.rnnk"), model);
            } else {
                Files.copy(in, model);
            }
        }
        return model;
    }

    /** The train verb without options is {@code CharLmConfig.defaults()}: a default changed on one side fails here. */
    @Test
    void trainDefaultsAreTheLibrarysDefaults() {
        CommandLine cli = Rnnkit.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        CommandLine.ParseResult parsed = cli.parseArgs("charlm", "train", "--text", "t.txt", "--out", "m.rnnk");
        CharlmCommand.Train train = (CharlmCommand.Train) parsed.subcommand().subcommand().commandSpec().userObject();
        CharLmConfig expected = CharLmConfig.defaults();
        assertEquals(expected.toMap(), train.config().toMap());
        assertEquals(expected.progress(), train.config().progress());
        assertEquals(expected.checkpointDir(), train.config().checkpointDir());
        assertEquals(TextSplit.STANDARD_TRAIN, train.trainFraction);
        assertEquals(TextSplit.STANDARD_VALIDATION, train.validationFraction);
        assertEquals(HeldOutScores.DEFAULT_CONTEXT, train.context);
        // ... and those are the settings the shipped builtin:charlm was trained with (scripts/train-models).
        assertEquals(CharLanguageModel.load("builtin:charlm").config().toMap(), expected.toMap());

        // Help shows the same values, read from the configuration.
        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "train", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--units=<units> Units per layer (default: " + expected.units() + ")"), help);
        assertTrue(help.contains("--dropout=<dropout> Dropout after each layer (default: " + expected.dropout() + ")"),
                help);
        assertTrue(help.contains("(default: " + expected.timeBudget().toMillis() / 60_000.0 + ")"), help);

        // Options still override the defaults.
        parsed = cli.parseArgs("charlm", "train", "--text", "t.txt", "--out", "m.rnnk", "--units", "8",
                "--layers", "2", "--dropout", "0", "--cell", "gru");
        train = (CharlmCommand.Train) parsed.subcommand().subcommand().commandSpec().userObject();
        assertEquals(expected.toBuilder().units(8).layers(2).dropout(0).cell(Cell.GRU).build().toMap(),
                train.config().toMap());
    }

    @Test
    void trainSampleAndEvalRoundTrip(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("t.txt"), "the cat sat on the mat. ".repeat(40));
        Path model = dir.resolve("m.rnnk");
        assertEquals(Rnnkit.OK, run("charlm", "train", "--text", text.toString(), "--out", model.toString(),
                "--layers", "1", "--units", "8", "--seq-length", "20", "--epochs", "1", "--json"), err.toString());
        JsonNode trained = JsonMapper.builder().build().readTree(out.toString());
        assertEquals(1, trained.get("epochs").asInt());
        assertTrue(trained.has("test_bpc") && trained.has("val_bpc") && trained.has("unigram_bpc"), out.toString());
        assertTrue(Files.isRegularFile(model));

        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), "--text", text.toString(),
                "--json"), err.toString());
        JsonNode eval = JsonMapper.builder().build().readTree(out.toString().strip());
        assertEquals(959, eval.get("chars").asLong());
        assertTrue(eval.get("bpc").asDouble() > 0 && eval.has("unigram_bpc") && eval.has("perplexity"));
        assertTrue(!eval.has("dynamic_bpc"));

        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), "--text", text.toString(),
                "--dynamic-lr", "0.01", "--dynamic-segment", "50", "--json"), err.toString());
        JsonNode dynamic = JsonMapper.builder().build().readTree(out.toString().strip());
        assertEquals(eval.get("bpc").asDouble(), dynamic.get("bpc").asDouble(), 1e-9);
        // The text repeats one sentence: a model that keeps learning while it reads codes it in fewer bits.
        assertTrue(dynamic.get("dynamic_bpc").asDouble() < dynamic.get("bpc").asDouble(), dynamic.toString());
        assertEquals(50, dynamic.get("dynamic_segment").asInt());
        assertEquals("sgd", dynamic.get("dynamic_rule").asText());

        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), "--text", text.toString(),
                "--dynamic-lr", "0.001", "--dynamic-segment", "50", "--dynamic-rule", "rms", "--dynamic-decay",
                "0.01", "--dynamic-stats", text.toString(), "--json"), err.toString());
        JsonNode rms = JsonMapper.builder().build().readTree(out.toString().strip());
        assertEquals("rms", rms.get("dynamic_rule").asText());
        assertEquals(0.01, rms.get("dynamic_decay").asDouble(), 0);
        assertTrue(rms.get("dynamic_bpc").asDouble() > 0, rms.toString());

        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.USAGE, run("charlm", "eval", "--model", model.toString(), "--text", text.toString(),
                "--dynamic-lr", "0.001", "--dynamic-rule", "rms"));
        assertTrue(err.toString().contains("--dynamic-stats"), err.toString());
    }

    /**
     * {@code eval --compressors}: the compressors code the text after the --compressor-context text, and per Hangul
     * syllable when the text has syllables (bits of the text / its syllables).
     */
    @Test
    void evalComparesWithCompressorsGivenAContext(@TempDir Path dir) throws Exception {
        Path model = fixture(dir);
        String sentence = "파일을 엽니다. Shall I compare thee to a summer's day? ";
        Path text = Files.writeString(dir.resolve("t.txt"), sentence.repeat(20));
        Path context = Files.writeString(dir.resolve("c.txt"), sentence.repeat(20));
        JsonMapper mapper = JsonMapper.builder().build();
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), "--json", "--compressors",
                text.toString()), err.toString());
        JsonNode alone = mapper.readTree(out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), "--json", "--compressors",
                "--compressor-context", context.toString(), text.toString()), err.toString());
        JsonNode after = mapper.readTree(out.toString().strip());
        long chars = sentence.codePointCount(0, sentence.length()) * 20L;   // and 6 syllables a sentence: 120
        assertEquals(alone.get("bpc").asDouble(), after.get("bpc").asDouble(), 1e-12, "the model is unchanged");
        for (String name : new String[] {"bzip2_9", "xz_9e", "ppmd_o8"}) {
            JsonNode bpc = after.get(name + "_bpc");
            if (bpc.isTextual()) {
                assertEquals("not installed", bpc.asText());
                continue;
            }
            // The text again after itself costs far fewer bits than the text alone.
            assertTrue(bpc.asDouble() < alone.get(name + "_bpc").asDouble() / 2, name + ": " + after);
            assertEquals(bpc.asDouble() * chars / 120.0, after.get(name + "_bits_per_syllable").asDouble(), 1e-9,
                    name);
        }

        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), text.toString()), err.toString());
        assertTrue(!out.toString().contains("bzip2_9"), "no compressors unless asked: " + out);

        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.FAILURE, run("charlm", "eval", "--model", model.toString(), "--compressors",
                "--compressor-context", dir.resolve("missing.txt").toString(), text.toString()));
        assertEquals("rnnkit: compressor context file not found: " + dir.resolve("missing.txt"),
                err.toString().strip());
    }

    @Test
    void evalStreamsTheTextBatchedOrSequentially(@TempDir Path dir) throws Exception {
        Path model = fixture(dir);
        // 5,000 characters: scored as four parts side by side by default.
        Path text = Files.writeString(dir.resolve("t.txt"), "Shall I compare thee to a summer's day? €".repeat(122));
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), "--json", text.toString()),
                err.toString());
        JsonNode batched = JsonMapper.builder().build().readTree(out.toString().strip());
        assertEquals("batched", batched.get("mode").asText());
        assertEquals(300, batched.get("part_context").asInt());
        assertEquals(5001, batched.get("chars").asLong());
        assertEquals(122, batched.get("unknown_chars").asLong());
        assertTrue(batched.get("chars_per_second").asDouble() > 0);

        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), "--text", text.toString(),
                "--sequential", "--json"), err.toString());
        JsonNode sequential = JsonMapper.builder().build().readTree(out.toString().strip());
        assertEquals("sequential", sequential.get("mode").asText());
        assertEquals(1, sequential.get("parts").asInt());
        assertEquals(batched.get("chars").asLong(), sequential.get("chars").asLong());
        assertEquals(batched.get("unigram_bpc").asDouble(), sequential.get("unigram_bpc").asDouble(), 1e-9);
        assertEquals(sequential.get("bpc").asDouble(), batched.get("bpc").asDouble(), 1e-3);

        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "eval", "--model", model.toString(), "--text", text.toString(),
                "--parts", "2", "--part-context", "1"), err.toString());
        assertTrue(out.toString().contains("batched: 2 parts, 1 characters of context each"), out.toString());
        assertTrue(out.toString().contains("122 of them unknown to the model"), out.toString());

        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.USAGE, run("charlm", "eval", "--model", model.toString()));
        assertTrue(err.toString().contains("missing the text to score"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.USAGE, run("charlm", "eval", "--model", model.toString(), "--text", text.toString(),
                "--part-context", "0"));
        assertTrue(err.toString().contains("partContext must be >= 1"), err.toString());
        err.getBuffer().setLength(0);
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Rnnkit.FAILURE, run("charlm", "eval", "--model", model.toString(), latin1.toString()));
        assertTrue(err.toString().startsWith("rnnkit: " + latin1 + " is not valid UTF-8 text"), err.toString());
    }

    @Test
    void sampleStreamsTheSameTextForASeed(@TempDir Path dir) throws Exception {
        Path model = fixture(dir);
        assertEquals(Rnnkit.OK, run("charlm", "sample", "--model", model.toString(), "--prefix", "Shall I",
                "--length", "50", "--seed", "3"), err.toString());
        String first = out.toString();
        assertTrue(first.startsWith("Shall I"), first);
        assertEquals(50 + "Shall I".length() + 1, first.length());
        out.getBuffer().setLength(0);
        assertEquals(Rnnkit.OK, run("charlm", "sample", "--model", model.toString(), "--prefix", "Shall I",
                "--length", "50", "--seed", "3", "--count", "2", "--json"));
        JsonNode json = JsonMapper.builder().build().readTree(out.toString());
        assertEquals(first.substring(0, first.length() - 1), "Shall I" + json.get("samples").get(0).asText());
        assertEquals(2, json.get("samples").size());
    }

    @Test
    void badInputIsAOneLineError(@TempDir Path dir) throws Exception {
        Path model = fixture(dir);
        assertEquals(Rnnkit.USAGE, run("charlm", "sample", "--model", model.toString(), "--temperature", "0"));
        assertTrue(err.toString().startsWith("rnnkit: temperature must be a positive number, got 0.0"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.FAILURE, run("charlm", "eval", "--model", model.toString(), "--text",
                dir.resolve("missing.txt").toString()));
        assertTrue(err.toString().startsWith("rnnkit: text file not found: "), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.USAGE, run("charlm", "sample", "--model", model.toString(), "--unknown", "drop"));
        assertTrue(err.toString().startsWith("rnnkit: --unknown must be skip, unk or fail, got 'drop'"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.USAGE, run("charlm", "train", "--out", "x.rnnk"));
        assertTrue(err.toString().contains("--text"), err.toString());
    }
}
