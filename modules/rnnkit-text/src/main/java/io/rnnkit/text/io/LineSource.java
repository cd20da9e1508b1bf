package io.rnnkit.text.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/** Lines of a strictly decoded UTF-8 file with 1-based line numbers; decoding errors name the line. */
final class LineSource implements AutoCloseable {
    private final String source;
    private final BufferedReader reader;
    private long lineNumber;

    LineSource(Path file) {
        this.source = file.toString();
        this.reader = Utf8.open(file);
    }

    /** The next line without its terminator, or {@code null} at the end. */
    String next() throws IOException {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            if (Utf8.isDecodingError(e)) {
                throw Utf8.invalid(source, lineNumber + 1, e);
            }
            throw e;
        }
    }

    /** The number of the line last returned by {@link #next()}. */
    long lineNumber() {
        return lineNumber;
    }

    /** The location of the line last returned. */
    SourceLocation here() {
        return new SourceLocation(source, lineNumber);
    }

    String source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
