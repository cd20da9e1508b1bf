package io.rnnkit.text.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Strict UTF-8 input shared by the readers (and usable by any code that reads text files): invalid bytes are
 * reported, never replaced by U+FFFD.
 *
 * <p>Decoding is done one line at a time (lines split on the byte {@code '\n'}, which never occurs inside a
 * multi-byte UTF-8 sequence), so a decoding error names the exact line even when a parser above reads ahead.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Thrown by the reader on invalid UTF-8, with the 1-based line and byte offset in that line. */
    static final class InvalidUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;
        final int byteInLine;

        InvalidUtf8Exception(long line, int byteInLine, CharacterCodingException cause) {
            super("invalid UTF-8 at line " + line + ", byte " + byteInLine, cause);
            this.line = line;
            this.byteInLine = byteInLine;
        }
    }

    /** Thrown by a reader opened with a line limit when a line is longer, before more of it is buffered. */
    public static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final long limit;

        LineTooLongException(long line, long limit) {
            super("line " + line + " is longer than " + limit + " bytes");
            this.line = line;
            this.limit = limit;
        }

        /** The 1-based line that passed the limit. */
        public long line() {
            return line;
        }

        /** The limit in bytes. */
        public long limit() {
            return limit;
        }
    }

    /** A strictly decoding reader over a file; a leading byte-order mark is dropped. */
    public static BufferedReader open(Path file) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
        return open(in);
    }

    /** As {@link #open(Path)}, for a stream. */
    public static BufferedReader open(InputStream in) {
        return open(in, Long.MAX_VALUE);
    }

    /**
     * As {@link #open(InputStream)}, refusing any line longer than {@code maxLineBytes} bytes with a
     * {@link LineTooLongException}, so that one endless line cannot fill the memory.
     */
    public static BufferedReader open(InputStream in, long maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, got " + maxLineBytes);
        }
        // Default-sized buffers: the decoder hands over at most one line per read, so a larger char buffer saves no
        // calls, while every reader opened (a corpus file, a fuzzed input) would allocate and clear it.
        return new BufferedReader(new LineDecodingReader(in, maxLineBytes));
    }

    /** Whether an I/O failure is a decoding failure (possibly wrapped). */
    public static boolean isDecodingError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidUtf8Exception || c instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The error for invalid UTF-8 in {@code source}; the line comes from the decoder when known, else
     * {@code fallbackLine}.
     */
    public static CorpusFormatException invalid(String source, long fallbackLine, Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof InvalidUtf8Exception e) {
                return new CorpusFormatException(new SourceLocation(source, e.line),
                        "invalid UTF-8 at byte " + e.byteInLine + " of the line (the file must be UTF-8 encoded)", cause);
            }
        }
        return new CorpusFormatException(new SourceLocation(source, Math.max(0, fallbackLine)),
                "invalid UTF-8 (the file must be UTF-8 encoded)", cause);
    }

    /** Decodes line by line, so that errors carry their line number. */
    private static final class LineDecodingReader extends Reader {
        private final InputStream in;
        private final long maxLineBytes;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private byte[] bytes = new byte[256];
        private CharBuffer chars = CharBuffer.allocate(0);
        private long line;
        private boolean eof;

        LineDecodingReader(InputStream in, long maxLineBytes) {
            this.in = new BufferedInputStream(in);
            this.maxLineBytes = maxLineBytes;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (eof || !fillLine()) {
                    return -1;
                }
            }
            int n = Math.min(len, chars.remaining());
            chars.get(buf, off, n);
            return n;
        }

        /** Reads and decodes the next line (with its terminator); false at end of input. */
        private boolean fillLine() throws IOException {
            int n = 0;
            int b;
            while ((b = in.read()) != -1) {
                if (n >= maxLineBytes && b != '\n' && b != '\r') {
                    throw new LineTooLongException(line + 1, maxLineBytes);
                }
                if (n == bytes.length) {
                    bytes = Arrays.copyOf(bytes, n * 2);
                }
                bytes[n++] = (byte) b;
                if (b == '\n') {
                    break;
                }
            }
            if (b == -1) {
                eof = true;
            }
            if (n == 0) {
                return false;
            }
            line++;
            int start = 0;
            if (line == 1 && n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
                start = 3;
            }
            ByteBuffer bb = ByteBuffer.wrap(bytes, start, n - start);
            CharBuffer out = CharBuffer.allocate(n - start);
            decoder.reset();
            CoderResult r = decoder.decode(bb, out, true);
            if (r.isError()) {
                int at = bb.position() - start + 1;
                try {
                    r.throwException();
                } catch (CharacterCodingException e) {
                    throw new InvalidUtf8Exception(line, at, e);
                }
            }
            decoder.flush(out);
            out.flip();
            chars = out;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
