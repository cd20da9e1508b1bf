package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.translate.TranslatorConfig;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslateCommandTest {
    private static final String[] EN = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    private static final String[] KO = {"영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    static Path model;

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

    /** Number words to Sino-Korean digits, as a pair file with a header. */
    static Path digits(Path file, int n, long seed) throws Exception {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("en\tko"));
        for (int i = 0; i < n; i++) {
            int len = 1 + r.nextInt(4);
            StringBuilder en = new StringBuilder();
            StringBuilder ko = new StringBuilder();
            for (int k = 0; k < len; k++) {
                int d = r.nextInt(10);
                en.append(k == 0 ? "" : " ").append(EN[d]);
                ko.append(KO[d]);
            }
            lines.add(en + "\t" + ko);
        }
        return Files.write(file, lines);
    }

    @BeforeAll
    static void trainTinyModel() throws Exception {
        data = digits(dir.resolve("digits.tsv"), 450, 1);
        model = dir.resolve("digits.rnnk");
        TranslateCommandTest t = new TranslateCommandTest();
        int code = t.run("translate", "train", "--data", data.toString(), "--source-merges", "40",
                "--target-unit", "char", "--embedding-dim", "16", "--encoder-units", "24", "--decoder-units", "48",
                "--attention-size", "32", "--epochs", "40", "--batch", "16", "--learning-rate", "0.01", "--beam", "3",
                "--out", model.toString(), "--json");
        assertEquals(Rnnkit.OK, code, t.err.toString());
        JsonNode summary = JSON.readTree(t.out.toString());
        assertEquals(405, summary.get("pairs").asInt());
        assertEquals(45, summary.get("validation_pairs").asInt());
        assertEquals(14, summary.get("target_vocabulary").asInt(), "4 reserved + 10 digits");
        assertTrue(summary.get("validLossPerToken").asDouble() < 0.5, summary.toString());
        assertTrue(t.err.toString().isEmpty(), "--json trains quietly: " + t.err);
        assertTrue(ModelFile.readManifest(model).commandLine().contains("translate train --data"));
    }

    @Test
    void translatesItsArgumentsOnePerLine() {
        assertEquals(Rnnkit.OK, run("translate", "--model", model.toString(), "three one four", "nine"), err.toString());
        assertEquals(List.of("삼일사", "구"), out.toString().lines().toList());
        assertEquals("", err.toString());
    }

    @Test
    void streamsStandardInputKeepingBlankLines() {
        assertEquals(Rnnkit.OK, runWithStdin("two two\n\nfive six seven\n", "translate", "--model", model.toString(),
                "--beam", "1"), err.toString());
        assertEquals(List.of("이이", "", "오육칠"), out.toString().lines().toList());
    }

    @Test
    void jsonLinesCarryTheTokens() throws Exception {
        assertEquals(Rnnkit.OK, run("translate", "--model", model.toString(), "--json", "eight"), err.toString());
        JsonNode line = JSON.readTree(out.toString());
        assertEquals("eight", line.get("source").asText());
        assertEquals("팔", line.get("translation").asText());
        assertEquals("[\"▁eight\",\"</s>\"]", line.get("source_tokens").toString());
        assertEquals("[\"팔\",\"</s>\"]", line.get("target_tokens").toString());
        assertTrue(line.get("log_prob").asDouble() < 0);
    }

    @Test
    void drawsOneHeatMapPerSentence() throws Exception {
        Path png = dir.resolve("attention.png");
        assertEquals(Rnnkit.OK, run("translate", "--model", model.toString(), "--attention-png", png.toString(),
                "one two", "three"), err.toString());
        assertTrue(ImageIO.read(dir.resolve("attention-1.png").toFile()).getWidth() > 0);
        assertTrue(ImageIO.read(dir.resolve("attention-2.png").toFile()).getHeight() > 0);
        assertEquals(Rnnkit.OK, run("translate", "--model", model.toString(), "--attention-png", png.toString(), "six"));
        assertTrue(Files.isRegularFile(png));
    }

    @Test
    void evalScoresChrFAndBleu() throws Exception {
        Path test = digits(dir.resolve("test.tsv"), 40, 3);
        Path hyp = dir.resolve("hyp.txt");
        assertEquals(Rnnkit.OK, run("translate", "eval", "--model", model.toString(), "--data", test.toString(),
                "--translations", hyp.toString(), "--json"), err.toString());
        JsonNode e = JSON.readTree(out.toString());
        assertEquals(40, e.get("pairs").asInt());
        assertEquals(3, e.get("beam_width").asInt());
        assertTrue(e.get("chrf").asDouble() > 80, e.toString());
        assertTrue(e.has("bleu") && e.has("seconds") && e.has("pairs_per_second"), e.toString());
        assertEquals(40, Files.readAllLines(hyp).size());
        assertEquals(Rnnkit.OK, run("translate", "eval", "--model", model.toString(), "--data", test.toString(),
                "--beam", "1"));
        assertTrue(out.toString().startsWith("40 pairs, beam 1: chrF "), out.toString());
    }

    @Test
    void badInputGetsOneLineAndTheUsageCode() throws Exception {
        assertEquals(Rnnkit.USAGE, run("translate", "--model", model.toString(), "--beam", "0", "one"));
        assertEquals("rnnkit: --beam must be at least 1, got 0 (see 'rnnkit translate --help')",
                err.toString().strip());
        assertEquals(Rnnkit.USAGE, runWithStdin("one\n", "translate", "--model", model.toString(),
                "--attention-png", dir.resolve("x.png").toString()));
        assertTrue(err.toString().contains("--attention-png needs the sentences as arguments"), err.toString());
        Path noTab = Files.writeString(dir.resolve("bad.tsv"), "en\tko\none two\n");
        // A bad line in a file is a failure in the data (1), not a usage error.
        assertEquals(Rnnkit.FAILURE, run("translate", "eval", "--model", model.toString(), "--data", noTab.toString()));
        assertEquals("rnnkit: " + noTab + ":2: expected source<TAB>target", err.toString().strip());
        assertEquals(Rnnkit.FAILURE, run("translate", "train", "--data", dir.resolve("missing.tsv").toString(),
                "--out", dir.resolve("m.rnnk").toString()));
        assertEquals("rnnkit: sentence-pair file not found: " + dir.resolve("missing.tsv"), err.toString().strip());
        assertEquals(1, err.toString().strip().lines().count());
    }

    @Test
    void trainHelpShowsTheLibraryDefaults() {
        assertEquals(Rnnkit.OK, run("translate", "train", "--help"));
        TranslatorConfig d = TranslatorConfig.defaults();
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("Embedding size (default: " + d.embedding() + ")"), help);
        assertTrue(help.contains("(default: " + d.targetUnit().id() + ")"), help);
        assertTrue(help.contains("Beam width the model translates with, 1 = greedy (default: " + d.beamWidth() + ")"),
                help);
    }
}
