package io.rnnkit.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps token ids {@code 0..vocabSize-1} to dense vectors (Keras {@code Embedding}); must be the first
 * layer, and makes the network's input token ids of shape {@code [batch, time]}. No bias, so
 * parameters are {@code vocabSize·dim}.
 *
 * <p>With {@code maskZero}, id 0 is padding: {@link RecurrentNetwork} derives the feature mask from
 * the ids whenever the caller passes none, so padded positions never reach the recurrent layers.
 *
 * @param vocabSize  number of token ids (the vocabulary size, PAD and UNK included)
 * @param dim        vector size
 * @param maskZero   treat id 0 as padding (Keras {@code mask_zero})
 * @param pretrained optional initial weights {@code [vocabSize][dim]} (e.g. Word2Vec vectors), or null
 * @param trainable  {@code false} freezes the weights (Keras {@code trainable=False})
 */
public record Embedding(int vocabSize, int dim, boolean maskZero, float[][] pretrained, boolean trainable)
        implements LayerSpec {

    public Embedding {
        if (vocabSize <= 0) {
            throw new IllegalArgumentException("Embedding vocabSize must be positive, got " + vocabSize);
        }
        if (dim <= 0) {
            throw new IllegalArgumentException("Embedding dim must be positive, got " + dim);
        }
        if (pretrained != null) {
            if (pretrained.length != vocabSize) {
                throw new IllegalArgumentException("Embedding pretrained weights have " + pretrained.length
                        + " rows, expected vocabSize=" + vocabSize);
            }
            float[][] copy = new float[vocabSize][];
            for (int i = 0; i < vocabSize; i++) {
                if (pretrained[i] == null || pretrained[i].length != dim) {
                    throw new IllegalArgumentException("Embedding pretrained row " + i + " has "
                            + (pretrained[i] == null ? "no" : String.valueOf(pretrained[i].length))
                            + " values, expected dim=" + dim);
                }
                copy[i] = pretrained[i].clone();
            }
            pretrained = copy;
        }
    }

    /** A trainable, randomly initialised embedding without padding mask. */
    public Embedding(int vocabSize, int dim) {
        this(vocabSize, dim, false, null, true);
    }

    /** A trainable, randomly initialised embedding. */
    public Embedding(int vocabSize, int dim, boolean maskZero) {
        this(vocabSize, dim, maskZero, null, true);
    }

    /**
     * An embedding initialised from a {@code [vocabSize, dim]} matrix, e.g. Word2Vec vectors laid out
     * in vocabulary order.
     */
    public static Embedding pretrained(INDArray weights, boolean maskZero, boolean trainable) {
        if (weights == null || weights.rank() != 2) {
            throw new IllegalArgumentException("Embedding weights must be a [vocabSize, dim] matrix, got "
                    + (weights == null ? "null" : Arrays.toString(weights.shape())));
        }
        float[][] rows = weights.toFloatMatrix();
        return new Embedding(rows.length, (int) weights.size(1), maskZero, rows, trainable);
    }

    /** A copy of the initial weights, or null when randomly initialised. */
    @Override
    public float[][] pretrained() {
        if (pretrained == null) {
            return null;
        }
        float[][] copy = new float[pretrained.length][];
        for (int i = 0; i < pretrained.length; i++) {
            copy[i] = pretrained[i].clone();
        }
        return copy;
    }

    /** Whether the weights start from a given matrix. */
    public boolean hasPretrained() {
        return pretrained != null;
    }

    /** Parameters: {@code vocabSize·dim}. */
    public long paramCount() {
        return (long) vocabSize * dim;
    }

    @Override
    public String typeName() {
        return "Embedding";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && e.vocabSize == vocabSize && e.dim == dim && e.maskZero == maskZero
                && e.trainable == trainable && Arrays.deepEquals(e.pretrained, pretrained);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {vocabSize, dim, maskZero, trainable, pretrained});
    }

    @Override
    public String toString() {
        return "Embedding[vocabSize=" + vocabSize + ", dim=" + dim + ", maskZero=" + maskZero
                + ", pretrained=" + (pretrained != null) + ", trainable=" + trainable + "]";
    }
}
