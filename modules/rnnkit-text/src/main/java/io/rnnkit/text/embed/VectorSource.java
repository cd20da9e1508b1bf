package io.rnnkit.text.embed;

import io.rnnkit.datasets.Datasets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns what a user types for word vectors into {@link WordVectors}. Accepted forms:
 * <ul>
 *   <li>{@code builtin:NAME}: vectors shipped on the class path ({@link BuiltinVectors}, e.g.
 *       {@value BuiltinVectors#GLOVE_100D});</li>
 *   <li>the name of a fetched vectors dataset ({@value #WINK_GLOVE_100D});</li>
 *   <li>a file in word2vec text, word2vec binary, GloVe text or rnnkit's compact format, detected from its first
 *       bytes (the compact magic; a {@code "<count> <dimension>"} header followed by text or by binary floats; else
 *       GloVe text), or read in the format given;</li>
 *   <li>{@value #NONE}: no vectors ({@link #isNone}; callers use random embeddings).</li>
 * </ul>
 * The last file read is kept (keyed by path, size and modification time), so cross-validation reads it once.
 */
public final class VectorSource {
    /** The value that asks for no pretrained vectors. */
    public static final String NONE = "none";
    /** The dataset of GloVe 6B 100-d vectors ({@code scripts/fetch-datasets wink-glove-100d}). */
    public static final String WINK_GLOVE_100D = "wink-glove-100d";
    /** Vector datasets by name, and the file inside each. */
    private static final Map<String, String> DATASETS = Map.of(WINK_GLOVE_100D, "vectors.bin");
    /** The forms accepted, for error messages. */
    public static final String ACCEPTED = "builtin:" + BuiltinVectors.GLOVE_100D + ", a dataset name (" + WINK_GLOVE_100D
            + "), a word2vec text or binary file, a GloVe text file, an rnnkit compact vectors file, or " + NONE;
    private static final Pattern HEADER = Pattern.compile("\\d+ +\\d+");

    private static Path cachedPath;
    private static long cachedSize;
    private static FileTime cachedTime;
    private static WordVectors cached;

    private VectorSource() {
    }

    /** Whether {@code spec} asks for no vectors ({@value #NONE}, any case). */
    public static boolean isNone(String spec) {
        return spec != null && spec.strip().equalsIgnoreCase(NONE);
    }

    /**
     * The vectors {@code spec} names, the format of a file detected from its content.
     *
     * @throws IllegalArgumentException for {@value #NONE}, a missing file, or a malformed file (naming it)
     * @throws Datasets.MissingDatasetException for a dataset that is not fetched
     */
    public static WordVectors load(String spec) {
        return load(spec, null);
    }

    /**
     * The vectors {@code spec} names; a file is read in {@code format}, or in the detected one when null.
     *
     * @throws IllegalArgumentException for {@value #NONE}, a missing file, or a malformed file (naming it)
     * @throws Datasets.MissingDatasetException for a dataset that is not fetched
     * @throws UncheckedIOException when the file cannot be read
     */
    public static WordVectors load(String spec, VectorFormat format) {
        Objects.requireNonNull(spec, "vectors");
        if (isNone(spec)) {
            throw new IllegalArgumentException("'" + NONE + "' names no vectors");
        }
        if (BuiltinVectors.isBuiltin(spec)) {
            return BuiltinVectors.load(spec.substring(BuiltinVectors.PREFIX.length()));
        }
        return loadFile(resolve(spec), format);
    }

    /**
     * The file a dataset name or path names (not for {@code builtin:} names).
     *
     * @throws IllegalArgumentException when the file does not exist
     * @throws Datasets.MissingDatasetException for a dataset that is not fetched
     */
    public static Path resolve(String spec) {
        Objects.requireNonNull(spec, "vectors");
        String file = DATASETS.get(spec);
        if (file != null) {
            return Datasets.file(spec, file);
        }
        Path p = Path.of(spec);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("pretrained vectors file not found: " + spec + " (accepted: " + ACCEPTED + ")");
        }
        return p;
    }

    /**
     * A format from its command-line name: {@code auto} (null), {@code word2vec-text}, {@code word2vec-binary},
     * {@code glove-text} or {@code compact}.
     *
     * @throws IllegalArgumentException for another name, listing these
     */
    public static VectorFormat format(String name) {
        return switch (Objects.requireNonNull(name, "format").toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "word2vec-text" -> VectorFormat.WORD2VEC_TEXT;
            case "word2vec-binary" -> VectorFormat.WORD2VEC_BINARY;
            case "glove-text" -> VectorFormat.GLOVE_TEXT;
            case "compact" -> VectorFormat.COMPACT_8BIT;
            default -> throw new IllegalArgumentException("unknown vectors format '" + name
                    + "'; expected auto, word2vec-text, word2vec-binary, glove-text or compact");
        };
    }

    /**
     * The format of a vectors file from its first bytes: the compact magic; a {@code "<count> <dimension>"} line
     * followed by binary floats (word2vec binary) or by text (word2vec text); anything else is read as GloVe text.
     */
    public static VectorFormat detect(Path file) throws IOException {
        if (CompactVectors.isCompact(file)) {
            return VectorFormat.COMPACT_8BIT;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        int nl = 0;
        while (nl < head.length && head[nl] != '\n') {
            nl++;
        }
        String first = new String(head, 0, nl, StandardCharsets.ISO_8859_1).strip();
        if (!HEADER.matcher(first).matches()) {
            return VectorFormat.GLOVE_TEXT;
        }
        // Little-endian floats almost always hold control bytes; word2vec text never does.
        for (int i = nl + 1; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                return VectorFormat.WORD2VEC_BINARY;
            }
        }
        return VectorFormat.WORD2VEC_TEXT;
    }

    private static synchronized WordVectors loadFile(Path path, VectorFormat format) {
        Path file = path.toAbsolutePath().normalize();
        try {
            VectorFormat f = format != null ? format : detect(file);
            long size = Files.size(file);
            FileTime time = Files.getLastModifiedTime(file);
            if (cached != null && format == null && file.equals(cachedPath) && size == cachedSize && time.equals(cachedTime)) {
                return cached;
            }
            WordVectors v = WordVectors.load(file, f);
            if (format == null) {
                cachedPath = file;
                cachedSize = size;
                cachedTime = time;
                cached = v;
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pretrained vectors " + file + ": " + e.getMessage(), e);
        }
    }
}
