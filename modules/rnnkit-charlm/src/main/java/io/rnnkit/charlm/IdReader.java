package io.rnnkit.charlm;

import java.io.IOException;
import java.io.Reader;

/**
 * The vocabulary indices of a text read from a {@link Reader} code point by code point, a small buffer at a time,
 * after an optional prefix of indices (the context). Code points are split as {@link CharCodec#encode} splits
 * them: a surrogate pair is one code point, a lone surrogate is its own (unknown) character.
 */
final class IdReader {
    private final int[] prefix;
    private final Reader in;
    private final CharCodec codec;
    private final char[] buf = new char[8192];
    private int prefixAt;
    private int pos;
    private int end;
    private boolean eof;
    private long count;

    IdReader(int[] prefix, Reader in, CharCodec codec) {
        this.prefix = prefix;
        this.in = in;
        this.codec = codec;
    }

    /**
     * Fills {@code dst[off, off + len)} with the next indices.
     *
     * @return how many were read: {@code len}, fewer only at the end of the text
     */
    int read(int[] dst, int off, int len) throws IOException {
        int n = Math.min(len, prefix.length - prefixAt);
        System.arraycopy(prefix, prefixAt, dst, off, n);
        prefixAt += n;
        // Two characters ahead, so that a surrogate pair is never split at the end of the buffer.
        while (n < len && available(2) > 0) {
            char c = buf[pos];
            int cp = c;
            if (Character.isHighSurrogate(c) && end - pos > 1 && Character.isLowSurrogate(buf[pos + 1])) {
                cp = Character.toCodePoint(c, buf[pos + 1]);
            }
            pos += Character.charCount(cp);
            dst[off + n++] = codec.indexOf(cp);
        }
        count += n;
        return n;
    }

    /** Indices read so far, the prefix included. */
    long count() {
        return count;
    }

    /** Characters buffered after topping the buffer up to at least {@code want} where the text still has them. */
    private int available(int want) throws IOException {
        if (end - pos < want && !eof) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
            while (end < want && !eof) {
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) {
                    eof = true;
                } else {
                    end += r;
                }
            }
        }
        return end - pos;
    }
}
