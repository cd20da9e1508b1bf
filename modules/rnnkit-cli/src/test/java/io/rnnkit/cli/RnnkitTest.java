package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(2, lines.length, err.toString());
        assertTrue(lines[0].startsWith("rnnkit: Unknown option: '--no-such-option'"), lines[0]);
        assertTrue(lines[1].contains("rnnkit --help"), lines[1]);
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertEquals(Rnnkit.USAGE, run());
        assertTrue(err.toString().contains("missing subcommand"), err.toString());
    }

    @Test
    void oneLineTakesTheFirstLineOfTheDeepestUsefulMessage() {
        var e = new IllegalStateException(null, new IllegalArgumentException("bad file x.csv, line 3\n  at ..."));
        assertEquals("bad file x.csv, line 3", Rnnkit.oneLine(e));
        assertEquals("NullPointerException", Rnnkit.oneLine(new NullPointerException()));
    }
}
