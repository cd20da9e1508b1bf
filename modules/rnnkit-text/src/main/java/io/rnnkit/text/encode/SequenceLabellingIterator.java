package io.rnnkit.text.encode;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Many-to-many batches (one class per token, e.g. part-of-speech tags), padded per batch and optionally
 * bucketed by length. Features are [batch, 1, time] indices (or one-hot), labels [batch, tags, time]
 * one-hot, feature mask = label mask [batch, time].
 */
public final class SequenceLabellingIterator extends PlannedBatchIterator {
    private static final long serialVersionUID = 1L;

    private final List<int[]> sequences;
    private final List<int[]> tags;
    private final int numTags;
    private final List<String> tagNames;
    private final PadSpec padding;
    private final FeatureLayout featureLayout;
    private final int vocabSize;

    private SequenceLabellingIterator(Builder b) {
        super(b.batching, SequenceClassificationIterator.lengths(b.sequences));
        this.sequences = b.sequences;
        this.tags = b.tags;
        this.numTags = b.numTags;
        this.tagNames = b.tagNames;
        this.padding = b.padding;
        this.featureLayout = b.featureLayout;
        this.vocabSize = b.vocabSize;
    }

    /**
     * A builder over token index sequences and tag index sequences of the same lengths. Defaults:
     * {@link PadSpec#upTo}(no limit), {@link Batching#sequential}(32), index features.
     */
    public static Builder builder(List<int[]> sequences, List<int[]> tags, int numTags) {
        return new Builder(sequences, tags, numTags);
    }

    @Override
    DataSet build(int[] examples) {
        List<int[]> x = new ArrayList<>(examples.length);
        List<int[]> y = new ArrayList<>(examples.length);
        for (int i : examples) {
            x.add(sequences.get(i));
            y.add(tags.get(i));
        }
        return RnnTensors.labelling(PaddedBatch.pad(x, padding), PaddedBatch.pad(y, padding), numTags, featureLayout, vocabSize);
    }

    @Override
    public int inputColumns() {
        return featureLayout == FeatureLayout.ONE_HOT ? vocabSize : 1;
    }

    @Override
    public int totalOutcomes() {
        return numTags;
    }

    @Override
    public List<String> getLabels() {
        return tagNames;
    }

    /** Configures a {@link SequenceLabellingIterator}; validates everything in {@link #build()}. */
    public static final class Builder {
        private final List<int[]> sequences;
        private final List<int[]> tags;
        private final int numTags;
        private List<String> tagNames;
        private PadSpec padding = PadSpec.upTo(PadSpec.NO_LIMIT);
        private Batching batching = Batching.sequential(32);
        private FeatureLayout featureLayout = FeatureLayout.INDICES;
        private int vocabSize;

        private Builder(List<int[]> sequences, List<int[]> tags, int numTags) {
            this.sequences = List.copyOf(sequences);
            this.tags = List.copyOf(tags);
            this.numTags = numTags;
        }

        /** Padding and truncation (applied to tokens and tags alike). */
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

        /** Tag names reported by {@code getLabels()} (one per tag). */
        public Builder tagNames(List<String> names) {
            this.tagNames = List.copyOf(names);
            return this;
        }

        /**
         * The iterator.
         *
         * @throws IllegalArgumentException naming the first example whose tags do not fit
         */
        public SequenceLabellingIterator build() {
            RnnTensors.requireSameLengths(sequences, tags);
            if (numTags < 1) {
                throw new IllegalArgumentException("numTags must be >= 1, got " + numTags);
            }
            if (tagNames != null && tagNames.size() != numTags) {
                throw new IllegalArgumentException("got " + tagNames.size() + " tag names for " + numTags + " tags");
            }
            if (padding == null) {
                throw new IllegalArgumentException("padding must not be null");
            }
            if (featureLayout == FeatureLayout.ONE_HOT && vocabSize < 1) {
                throw new IllegalArgumentException("one-hot vocabSize must be >= 1, got " + vocabSize);
            }
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i).length == 0) {
                    throw new IllegalArgumentException("example " + i + " is an empty sequence; drop or report empty sentences before batching");
                }
                for (int t : tags.get(i)) {
                    if (t < 0 || t >= numTags) {
                        throw new IllegalArgumentException("example " + i + " has tag " + t + " outside [0, " + numTags + ")");
                    }
                }
            }
            return new SequenceLabellingIterator(this);
        }
    }
}
