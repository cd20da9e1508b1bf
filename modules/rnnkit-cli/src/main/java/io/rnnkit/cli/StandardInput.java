package io.rnnkit.cli;

import io.rnnkit.text.io.Utf8;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard input for the verbs that read one text per line ({@code tag}, {@code sentiment predict}): decoded
 * strictly as UTF-8 like every file (invalid bytes are an error naming the line, never U+FFFD), each line at most
 * {@link #maxLineBytes()} bytes, handed over in batches so memory stays bounded whatever the input size, and read
 * no further once the output is closed (e.g. piped into {@code head}).
 */
final class StandardInput {
    /** System property that raises the line limit. */
    static final String MAX_LINE_PROPERTY = "rnnkit.maxLineBytes";
    /** Default limit on one line of standard input: 1 MiB, far more than any review or sentence. */
    static final long DEFAULT_MAX_LINE_BYTES = 1L << 20;

    /** Receives one batch of lines; {@code firstLine} is the 1-based line number of {@code lines.get(0)}. */
    interface Batch {
        void accept(List<String> lines, long firstLine);
    }

    private StandardInput() {
    }

    /** The line limit in force ({@value #MAX_LINE_PROPERTY}, else {@value #DEFAULT_MAX_LINE_BYTES}). */
    static long maxLineBytes() {
        String value = System.getProperty(MAX_LINE_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_LINE_BYTES;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("system property " + MAX_LINE_PROPERTY + " must be a positive number of bytes, got '"
                + value + "'");
    }

    /**
     * Reads {@code in} line by line and hands the lines to {@code action} in batches of at most {@code size};
     * after each batch, stops when {@code out} can no longer be written.
     *
     * @return true when the input was read to its end, false when reading stopped because the output closed
     */
    static boolean forEachBatch(InputStream in, int size, PrintWriter out, Batch action) {
        long limit = maxLineBytes();
        long lineNumber = 0;
        try (BufferedReader reader = Utf8.open(in, limit)) {
            List<String> batch = new ArrayList<>(size);
            long first = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                batch.add(line);
                if (batch.size() == size) {
                    action.accept(batch, first);
                    batch = new ArrayList<>(size);
                    first = lineNumber + 1;
                    if (closed(out)) {
                        return false;
                    }
                }
            }
            if (!batch.isEmpty()) {
                action.accept(batch, first);
            }
            return !closed(out);
        } catch (Utf8.LineTooLongException e) {
            throw new UncheckedIOException("standard input, line " + e.line() + ": longer than " + e.limit()
                    + " bytes, the limit for one line; raise it with -D" + MAX_LINE_PROPERTY + "=<bytes>", e);
        } catch (IOException e) {
            if (Utf8.isDecodingError(e)) {
                throw new UncheckedIOException(Utf8.invalid("standard input", lineNumber + 1, e).getMessage(), e);
            }
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static boolean closed(PrintWriter out) {
        out.flush();
        return out.checkError();
    }
}
