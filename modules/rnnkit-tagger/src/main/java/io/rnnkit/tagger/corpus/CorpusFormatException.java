package io.rnnkit.tagger.corpus;

import java.nio.file.Path;

/** A malformed line in a tagged corpus; the message starts with {@code file:line:}. */
public final class CorpusFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    /** Creates the exception for {@code file} at 1-based {@code line}. */
    public CorpusFormatException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** Convenience for a path. */
    public CorpusFormatException(Path file, int line, String problem) {
        this(file.toString(), line, problem);
    }

    /** The file (as given to the reader). */
    public String file() {
        return file;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }
}
