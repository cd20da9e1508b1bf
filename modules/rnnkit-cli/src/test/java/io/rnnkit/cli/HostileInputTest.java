package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for hostile input on the verbs that read standard input: one line on stderr and the documented
 * exit code, or a correct answer; never a replacement character, never unbounded memory, never work for a reader
 * that has gone away. Uses the built-in models, so no training is needed.
 */
class HostileInputTest {
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(byte[] stdin, String... args) {
        return run(stdin, new PrintWriter(out, true), args);
    }

    private int run(byte[] stdin, PrintWriter output, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return Rnnkit.run(args, output, new PrintWriter(err, true));
        } finally {
            System.setIn(saved);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return err.toString().strip().lines().toList();
    }

    @Test
    void invalidUtf8OnStandardInputIsRefusedNamingTheLineLikeAFile() {
        byte[] input = {'o', 'k', '\n', 'a', 'b', 'c', ' ', (byte) 0xFF, (byte) 0xFE, '\n'};
        for (String[] verb : List.of(new String[] {"tag", "--model", "builtin:tagger"},
                new String[] {"sentiment", "predict", "--model", "builtin:sentiment"},
                new String[] {"translate", "--model", "builtin:translate-en-ko"})) {
            out = new StringWriter();
            err = new StringWriter();
            assertEquals(Rnnkit.FAILURE, run(input, verb), err.toString());
            assertEquals(List.of("rnnkit: standard input:2: invalid UTF-8 at byte 5 of the line (the file must be UTF-8 "
                    + "encoded)"), errLines(), verb[0]);
            assertTrue(!out.toString().contains("\uFFFD"), out.toString());
        }
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedBeforeItFillsTheMemory() {
        System.setProperty(StandardInput.MAX_LINE_PROPERTY, "64");
        try {
            byte[] input = utf8("short line\n" + "word ".repeat(1000) + "\nnever read\n");
            assertEquals(Rnnkit.FAILURE, run(input, "tag", "--model", "builtin:tagger"));
            assertEquals(List.of("rnnkit: standard input, line 2: longer than 64 bytes, the limit for one line; raise it "
                    + "with -Drnnkit.maxLineBytes=<bytes>"), errLines());
        } finally {
            System.clearProperty(StandardInput.MAX_LINE_PROPERTY);
        }
    }

    @Test
    void invisibleCharactersAreNeitherTaggedNorClassified() {
        assertEquals(Rnnkit.OK, run(new byte[0], "tag", "--model", "builtin:tagger", "\uFEFFI\u200B work\u200E at google"));
        assertEquals("I/PRON work/VERB at/ADP google/NOUN", out.toString().strip());

        out = new StringWriter();
        assertEquals(Rnnkit.FAILURE, run(new byte[0], "sentiment", "predict", "--model", "builtin:sentiment",
                "lovely food", "\u200B\u200E"));
        assertEquals(List.of("rnnkit: text 2 has no words to classify (--skip-bad answers the other texts)"), errLines());
    }

    @Test
    void skipBadAnswersTheOtherTextsAndNamesTheBadOnesAsUsersCountThem() {
        byte[] input = utf8("lovely food\n\n!!!\n\u200B\nawful service\n");
        assertEquals(Rnnkit.OK, run(input, "sentiment", "predict", "--model", "builtin:sentiment", "--skip-bad"));
        List<String> lines = out.toString().strip().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).endsWith("\tlovely food"), lines.get(0));
        assertTrue(lines.get(1).endsWith("\t!!!"), "punctuation is a token: " + lines.get(1));
        assertTrue(lines.get(2).endsWith("\tawful service"), lines.get(2));
        assertEquals(List.of("rnnkit: standard input, line 4 skipped: it has no words to classify"), errLines());

        err = new StringWriter();
        out = new StringWriter();
        assertEquals(Rnnkit.FAILURE, run(input, "sentiment", "predict", "--model", "builtin:sentiment"));
        assertEquals(List.of("rnnkit: standard input, line 4 has no words to classify (--skip-bad answers the other "
                + "texts)"), errLines());
    }

    @Test
    void anUnwritableOutIsAUsageErrorBeforeAnyTrainingAndADirectoryIsNotAMissingFile(@TempDir Path dir)
            throws IOException {
        Path data = Files.writeString(dir.resolve("d.csv"), "text,label\ngood,1\nbad,0\n");
        String[][] trains = {
            {"sentiment", "train", "--data", data.toString()},
            {"tag", "train", "--corpus", data.toString()},
            {"forecast", "train", "--csv", data.toString(), "--target", "label"},
            {"charlm", "train", "--text", data.toString()},
            {"translate", "train", "--data", data.toString()},
        };
        for (String[] train : trains) {
            err = new StringWriter();
            String[] args = java.util.Arrays.copyOf(train, train.length + 2);
            args[train.length] = "--out";
            args[train.length + 1] = dir.toString();
            assertEquals(Rnnkit.USAGE, run(new byte[0], args), train[0]);
            assertEquals(List.of("rnnkit: Invalid value for option '--out': " + dir + " is a directory; give a file "
                    + "name, e.g. " + dir.resolve("model.rnnk") + " (see 'rnnkit " + train[0] + " train --help')"),
                    errLines(), train[0]);
            err = new StringWriter();
            args[train.length + 1] = data.resolve("m.rnnk").toString();
            assertEquals(Rnnkit.USAGE, run(new byte[0], args), train[0]);
            assertTrue(errLines().get(0).contains(data + " is not a directory"), err.toString());
        }
        err = new StringWriter();
        assertEquals(Rnnkit.FAILURE, run(new byte[0], "sentiment", "eval", "--model", "builtin:sentiment",
                "--data", dir.toString()));
        assertEquals(List.of("rnnkit: data file " + dir + " is a directory, not a file"), errLines());
    }

    @Test
    void interpolatedValuesAreNeverScoredNorShownAsObserved(@TempDir Path dir) throws IOException {
        Path seattle = io.rnnkit.datasets.Datasets.file(io.rnnkit.datasets.Datasets.SEATTLE_WEATHER,
                "seattle-weather.csv");
        // 2015-12-22 is dropped (a date gap) and 2015-12-27's temp_max is blank.
        List<String> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(seattle)) {
            if (line.startsWith("2015-12-22,")) {
                continue;
            }
            if (line.startsWith("2015-12-27,")) {
                String[] cells = line.split(",", -1);
                cells[2] = "";
                line = String.join(",", cells);
            }
            lines.add(line);
        }
        Path holes = Files.write(dir.resolve("holes.csv"), lines);
        assertEquals(Rnnkit.OK, run(new byte[0], "forecast", "predict", "--model", "builtin:forecast", "--csv",
                holes.toString(), "--from", "2015-12-25", "--json"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertTrue(json.get("interpolated_inputs").toString().contains("2015-12-22 temp_max"), json.toString());
        for (var day : json.get("days")) {
            if (day.get("date").asText().equals("2015-12-27")) {
                assertTrue(day.get("actual").isNull(), "a missing actual is shown as missing: " + day);
            } else {
                assertTrue(day.get("actual").isNumber(), day.toString());
            }
        }
        assertTrue(err.toString().contains("rnnkit: note: the model read "), err.toString());

        out = new StringWriter();
        assertEquals(Rnnkit.OK, run(new byte[0], "forecast", "eval", "--model", "builtin:forecast", "--csv",
                holes.toString(), "--from", "2015-12-01", "--json"));
        var eval = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        int horizon = eval.get("horizon").asInt();
        // Forecasts start on 1 … 25 December (their 7 days must end in the file): 22 December is a target of the 7
        // starting 16 … 22 December, 27 December only of the 5 starting 21 … 25 December.
        assertEquals(7, horizon);
        assertEquals(7 + 5, eval.get("excluded_interpolated").asInt(), eval.toString());
    }

    @Test
    void aOneSentenceCorpusSaysItHasNoValidationInsteadOfPrintingNaN(@TempDir Path dir) throws IOException {
        Path corpus = Files.writeString(dir.resolve("ca01"), "\tI/ppss work/vb at/in google/np ./.\n");
        assertEquals(Rnnkit.OK, run(new byte[0], "tag", "train", "--corpus", corpus.toString(), "--epochs", "1",
                "--hidden", "4", "--out", dir.resolve("t.rnnk").toString()), err.toString());
        assertTrue(out.toString().contains("trained on 1 sentences, 5 tags, no validation (every 10th sentence is "
                + "held out: give at least 10 sentences)"), out.toString());
        assertTrue(!out.toString().contains("NaN"), out.toString());
    }

    @Test
    void readingStopsWhenTheOutputIsClosed() {
        // 20,000 lines, and an output that fails after the first kilobyte, as a pipe into `head` does.
        CountingInput input = new CountingInput(utf8("I work at google\n".repeat(20_000)));
        PrintWriter closing = new PrintWriter(new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 1024) {
                    throw new IOException("Broken pipe");
                }
            }
        }, true);
        InputStream saved = System.in;
        System.setIn(input);
        try {
            assertEquals(Rnnkit.OK, Rnnkit.run(new String[] {"tag", "--model", "builtin:tagger"}, closing,
                    new PrintWriter(err, true)));
        } finally {
            System.setIn(saved);
        }
        assertTrue(input.read < 20_000L * 17 / 4, "read " + input.read + " of " + 20_000L * 17 + " bytes");
    }

    @Test
    void sampling2147483647CharactersStreamsUntilTheReaderGoesAwayAndKeptSamplesAreBounded() {
        PrintWriter closing = new PrintWriter(new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 4096) {
                    throw new IOException("Broken pipe");
                }
            }
        }, true);
        long start = System.nanoTime();
        assertEquals(Rnnkit.OK, run(new byte[0], closing, "charlm", "sample", "--model", "builtin:charlm",
                "--length", "2147483647", "--seed", "1"));
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "stopped soon after the output closed");
        assertEquals("", err.toString());

        assertEquals(Rnnkit.USAGE, run(new byte[0], "charlm", "sample", "--model", "builtin:charlm", "--count", "4",
                "--length", "1000000000"));
        assertEquals(List.of("rnnkit: --length × --count is 4000000000 characters, more than the 50000000 kept in "
                + "memory for --json or several samples; stream one sample instead (see 'rnnkit charlm sample --help')"),
                errLines());
    }

    private static final class CountingInput extends ByteArrayInputStream {
        long read;

        CountingInput(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
