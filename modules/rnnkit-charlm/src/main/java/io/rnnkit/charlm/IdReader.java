package io.rnnkit.charlm;

import io.rnnkit.text.Hangul;
import java.io.IOException;
import java.io.Reader;

/**
 * The vocabulary indices of a text read from a {@link Reader} code point by code point, a small buffer at a time,
 * after an optional prefix of indices (the context). Code points are split as {@link CharCodec#encode} splits
 * them: a surrogate pair is one code point, a lone surrogate is its own (unknown) character; for a jamo codec a
 * Hangul syllable gives its two or three jamo, possibly across two reads.
 *
 * <p>Besides the indices it counts the text's characters and Hangul syllables, each at its last symbol, so the
 * counts cover exactly the symbols handed out (see {@link #chars()}).
 */
final class IdReader {
    private final int[] prefix;
    private final Reader in;
    private final CharCodec codec;
    private final char[] buf = new char[8192];
    /** Jamo of the current syllable still to hand out, {@code pending[pendingAt, pendingEnd)}. */
    private final int[] pending = new int[3];
    private final StringBuilder jamo = new StringBuilder(3);
    private int pendingAt;
    private int pendingEnd;
    private int prefixAt;
    private int pos;
    private int end;
    private boolean eof;
    private long count;
    private long chars;
    private long syllables;
    private long textPosition;
    /** What the text's first symbol completed: 0 nothing (it begins a syllable), 1 a character, 2 a syllable. */
    private int firstCompleted = -1;

    IdReader(int[] prefix, Reader in, CharCodec codec) {
        this.prefix = prefix;
        this.in = in;
        this.codec = codec;
    }

    /**
     * Fills {@code dst[off, off + len)} with the next indices.
     *
     * @return how many were read: {@code len}, fewer only at the end of the text
     * @throws IllegalArgumentException for a jamo codec and text with conjoining jamo of its own
     */
    int read(int[] dst, int off, int len) throws IOException {
        int n = Math.min(len, prefix.length - prefixAt);
        System.arraycopy(prefix, prefixAt, dst, off, n);
        prefixAt += n;
        while (n < len) {
            if (pendingAt < pendingEnd) {
                dst[off + n++] = pending[pendingAt++];
                completed(pendingAt == pendingEnd ? 2 : 0);
                continue;
            }
            // Two characters ahead, so that a surrogate pair is never split at the end of the buffer.
            if (available(2) == 0) {
                break;
            }
            char c = buf[pos];
            int cp = c;
            if (Character.isHighSurrogate(c) && end - pos > 1 && Character.isLowSurrogate(buf[pos + 1])) {
                cp = Character.toCodePoint(c, buf[pos + 1]);
            }
            pos += Character.charCount(cp);
            if (codec.isJamo()) {
                if (Hangul.isConjoiningJamo(cp)) {
                    throw new IllegalArgumentException(Hangul.refusal("text", textPosition + 1, cp));
                }
                if (Hangul.isSyllable(cp)) {
                    textPosition++;
                    jamo.setLength(0);
                    Hangul.appendJamo(c, jamo);
                    for (int k = 0; k < jamo.length(); k++) {
                        pending[k] = codec.indexOf(jamo.charAt(k));
                    }
                    pendingAt = 0;
                    pendingEnd = jamo.length();
                    continue;
                }
            }
            textPosition++;
            dst[off + n++] = codec.indexOf(cp);
            completed(Hangul.isSyllable(cp) ? 2 : 1);
        }
        count += n;
        return n;
    }

    private void completed(int what) {
        if (firstCompleted < 0) {
            firstCompleted = what;
        }
        if (what > 0) {
            chars++;
        }
        if (what == 2) {
            syllables++;
        }
    }

    /** Indices read so far, the prefix included. */
    long count() {
        return count;
    }

    /**
     * Characters of the text whose symbols have all been handed out; with {@code firstUnscored}, less the first
     * character when its only symbol was the (unscored) first one.
     */
    long chars(boolean firstUnscored) {
        return chars - (firstUnscored && firstCompleted > 0 ? 1 : 0);
    }

    /** Hangul syllables among {@link #chars(boolean)}. */
    long syllables(boolean firstUnscored) {
        return syllables - (firstUnscored && firstCompleted == 2 ? 1 : 0);
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
