package io.rnnkit.text.embed;

import io.rnnkit.text.Vocabulary;
import io.rnnkit.text.io.CorpusFormatException;
import io.rnnkit.text.io.SourceLocation;
import io.rnnkit.text.io.Utf8;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * An immutable table of word vectors: lookup, cosine similarity, nearest neighbours, file I/O in word2vec text,
 * word2vec binary and GloVe text formats, and initial weights for an {@code Embedding} layer.
 *
 * <pre>{@code
 * WordVectors wv = WordVectors.load(Path.of("vectors.txt"), VectorFormat.GLOVE_TEXT);
 * wv.nearest("whale", 10);                                   // [sperm (0.81), ...]
 * EmbeddingMatrix init = wv.embeddingMatrix(vocab, OovPolicy.RANDOM, 42);
 * System.out.println(init.report());
 * }</pre>
 *
 * Vectors are stored as one float array; words keep their order (file order, or frequency order after training).
 */
public final class WordVectors {
    /** What separates a text line's fields, compiled once rather than by {@code String.split} on every line. */
    private static final Pattern SPACES = Pattern.compile(" +");
    private final List<String> words;
    private final Map<String, Integer> index;
    private final int dimension;
    private final float[] data;
    private final float[] norms;

    private WordVectors(List<String> words, Map<String, Integer> index, int dimension, float[] data) {
        this.words = words;
        this.index = index;
        this.dimension = dimension;
        this.data = data;
        this.norms = new float[words.size()];
        for (int i = 0; i < norms.length; i++) {
            double s = 0;
            for (int j = 0; j < dimension; j++) {
                float v = data[i * dimension + j];
                s += v * v;
            }
            norms[i] = (float) Math.sqrt(s);
        }
    }

    /**
     * Word vectors from a map (iteration order is kept), all of the same dimension.
     *
     * @throws IllegalArgumentException if the map is empty, a word is blank or contains whitespace, or dimensions differ
     */
    public static WordVectors of(Map<String, float[]> vectors) {
        Objects.requireNonNull(vectors, "vectors");
        Builder b = null;
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            if (b == null) {
                b = new Builder(e.getValue().length);
            }
            String problem = b.add(e.getKey(), e.getValue());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        if (b == null) {
            throw new IllegalArgumentException("no word vectors given");
        }
        return b.build();
    }

    /** Accumulates vectors of one dimension; {@link #add} returns a problem or null. */
    static final class Builder {
        private final int dimension;
        private final List<String> words = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private float[] data;

        Builder(int dimension) {
            if (dimension <= 0) {
                throw new IllegalArgumentException("vector dimension must be > 0, got " + dimension);
            }
            this.dimension = dimension;
            this.data = new float[dimension * 16];
        }

        String add(String word, float[] v) {
            if (word == null || word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                return "word '" + shown(word) + "' is empty or contains whitespace";
            }
            if (v.length != dimension) {
                return "'" + shown(word) + "' has " + v.length + " values, expected " + dimension;
            }
            if (index.containsKey(word)) {
                return "duplicate word '" + shown(word) + "'";
            }
            int i = words.size();
            if ((long) (i + 1) * dimension > Integer.MAX_VALUE - 8) {
                return "too many vectors for one table";
            }
            if ((i + 1) * dimension > data.length) {
                data = Arrays.copyOf(data, Math.max((i + 1) * dimension, (int) Math.min(Integer.MAX_VALUE - 8L, data.length * 2L)));
            }
            System.arraycopy(v, 0, data, i * dimension, dimension);
            index.put(word, i);
            words.add(word);
            return null;
        }

        int size() {
            return words.size();
        }

        WordVectors build() {
            return new WordVectors(Collections.unmodifiableList(new ArrayList<>(words)), Map.copyOf(index), dimension,
                    Arrays.copyOf(data, words.size() * dimension));
        }
    }

    /** The number of words. */
    public int size() {
        return words.size();
    }

    /** The vector length. */
    public int dimension() {
        return dimension;
    }

    /** The words, in table order. */
    public List<String> words() {
        return words;
    }

    /** Whether the word has a vector (exact match). */
    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /**
     * A copy of the word's vector.
     *
     * @throws IllegalArgumentException if the word has no vector
     */
    public float[] vector(String word) {
        int i = indexOrThrow(word);
        return Arrays.copyOfRange(data, i * dimension, (i + 1) * dimension);
    }

    private int indexOrThrow(String word) {
        Integer i = index.get(word);
        if (i == null) {
            throw new IllegalArgumentException("no vector for '" + word + "' (" + size() + " words)");
        }
        return i;
    }

    /** Cosine similarity of two words' vectors (0 if either vector is all zeros). */
    public double similarity(String a, String b) {
        int i = indexOrThrow(a);
        int j = indexOrThrow(b);
        return cosine(data, i * dimension, norms[i], data, j * dimension, norms[j], dimension);
    }

    private static double cosine(float[] x, int xo, float xn, float[] y, int yo, float yn, int d) {
        if (xn == 0 || yn == 0) {
            return 0;
        }
        double dot = 0;
        for (int k = 0; k < d; k++) {
            dot += x[xo + k] * y[yo + k];
        }
        return dot / ((double) xn * yn);
    }

    /**
     * The {@code k} words most similar to {@code word} by cosine similarity, most similar first, excluding the
     * word itself.
     *
     * @throws IllegalArgumentException if the word has no vector or {@code k < 1}
     */
    public List<Neighbour> nearest(String word, int k) {
        int i = indexOrThrow(word);
        return nearest(Arrays.copyOfRange(data, i * dimension, (i + 1) * dimension), k, i);
    }

    /** The {@code k} words whose vectors are most similar to {@code vector}, most similar first. */
    public List<Neighbour> nearest(float[] vector, int k) {
        return nearest(vector, k, -1);
    }

    private List<Neighbour> nearest(float[] q, int k, int exclude) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (q.length != dimension) {
            throw new IllegalArgumentException("query has " + q.length + " values, vectors have " + dimension);
        }
        double s = 0;
        for (float v : q) {
            s += v * v;
        }
        float qn = (float) Math.sqrt(s);
        // A bounded min-heap keeps the k best in O(n log k); ties go to the earlier (more frequent) word.
        double[] sims = new double[size()];
        PriorityQueue<Integer> best = new PriorityQueue<>(k + 1, (a, b) -> {
            int c = Double.compare(sims[a], sims[b]);
            return c != 0 ? c : Integer.compare(b, a);
        });
        for (int j = 0; j < size(); j++) {
            if (j == exclude) {
                continue;
            }
            sims[j] = cosine(q, 0, qn, data, j * dimension, norms[j], dimension);
            best.add(j);
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Neighbour> out = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            int j = best.poll();
            out.add(new Neighbour(words.get(j), sims[j]));
        }
        Collections.reverse(out);
        return out;
    }

    // ------------------------------------------------------------------ embedding initialisation

    /**
     * Initial weights for an {@code Embedding} layer over {@code vocab}: row {@link Vocabulary#PAD} is zeros; every
     * other token takes its pretrained vector (exact match first, then its lower-case form); tokens without one,
     * and {@link Vocabulary#UNK}, are filled by {@code policy} ({@code seed} makes {@link OovPolicy#RANDOM}
     * reproducible). The result reports the coverage.
     */
    public EmbeddingMatrix embeddingMatrix(Vocabulary vocab, OovPolicy policy, long seed) {
        Objects.requireNonNull(vocab, "vocab");
        Objects.requireNonNull(policy, "policy");
        int v = vocab.size();
        float[][] rows = new float[v][];
        double[] mean = new double[dimension];
        double[] sq = new double[dimension];
        for (int i = 0; i < size(); i++) {
            for (int j = 0; j < dimension; j++) {
                double x = data[i * dimension + j];
                mean[j] += x;
                sq[j] += x * x;
            }
        }
        float[] meanVec = new float[dimension];
        double var = 0;
        for (int j = 0; j < dimension; j++) {
            mean[j] /= size();
            meanVec[j] = (float) mean[j];
            var += sq[j] / size() - mean[j] * mean[j];
        }
        double std = Math.sqrt(Math.max(var / dimension, 0));
        Random random = new Random(seed);
        int found = 0;
        int missing = 0;
        List<String> missingWords = new ArrayList<>();
        for (int r = 0; r < v; r++) {
            if (r == Vocabulary.PAD) {
                rows[r] = new float[dimension];
                continue;
            }
            Integer hit = null;
            if (r != Vocabulary.UNK) {
                String token = vocab.token(r);
                hit = index.get(token);
                if (hit == null) {
                    hit = index.get(token.toLowerCase(Locale.ROOT));
                }
                if (hit != null) {
                    found++;
                } else {
                    missing++;
                    if (missingWords.size() < 100) {
                        missingWords.add(token);
                    }
                }
            }
            if (hit != null) {
                rows[r] = Arrays.copyOfRange(data, hit * dimension, (hit + 1) * dimension);
            } else {
                rows[r] = switch (policy) {
                    case ZEROS -> new float[dimension];
                    case MEAN -> meanVec.clone();
                    case RANDOM -> {
                        float[] x = new float[dimension];
                        for (int j = 0; j < dimension; j++) {
                            x[j] = (float) (random.nextGaussian() * std);
                        }
                        yield x;
                    }
                };
            }
        }
        INDArray weights = Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
        return new EmbeddingMatrix(weights, policy, found, missing, missingWords);
    }

    // ------------------------------------------------------------------ file I/O

    /**
     * Reads vectors in the given format, strictly: a wrong value count, a value that is not a number, a duplicate
     * word, a header that disagrees with the body, invalid UTF-8 or an empty file are each a
     * {@link CorpusFormatException} naming the file and line (for the binary format: the vector number).
     */
    public static WordVectors load(Path file, VectorFormat format) throws IOException {
        Objects.requireNonNull(file, "file");
        return switch (Objects.requireNonNull(format, "format")) {
            case WORD2VEC_TEXT -> readText(file, true);
            case GLOVE_TEXT -> readText(file, false);
            case WORD2VEC_BINARY -> readBinary(file);
            case COMPACT_8BIT -> CompactVectors.read(file);
        };
    }

    private static WordVectors readText(Path file, boolean header) throws IOException {
        String source = file.toString();
        try (BufferedReader in = Utf8.open(file)) {
            long line = 0;
            long expectedCount = -1;
            Builder b = null;
            long firstVectorLine = 0;
            String s;
            while (true) {
                try {
                    s = in.readLine();
                } catch (IOException e) {
                    if (Utf8.isDecodingError(e)) {
                        throw Utf8.invalid(source, line + 1, e);
                    }
                    throw e;
                }
                if (s == null) {
                    break;
                }
                line++;
                SourceLocation at = new SourceLocation(source, line);
                String stripped = s.strip();
                if (stripped.isEmpty()) {
                    continue;
                }
                String[] f = SPACES.split(stripped);
                if (header && expectedCount < 0) {
                    if (f.length != 2) {
                        throw new CorpusFormatException(at, "expected the word2vec header '<count> <dimension>', found '"
                                + abbreviate(stripped) + "' (is this GloVe format?)");
                    }
                    expectedCount = parseCount(f[0], at, "count");
                    b = new Builder(dimension(parseCount(f[1], at, "dimension"), at));
                    continue;
                }
                if (f.length < 2) {
                    throw new CorpusFormatException(at, "expected a word followed by its values, found '" + abbreviate(stripped) + "'");
                }
                if (b == null) {
                    b = new Builder(dimension(f.length - 1, at));
                    firstVectorLine = line;
                }
                if (f.length - 1 != b.dimension) {
                    throw new CorpusFormatException(at, "'" + f[0] + "' has " + (f.length - 1) + " values, expected "
                            + b.dimension + (header ? " (from the header)" : " (as on line " + firstVectorLine + ")"));
                }
                float[] v = new float[b.dimension];
                for (int j = 0; j < v.length; j++) {
                    try {
                        v[j] = Float.parseFloat(f[j + 1]);
                    } catch (NumberFormatException e) {
                        throw new CorpusFormatException(at, "value " + (j + 1) + " of '" + f[0] + "' is not a number: '"
                                + f[j + 1] + "'");
                    }
                }
                String problem = b.add(f[0], v);
                if (problem != null) {
                    throw new CorpusFormatException(at, problem);
                }
            }
            if (b == null || b.size() == 0) {
                throw new CorpusFormatException(new SourceLocation(source, 0), line == 0 ? "file is empty" : "no vectors in the file");
            }
            if (header && b.size() != expectedCount) {
                throw new CorpusFormatException(new SourceLocation(source, 1), "the header says " + expectedCount
                        + " vectors, the file has " + b.size());
            }
            return b.build();
        }
    }

    private static long parseCount(String s, SourceLocation at, String what) {
        try {
            long n = Long.parseLong(s);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CorpusFormatException(at, "the header's " + what + " must be a positive integer, found '" + s + "'");
        }
    }

    /** A word as messages show it: control characters escaped, so a message stays one line; at most 40 chars. */
    static String shown(String word) {
        if (word == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        word.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return abbreviate(sb.toString());
    }

    /** A dimension read from a file, refused above {@link CompactVectors#MAX_DIMENSION} before anything is allocated. */
    private static int dimension(long d, SourceLocation at) {
        if (d > CompactVectors.MAX_DIMENSION) {
            throw new CorpusFormatException(at, "a dimension of " + d + " is more than the " + CompactVectors.MAX_DIMENSION
                    + " rnnkit reads");
        }
        return (int) d;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static WordVectors readBinary(Path file) throws IOException {
        String source = file.toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            SourceLocation headerAt = new SourceLocation(source, 1);
            String header = readUntil(in, '\n', headerAt, "header");
            if (header == null) {
                throw new CorpusFormatException(new SourceLocation(source, 0), "file is empty");
            }
            String[] f = SPACES.split(header.strip());
            if (f.length != 2) {
                throw new CorpusFormatException(headerAt, "expected the word2vec header '<count> <dimension>', found '"
                        + abbreviate(header.strip()) + "'");
            }
            long count = parseCount(f[0], headerAt, "count");
            Builder b = new Builder(dimension(parseCount(f[1], headerAt, "dimension"), headerAt));
            byte[] raw = new byte[b.dimension * Float.BYTES];
            for (long n = 1; n <= count; n++) {
                String where = "vector " + n + " of " + count;
                SourceLocation at = new SourceLocation(source, 0);
                String word = readUntil(in, ' ', at, where);
                if (word == null) {
                    throw new CorpusFormatException(at, "the header says " + count + " vectors, the file ends after " + (n - 1));
                }
                word = word.strip(); // the C tool writes a newline after each vector, before the next word
                int got = in.readNBytes(raw, 0, raw.length);
                if (got != raw.length) {
                    throw new CorpusFormatException(at, where + " ('" + word + "'): the file ends after " + got / Float.BYTES
                            + " of " + b.dimension + " values");
                }
                float[] v = new float[b.dimension];
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                String problem = b.add(word, v);
                if (problem != null) {
                    throw new CorpusFormatException(at, where + ": " + problem);
                }
            }
            int c;
            while ((c = in.read()) != -1) {
                if (!Character.isWhitespace(c)) {
                    throw new CorpusFormatException(new SourceLocation(source, 0), "unexpected data after the " + count
                            + " vectors the header announces (wrong dimension in the header?)");
                }
            }
            return b.build();
        }
    }

    /** Bytes up to (not including) {@code stop}, strictly decoded; null at end of input before any byte. */
    private static String readUntil(InputStream in, char stop, SourceLocation at, String what) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != stop) {
            if (buf.size() > 1 << 16) {
                throw new CorpusFormatException(at, what + ": no '" + (stop == '\n' ? "\\n" : String.valueOf(stop))
                        + "' within 64 KiB (not a word2vec binary file?)");
            }
            buf.write(c);
        }
        if (c == -1 && buf.size() == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new CorpusFormatException(at, what + ": invalid UTF-8 in the word", e);
        }
    }

    /**
     * Writes the vectors in the given format, to a temporary file first and then renamed, so a crash never
     * leaves a half-written file under the final name. Text formats write floats in shortest round-trip form.
     */
    public void save(Path file, VectorFormat format) throws IOException {
        Objects.requireNonNull(format, "format");
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                if (format == VectorFormat.WORD2VEC_BINARY) {
                    writeBinary(out);
                } else if (format == VectorFormat.COMPACT_8BIT) {
                    CompactVectors.write(this, size(), out);
                } else {
                    Writer w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
                    if (format == VectorFormat.WORD2VEC_TEXT) {
                        w.write(size() + " " + dimension + "\n");
                    }
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < size(); i++) {
                        sb.setLength(0);
                        sb.append(words.get(i));
                        for (int j = 0; j < dimension; j++) {
                            sb.append(' ').append(data[i * dimension + j]);
                        }
                        w.write(sb.append('\n').toString());
                    }
                    w.flush();
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private void writeBinary(OutputStream out) throws IOException {
        out.write((size() + " " + dimension + "\n").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer bb = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size(); i++) {
            out.write(words.get(i).getBytes(StandardCharsets.UTF_8));
            out.write(' ');
            bb.clear();
            bb.asFloatBuffer().put(data, i * dimension, dimension);
            out.write(bb.array());
            out.write('\n');
        }
    }

    /** The vectors as a map, in table order (a copy). */
    public Map<String, float[]> toMap() {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (String w : words) {
            m.put(w, vector(w));
        }
        return m;
    }

    @Override
    public String toString() {
        return "WordVectors[" + size() + " words x " + dimension + "]";
    }
}
