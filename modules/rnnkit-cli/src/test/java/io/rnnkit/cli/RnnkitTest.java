package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RnnkitTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Rnnkit.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpExitsZeroAndListsUsage() {
        assertEquals(Rnnkit.OK, run("--help"));
        assertTrue(out.toString().contains("Usage: rnnkit"), out.toString());
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLineWithAHint() {
        assertEquals(Rnnkit.USAGE, run("--no-such-option"));
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("rnnkit: Unknown option: '--no-such-option'"), lines[0]);
        assertTrue(lines[0].endsWith("(see 'rnnkit --help')"), lines[0]);
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertEquals(Rnnkit.USAGE, run());
        assertTrue(err.toString().contains("missing subcommand"), err.toString());
    }

    @Test
    void argumentsMangledByANonUtf8LocaleAreDecodedAgainFromTheRawCommandLine() {
        byte[] raw = "java\0-jar\0rnnkit.jar\0tag\0파일을 엽니다\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertArrayEquals(new String[] {"tag", "파일을 엽니다"},
                CommandLineArguments.utf8(new String[] {"tag", "??????????????????? ?????????"}, "ANSI_X3.4-1968", raw));
        assertArrayEquals(new String[] {"tag", "a?b"},
                CommandLineArguments.utf8(new String[] {"tag", "a?b"}, "UTF-8", raw), "UTF-8 locales are trusted");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandLineArguments.utf8(new String[] {"tag", "???"}, "ANSI_X3.4-1968", null));
        assertEquals("argument 2 lost its non-ASCII characters under the ANSI_X3.4-1968 locale; run rnnkit under a "
                + "UTF-8 locale (e.g. LC_ALL=C.UTF-8)", e.getMessage());
        assertArrayEquals(new String[] {"tag", "plain"},
                CommandLineArguments.utf8(new String[] {"tag", "plain"}, "ANSI_X3.4-1968", null));
    }

    @Test
    void everyVerbsHelpIsCleanWithoutWarnings() {
        // picocli reports help texts it cannot format (an unescaped '%') on System.err, outside our writers.
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream stray = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(stray, true, java.nio.charset.StandardCharsets.UTF_8));
        java.util.List<String> verbs = new java.util.ArrayList<>();
        try {
            collect(Rnnkit.commandLine(new PrintWriter(out), new PrintWriter(err)), java.util.List.of(), verbs);
            for (String verb : verbs) {
                out.getBuffer().setLength(0);
                String[] args = (verb.isEmpty() ? "--help" : verb + " --help").split(" ");
                assertEquals(Rnnkit.OK, run(args), verb);
                assertTrue(out.toString().contains("Usage: rnnkit"), verb + ": " + out);
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", stray.toString(java.nio.charset.StandardCharsets.UTF_8), "warnings on System.err");
        assertEquals("", err.toString());
        assertTrue(verbs.size() >= 14, "verbs: " + verbs);
    }

    private static void collect(picocli.CommandLine cl, java.util.List<String> path, java.util.List<String> into) {
        into.add(String.join(" ", path));
        for (var sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            java.util.List<String> next = new java.util.ArrayList<>(path);
            next.add(sub.getKey());
            collect(sub.getValue(), next, into);
        }
    }

    @Test
    void oneLineTakesTheFirstLineOfTheDeepestUsefulMessage() {
        var e = new IllegalStateException(null, new IllegalArgumentException("bad file x.csv, line 3\n  at ..."));
        assertEquals("bad file x.csv, line 3", Rnnkit.oneLine(e));
        assertEquals("NullPointerException", Rnnkit.oneLine(new NullPointerException()));
    }
}
