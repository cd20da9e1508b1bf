package io.rnnkit.forecast;

import io.rnnkit.nn.train.EpochShuffling;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Mini-batches of windows held in memory. The order is reshuffled each epoch from the trainer's seed; since
 * every window lies inside one period of the time split, shuffling never mixes periods.
 */
final class WindowIterator implements DataSetIterator, EpochShuffling {
    private static final long serialVersionUID = 1L;

    /** Windows {@code [example][step][feature]}. */
    private final float[][][] x;
    private final double[][] y;
    private final int batch;
    private final int[] order;
    private int cursor;

    WindowIterator(float[][][] x, double[][] y, int batch) {
        this.x = x;
        this.y = y;
        this.batch = batch;
        this.order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    @Override
    public void shuffle(long seed) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Override
    public boolean hasNext() {
        return cursor < x.length;
    }

    @Override
    public DataSet next() {
        return next(batch);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = Math.min(num, x.length - cursor);
        float[][][] bx = new float[n][][];
        double[][] by = new double[n][];
        for (int i = 0; i < n; i++) {
            bx[i] = x[order[cursor + i]];
            by[i] = y[order[cursor + i]];
        }
        cursor += n;
        return new DataSet(ForecastNetwork.tensor(bx), ForecastNetwork.matrix(by));
    }

    @Override
    public int inputColumns() {
        return x[0][0].length;
    }

    @Override
    public int totalOutcomes() {
        return y[0].length;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("windows are normalised before batching");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
