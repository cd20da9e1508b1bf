package io.rnnkit.text.encode;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Many-to-one batches (one class per sequence, e.g. sentiment) from encoded sequences, padded per batch
 * and optionally bucketed by length.
 *
 * <pre>{@code
 * DataSetIterator it = SequenceClassificationIterator.builder(sequences, labels, 2)
 *         .padding(PadSpec.upTo(100)).batching(Batching.bucketed(32, 42)).build();
 * }</pre>
 * Features are [batch, 1, time] indices (or [batch, vocab, time] one-hot), labels [batch, classes] or
 * ALIGN_END [batch, classes, time] with a label mask, feature mask [batch, time].
 */
public final class SequenceClassificationIterator extends PlannedBatchIterator {
    private static final long serialVersionUID = 1L;

    private final List<int[]> sequences;
    private final int[] classes;
    private final int numClasses;
    private final List<String> classNames;
    private final PadSpec padding;
    private final FeatureLayout featureLayout;
    private final int vocabSize;
    private final LabelLayout labelLayout;

    private SequenceClassificationIterator(Builder b) {
        super(b.batching, lengths(b.sequences));
        this.sequences = b.sequences;
        this.classes = b.classes;
        this.numClasses = b.numClasses;
        this.classNames = b.classNames;
        this.padding = b.padding;
        this.featureLayout = b.featureLayout;
        this.vocabSize = b.vocabSize;
        this.labelLayout = b.labelLayout;
    }

    static int[] lengths(List<int[]> sequences) {
        int[] lengths = new int[sequences.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = sequences.get(i).length;
        }
        return lengths;
    }

    /**
     * A builder over {@code sequences} (index sequences, e.g. from {@link SequenceEncoder#encodeAll}) and one
     * class per sequence in {@code [0, numClasses)}. Defaults: {@link PadSpec#upTo}(no limit),
     * {@link Batching#sequential}(32), index features, {@link LabelLayout#PER_SEQUENCE}.
     */
    public static Builder builder(List<int[]> sequences, int[] classes, int numClasses) {
        return new Builder(sequences, classes, numClasses);
    }

    @Override
    DataSet build(int[] examples) {
        List<int[]> rows = new ArrayList<>(examples.length);
        int[] y = new int[examples.length];
        for (int i = 0; i < examples.length; i++) {
            rows.add(sequences.get(examples[i]));
            y[i] = classes[examples[i]];
        }
        return RnnTensors.classification(PaddedBatch.pad(rows, padding), y, numClasses, featureLayout, vocabSize, labelLayout);
    }

    @Override
    public int inputColumns() {
        return featureLayout == FeatureLayout.ONE_HOT ? vocabSize : 1;
    }

    @Override
    public int totalOutcomes() {
        return numClasses;
    }

    @Override
    public List<String> getLabels() {
        return classNames;
    }

    /** Configures a {@link SequenceClassificationIterator}; validates everything in {@link #build()}. */
    public static final class Builder {
        private final List<int[]> sequences;
        private final int[] classes;
        private final int numClasses;
        private List<String> classNames;
        private PadSpec padding = PadSpec.upTo(PadSpec.NO_LIMIT);
        private Batching batching = Batching.sequential(32);
        private FeatureLayout featureLayout = FeatureLayout.INDICES;
        private int vocabSize;
        private LabelLayout labelLayout = LabelLayout.PER_SEQUENCE;

        private Builder(List<int[]> sequences, int[] classes, int numClasses) {
            this.sequences = List.copyOf(sequences);
            this.classes = classes.clone();
            this.numClasses = numClasses;
        }

        /** Padding and truncation. */
        public Builder padding(PadSpec padding) {
            this.padding = padding;
            return this;
        }

        /** Batch size, bucketing and shuffling. */
        public Builder batching(Batching batching) {
            this.batching = batching;
            return this;
        }

        /** One-hot features of depth {@code vocabSize} instead of indices. */
        public Builder oneHot(int vocabSize) {
            this.featureLayout = FeatureLayout.ONE_HOT;
            this.vocabSize = vocabSize;
            return this;
        }

        /** How labels are laid out. */
        public Builder labelLayout(LabelLayout labelLayout) {
            this.labelLayout = labelLayout;
            return this;
        }

        /** Class names reported by {@code getLabels()} (one per class). */
        public Builder classNames(List<String> names) {
            this.classNames = List.copyOf(names);
            return this;
        }

        /**
         * The iterator.
         *
         * @throws IllegalArgumentException naming the first bad example or setting
         */
        public SequenceClassificationIterator build() {
            if (sequences.size() != classes.length) {
                throw new IllegalArgumentException("got " + classes.length + " labels for " + sequences.size() + " sequences");
            }
            if (numClasses < 1) {
                throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
            }
            if (classNames != null && classNames.size() != numClasses) {
                throw new IllegalArgumentException("got " + classNames.size() + " class names for " + numClasses + " classes");
            }
            if (padding == null || labelLayout == null) {
                throw new IllegalArgumentException("padding and label layout must not be null");
            }
            if (featureLayout == FeatureLayout.ONE_HOT && vocabSize < 1) {
                throw new IllegalArgumentException("one-hot vocabSize must be >= 1, got " + vocabSize);
            }
            for (int i = 0; i < classes.length; i++) {
                if (classes[i] < 0 || classes[i] >= numClasses) {
                    throw new IllegalArgumentException("example " + i + " has label " + classes[i]
                            + " outside [0, " + numClasses + ")");
                }
                if (sequences.get(i).length == 0) {
                    throw new IllegalArgumentException("example " + i + " is an empty sequence; drop or report empty texts before batching");
                }
            }
            return new SequenceClassificationIterator(this);
        }
    }
}
