package io.rnnkit.text.embed;

import io.rnnkit.text.io.CorpusFormatException;
import io.rnnkit.text.io.SourceLocation;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * rnnkit's compact word-vector format ({@link VectorFormat#COMPACT_8BIT}): each vector stored as one float scale
 * and {@code dimension} signed bytes, {@code value ≈ byte × scale} with {@code scale = max|v| / 127}, a quarter of
 * the size of 32-bit floats. It is how the built-in vectors ({@code builtin:glove-100d}) ship.
 *
 * <p>Layout, big-endian: the 8 bytes {@code RNNKVEC1}; the vector count and the dimension as 32-bit integers;
 * then per word its UTF-8 length as an unsigned 16-bit integer, its UTF-8 bytes, its scale (a 32-bit float) and
 * its {@code dimension} bytes.
 *
 * <p>The reader trusts nothing in the file: the count and dimension are checked against fixed limits and, for a
 * file, against its size before anything is allocated; the table then grows only as vectors are actually read, so
 * a stream that claims more than it holds ends with a one-line {@link CorpusFormatException}, not an
 * {@code OutOfMemoryError}.
 */
public final class CompactVectors {
    /** The first 8 bytes of every compact vectors file. */
    static final byte[] MAGIC = "RNNKVEC1".getBytes(StandardCharsets.US_ASCII);
    /** Most vectors one file may announce. */
    public static final int MAX_COUNT = 10_000_000;
    /** Largest dimension one file may announce. */
    public static final int MAX_DIMENSION = 4_096;
    /** Longest word, in UTF-8 bytes. */
    public static final int MAX_WORD_BYTES = 1_024;
    private static final int HEADER_BYTES = MAGIC.length + 2 * Integer.BYTES;

    private CompactVectors() {
    }

    /** Whether {@code file} starts with the compact format's magic bytes. */
    static boolean isCompact(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    /** Reads a compact vectors file, checking its announced size against the file's before allocating. */
    static WordVectors read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), Files.size(file));
        }
    }

    /**
     * Reads compact vectors from a stream (e.g. a class-path resource), which is not closed.
     *
     * @param source names the stream in error messages
     * @param size   the stream's length in bytes when known, else -1
     * @throws CorpusFormatException for anything that is not a well-formed compact vectors stream
     */
    public static WordVectors read(InputStream stream, String source, long size) throws IOException {
        Objects.requireNonNull(stream, "stream");
        DataInputStream in = new DataInputStream(stream);
        SourceLocation at = new SourceLocation(source, 0);
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CorpusFormatException(at, magic.length == 0 ? "file is empty"
                    : "not an rnnkit compact vectors file (it does not start with RNNKVEC1)");
        }
        int count;
        int dimension;
        try {
            count = in.readInt();
            dimension = in.readInt();
        } catch (EOFException e) {
            throw new CorpusFormatException(at, "the file ends inside its header");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new CorpusFormatException(at, "the header's vector count must be in [1, " + MAX_COUNT + "], found " + count);
        }
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new CorpusFormatException(at, "the header's dimension must be in [1, " + MAX_DIMENSION + "], found " + dimension);
        }
        // Every vector takes at least a 1-byte word, its length, its scale and its values.
        long least = HEADER_BYTES + (long) count * (Short.BYTES + 1 + Float.BYTES + dimension);
        if (size >= 0 && least > size) {
            throw new CorpusFormatException(at, "the header announces " + count + " vectors of " + dimension
                    + " values, at least " + least + " bytes, but the file has " + size);
        }
        if ((long) count * dimension > Integer.MAX_VALUE - 8) {
            throw new CorpusFormatException(at, count + " vectors of " + dimension + " values do not fit one table");
        }
        WordVectors.Builder b = new WordVectors.Builder(dimension);
        byte[] values = new byte[dimension];
        float[] v = new float[dimension];
        var utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int n = 1; n <= count; n++) {
            String where = "vector " + n + " of " + count;
            try {
                int length = in.readUnsignedShort();
                if (length < 1 || length > MAX_WORD_BYTES) {
                    throw new CorpusFormatException(at, where + ": word length " + length + " is not in [1, "
                            + MAX_WORD_BYTES + "]");
                }
                byte[] raw = new byte[length];
                in.readFully(raw);
                String word;
                try {
                    word = utf8.decode(ByteBuffer.wrap(raw)).toString();
                } catch (CharacterCodingException e) {
                    throw new CorpusFormatException(at, where + ": invalid UTF-8 in the word", e);
                }
                float scale = in.readFloat();
                // A scale above MAX_VALUE / 128 would turn a byte of -128 into infinity.
                if (!(scale >= 0 && scale <= Float.MAX_VALUE / 128)) {
                    throw new CorpusFormatException(at, where + " ('" + WordVectors.shown(word) + "'): scale " + scale
                            + " is not a number in [0, " + Float.MAX_VALUE / 128 + "]");
                }
                in.readFully(values);
                for (int j = 0; j < dimension; j++) {
                    v[j] = values[j] * scale;
                }
                String problem = b.add(word, v);
                if (problem != null) {
                    throw new CorpusFormatException(at, where + ": " + problem);
                }
            } catch (EOFException e) {
                throw new CorpusFormatException(at, "the header says " + count + " vectors, the file ends inside " + where);
            }
        }
        if (in.read() != -1) {
            throw new CorpusFormatException(at, "unexpected data after the " + count + " vectors the header announces");
        }
        return b.build();
    }

    /**
     * Writes the first {@code words} vectors of {@code vectors} (all when there are fewer) in the compact format.
     * The output depends only on the vectors, so the same input always gives the same bytes.
     */
    public static void write(WordVectors vectors, int words, OutputStream stream) throws IOException {
        Objects.requireNonNull(vectors, "vectors");
        if (words < 1) {
            throw new IllegalArgumentException("words must be >= 1, got " + words);
        }
        int n = Math.min(words, vectors.size());
        int dimension = vectors.dimension();
        if (dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("vectors of " + dimension + " dimensions are more than the compact format's "
                    + MAX_DIMENSION);
        }
        DataOutputStream out = new DataOutputStream(stream);
        out.write(MAGIC);
        out.writeInt(n);
        out.writeInt(dimension);
        byte[] q = new byte[dimension];
        for (int i = 0; i < n; i++) {
            String word = vectors.words().get(i);
            byte[] raw = word.getBytes(StandardCharsets.UTF_8);
            if (raw.length > MAX_WORD_BYTES) {
                throw new IllegalArgumentException("word " + (i + 1) + " is longer than " + MAX_WORD_BYTES + " UTF-8 bytes");
            }
            float scale = quantise(vectors.vector(word), q);
            out.writeShort(raw.length);
            out.write(raw);
            out.writeFloat(scale);
            out.write(q);
        }
        out.flush();
    }

    /** Rounds {@code v} to bytes of a shared scale {@code max|v| / 127}, written to {@code q}; returns the scale. */
    static float quantise(float[] v, byte[] q) {
        float max = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("a vector holds " + x + ", which cannot be quantised");
            }
            max = Math.max(max, Math.abs(x));
        }
        float scale = max / 127f;
        for (int j = 0; j < v.length; j++) {
            q[j] = scale == 0 ? 0 : (byte) Math.max(-127, Math.min(127, Math.round(v[j] / scale)));
        }
        return scale;
    }

    /**
     * The mean and the smallest cosine similarity between each vector of {@code compact} and the same word's vector
     * in {@code original}: how much the quantisation changed the vectors (1 means not at all). Words whose vector is
     * all zeros in either are skipped.
     *
     * @throws IllegalArgumentException when {@code compact} holds a word that {@code original} lacks
     */
    public static double[] cosineToOriginal(WordVectors original, WordVectors compact) {
        double sum = 0;
        double min = 1;
        int n = 0;
        for (String w : compact.words()) {
            if (!original.contains(w)) {
                throw new IllegalArgumentException("'" + w + "' is not in the original vectors");
            }
            float[] a = original.vector(w);
            float[] c = compact.vector(w);
            double dot = 0;
            double na = 0;
            double nc = 0;
            for (int j = 0; j < a.length; j++) {
                dot += (double) a[j] * c[j];
                na += (double) a[j] * a[j];
                nc += (double) c[j] * c[j];
            }
            if (na == 0 || nc == 0) {
                continue;
            }
            double cos = dot / Math.sqrt(na * nc);
            sum += cos;
            min = Math.min(min, cos);
            n++;
        }
        return new double[] {n == 0 ? 1 : sum / n, min};
    }
}
