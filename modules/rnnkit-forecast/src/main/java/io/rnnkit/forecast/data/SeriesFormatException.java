package io.rnnkit.forecast.data;

/**
 * Raised when a series file cannot be used as is: a missing column, a non-numeric value, an unsorted or
 * duplicate date. The message is one line naming the file and, where there is one, the line number.
 */
public final class SeriesFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    /**
     * @param source the file (or other source) name
     * @param line   the 1-based line number, or 0 when the problem is not tied to one line
     * @param detail what is wrong
     */
    public SeriesFormatException(String source, int line, String detail) {
        super(line > 0 ? source + ":" + line + ": " + detail : source + ": " + detail);
        this.source = source;
        this.line = line;
    }

    /** The file (or other source) name. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0 when the problem is not tied to one line. */
    public int line() {
        return line;
    }
}
