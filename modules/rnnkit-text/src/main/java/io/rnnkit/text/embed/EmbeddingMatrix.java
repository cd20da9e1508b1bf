package io.rnnkit.text.embed;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Objects;

/**
 * Initial weights for an {@code Embedding} layer: row {@code i} is the vector of vocabulary index {@code i}.
 *
 * @param weights      float matrix {@code [vocabulary size, dimension]}; the PAD row is all zeros
 * @param policy       how rows of words without a pretrained vector were filled (also used for UNK)
 * @param found        vocabulary words (PAD and UNK excluded) that had a pretrained vector
 * @param missing      vocabulary words (PAD and UNK excluded) that had none
 * @param missingWords the missing words, most frequent first as in the vocabulary, up to 100 of them
 */
public record EmbeddingMatrix(INDArray weights, OovPolicy policy, int found, int missing, List<String> missingWords) {
    public EmbeddingMatrix {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(policy, "policy");
        missingWords = List.copyOf(missingWords);
    }

    /** The fraction of vocabulary words (PAD and UNK excluded) that had a pretrained vector. */
    public double coverage() {
        int n = found + missing;
        return n == 0 ? 0 : (double) found / n;
    }

    /** e.g. {@code "7,812 of 8,000 words (97.7%) have pretrained vectors; 188 use RANDOM"}. */
    public String report() {
        return String.format(java.util.Locale.ROOT, "%,d of %,d words (%.1f%%) have pretrained vectors; %,d use %s",
                found, found + missing, 100 * coverage(), missing, policy);
    }
}
