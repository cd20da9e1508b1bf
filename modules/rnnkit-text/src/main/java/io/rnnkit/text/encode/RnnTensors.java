package io.rnnkit.text.encode;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns padded batches into ND4J arrays in DL4J's recurrent layout ([batch, size, time], 'c' order) and
 * assembles {@link DataSet}s with feature and label masks. All arrays are FLOAT.
 */
public final class RnnTensors {
    private RnnTensors() {
    }

    /** Features [batch, 1, time] holding the indices (padding cells hold the pad value). */
    public static INDArray indices(PaddedBatch batch) {
        int n = batch.size();
        int t = batch.width();
        float[] data = new float[n * t];
        for (int b = 0; b < n; b++) {
            int[] row = batch.values()[b];
            for (int s = 0; s < t; s++) {
                data[b * t + s] = row[s];
            }
        }
        return Nd4j.create(data, new long[] {n, 1, t}, DataType.FLOAT);
    }

    /**
     * One-hot [batch, depth, time] of the real steps; padding steps are all zeros.
     *
     * @throws IllegalArgumentException when an index is outside {@code [0, depth)}
     */
    public static INDArray oneHot(PaddedBatch batch, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("one-hot depth must be >= 1, got " + depth);
        }
        int n = batch.size();
        int t = batch.width();
        float[] data = new float[n * depth * t];
        for (int b = 0; b < n; b++) {
            int[] row = batch.values()[b];
            for (int s = batch.offsets()[b]; s <= batch.lastStep(b); s++) {
                int v = row[s];
                if (v < 0 || v >= depth) {
                    throw new IllegalArgumentException("index " + v + " in row " + b + " at step " + s
                            + " is outside the one-hot depth [0, " + depth + ")");
                }
                data[(b * depth + v) * t + s] = 1f;
            }
        }
        return Nd4j.create(data, new long[] {n, depth, t}, DataType.FLOAT);
    }

    /** Features in the given layout; {@code depth} is only used for {@link FeatureLayout#ONE_HOT}. */
    public static INDArray features(PaddedBatch batch, FeatureLayout layout, int depth) {
        return layout == FeatureLayout.ONE_HOT ? oneHot(batch, depth) : indices(batch);
    }

    /** Mask [batch, time]: 1 for real steps, 0 for padding. */
    public static INDArray mask(PaddedBatch batch) {
        return Nd4j.createFromArray(batch.mask());
    }

    /**
     * A many-to-one batch: one class per sequence.
     *
     * @param classes    class index per row, in {@code [0, numClasses)}
     * @param numClasses number of classes
     * @param depth      vocabulary size for one-hot features (ignored for indices)
     * @throws IllegalArgumentException for a label count or value that does not fit, or an empty sequence
     */
    public static DataSet classification(PaddedBatch batch, int[] classes, int numClasses,
                                         FeatureLayout features, int depth, LabelLayout labels) {
        int n = batch.size();
        int t = batch.width();
        if (classes.length != n) {
            throw new IllegalArgumentException("got " + classes.length + " labels for " + n + " sequences");
        }
        requireClasses(numClasses);
        for (int b = 0; b < n; b++) {
            checkClass(classes[b], numClasses, "row " + b);
            if (batch.lengths()[b] == 0) {
                throw new IllegalArgumentException("sequence in row " + b + " is empty: a many-to-one example needs at least one step");
            }
        }
        INDArray x = features(batch, features, depth);
        INDArray mask = mask(batch);
        if (labels == LabelLayout.PER_SEQUENCE) {
            float[] y = new float[n * numClasses];
            for (int b = 0; b < n; b++) {
                y[b * numClasses + classes[b]] = 1f;
            }
            return new DataSet(x, Nd4j.create(y, new long[] {n, numClasses}, DataType.FLOAT), mask, null);
        }
        float[] y = new float[n * numClasses * t];
        float[] labelMask = new float[n * t];
        for (int b = 0; b < n; b++) {
            int last = batch.lastStep(b);
            y[(b * numClasses + classes[b]) * t + last] = 1f;
            labelMask[b * t + last] = 1f;
        }
        return new DataSet(x, Nd4j.create(y, new long[] {n, numClasses, t}, DataType.FLOAT), mask,
                Nd4j.create(labelMask, new long[] {n, t}, DataType.FLOAT));
    }

    /**
     * A many-to-many batch: one class per step. {@code tags} must be padded with the same {@link PadSpec}
     * as the features (so lengths and offsets agree); labels are [batch, classes, time] one-hot and the
     * label mask equals the feature mask.
     *
     * @throws IllegalArgumentException when a tag row does not line up with its feature row, or a tag is out of range
     */
    public static DataSet labelling(PaddedBatch batch, PaddedBatch tags, int numClasses,
                                    FeatureLayout features, int depth) {
        requireClasses(numClasses);
        if (tags.size() != batch.size() || tags.width() != batch.width()
                || !java.util.Arrays.equals(tags.lengths(), batch.lengths())
                || !java.util.Arrays.equals(tags.offsets(), batch.offsets())) {
            throw new IllegalArgumentException("tag sequences do not line up with the token sequences (lengths "
                    + java.util.Arrays.toString(tags.lengths()) + " vs " + java.util.Arrays.toString(batch.lengths()) + ")");
        }
        int n = batch.size();
        int t = batch.width();
        float[] y = new float[n * numClasses * t];
        for (int b = 0; b < n; b++) {
            for (int s = batch.offsets()[b]; s <= batch.lastStep(b); s++) {
                int c = tags.values()[b][s];
                checkClass(c, numClasses, "row " + b + " step " + s);
                y[(b * numClasses + c) * t + s] = 1f;
            }
        }
        INDArray mask = mask(batch);
        return new DataSet(features(batch, features, depth),
                Nd4j.create(y, new long[] {n, numClasses, t}, DataType.FLOAT), mask, mask.dup());
    }

    /**
     * Checks that token and tag sequences have equal lengths, pairwise.
     *
     * @throws IllegalArgumentException naming the first example whose lengths differ
     */
    public static void requireSameLengths(List<int[]> tokens, List<int[]> tags) {
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException("got " + tags.size() + " tag sequences for " + tokens.size() + " token sequences");
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).length != tags.get(i).length) {
                throw new IllegalArgumentException("example " + i + " has " + tokens.get(i).length + " tokens but "
                        + tags.get(i).length + " tags");
            }
        }
    }

    private static void requireClasses(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
    }

    private static void checkClass(int c, int numClasses, String where) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException("label " + c + " in " + where + " is outside [0, " + numClasses + ")");
        }
    }
}
