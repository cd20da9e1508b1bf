package io.rnnkit.text.encode;

import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Shared iterator mechanics: a {@link Batching} plan per epoch over examples of known lengths, and
 * {@link #reset()} moving to the next epoch's plan. Subclasses build one batch from example indices.
 */
abstract class PlannedBatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final Batching batching;
    private final int[] lengths;
    private List<int[]> plan;
    private int epoch;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    PlannedBatchIterator(Batching batching, int[] lengths) {
        if (batching == null) {
            throw new IllegalArgumentException("batching must not be null");
        }
        if (lengths.length == 0) {
            throw new IllegalArgumentException("an iterator needs at least one example");
        }
        this.batching = batching;
        this.lengths = lengths;
        this.plan = batching.plan(lengths, 0);
    }

    /** Builds the batch of the given examples. */
    abstract DataSet build(int[] examples);

    /** The batching settings. */
    public Batching batching() {
        return batching;
    }

    /** Number of examples per epoch. */
    public int numExamples() {
        return lengths.length;
    }

    /** Number of batches per epoch. */
    public int numBatches() {
        return plan.size();
    }

    /** The current epoch, 0 for the first; {@link #reset()} increments it. */
    public int epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        return cursor < plan.size();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches; call reset()");
        }
        DataSet ds = build(plan.get(cursor++));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /** Only the configured batch size is supported, because batches follow the length-bucketing plan. */
    @Override
    public DataSet next(int num) {
        if (num != batching.batchSize()) {
            throw new UnsupportedOperationException("this iterator plans batches of " + batching.batchSize()
                    + " examples; next(" + num + ") is not supported, build it with that batch size instead");
        }
        return next();
    }

    /** Starts the next epoch (a new shuffle when shuffling; the same order otherwise). */
    @Override
    public void reset() {
        epoch++;
        cursor = 0;
        if (batching.shuffle()) {
            plan = batching.plan(lengths, epoch);
        }
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batching.batchSize();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }
}
