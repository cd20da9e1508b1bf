package io.rnnkit.text.io;

import java.util.Objects;

/**
 * Bad input in a corpus file: a malformed line, an empty file, invalid UTF-8, a missing column.
 * The message starts with {@code file:line} so that the offending line can be found at once.
 */
public class CorpusFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final SourceLocation location;
    private final String problem;

    /** A problem at a location; the message is {@code "<location>: <problem>"}. */
    public CorpusFormatException(SourceLocation location, String problem) {
        this(location, problem, null);
    }

    /** A problem at a location, caused by a lower-level exception (kept as the cause, not in the message). */
    public CorpusFormatException(SourceLocation location, String problem, Throwable cause) {
        super(Objects.requireNonNull(location, "location") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.location = location;
        this.problem = problem;
    }

    /** The file and line of the problem. */
    public SourceLocation location() {
        return location;
    }

    /** The problem without the location prefix. */
    public String problem() {
        return problem;
    }
}
