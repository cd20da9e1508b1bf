package io.rnnkit.charlm;

import io.rnnkit.text.Vocabulary;

/**
 * The baseline that knows only how often each character occurs in the training text: {@code p(c) = (n_c + 1) /
 * (N + K)}, add-one (Laplace) smoothing over the K = {@code vocabulary size - 1} entries a model can predict (every
 * character plus {@code <unk>}; padding is never a target). Characters outside the vocabulary count as
 * {@code <unk>}, whose count is the number of training characters that became {@code <unk>} (below
 * {@code minCharCount}).
 */
public final class UnigramModel {
    private final double[] bits;

    private UnigramModel(double[] bits) {
        this.bits = bits;
    }

    /**
     * Fits the baseline from a vocabulary's training counts.
     *
     * @param vocabulary   character vocabulary with counts from the training text
     * @param unknownCount training characters that were mapped to {@code <unk>}
     */
    public static UnigramModel fit(Vocabulary vocabulary, long unknownCount) {
        if (vocabulary == null || unknownCount < 0) {
            throw new IllegalArgumentException("need a vocabulary and a non-negative unknown count");
        }
        int v = vocabulary.size();
        long total = unknownCount;
        for (int i = Vocabulary.RESERVED; i < v; i++) {
            total += vocabulary.count(vocabulary.token(i));
        }
        double denominator = total + (v - 1);
        double[] bits = new double[v];
        bits[Vocabulary.PAD] = Double.POSITIVE_INFINITY;
        bits[Vocabulary.UNK] = -log2((unknownCount + 1) / denominator);
        for (int i = Vocabulary.RESERVED; i < v; i++) {
            bits[i] = -log2((vocabulary.count(vocabulary.token(i)) + 1) / denominator);
        }
        return new UnigramModel(bits);
    }

    /** Bits to code the entry with vocabulary index {@code index}. */
    public double bits(int index) {
        return bits[index];
    }

    /** Probability of the entry with vocabulary index {@code index}. */
    public double probability(int index) {
        return Math.pow(2, -bits[index]);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
