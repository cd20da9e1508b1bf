package io.rnnkit.text.io;

import java.util.Objects;

/**
 * Where a record came from: a file (or other source) name and a 1-based line number.
 *
 * @param source the file path or source name
 * @param line   the 1-based line on which the record starts, or 0 when unknown
 */
public record SourceLocation(String source, long line) {
    public SourceLocation {
        Objects.requireNonNull(source, "source");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, got " + line);
        }
    }

    /** {@code file:line}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
