package io.rnnkit.nn.io;

import java.util.List;
import java.util.Objects;

/**
 * The command line that this process runs, recorded in the manifest of every model it saves, so that a built-in
 * or shared model says exactly how to make it again. The {@code rnnkit} command sets it once at start-up; a
 * program using the Java API leaves it unset and its manifests carry no command line.
 */
public final class Provenance {
    private static volatile String commandLine;

    private Provenance() {
    }

    /** Records {@code program} and its arguments, each quoted for a POSIX shell when it needs quoting. */
    public static void recordCommandLine(String program, List<String> args) {
        Objects.requireNonNull(program, "program");
        StringBuilder line = new StringBuilder(program);
        for (String arg : Objects.requireNonNull(args, "args")) {
            line.append(' ').append(shellQuoted(arg));
        }
        commandLine = line.toString();
    }

    /** The recorded command line, or {@code null} when none was recorded. */
    public static String commandLine() {
        return commandLine;
    }

    /** Forgets the recorded command line (for tests and for programs that run several commands). */
    public static void clear() {
        commandLine = null;
    }

    static String shellQuoted(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-_./:=,+@%".indexOf(c) >= 0))) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
