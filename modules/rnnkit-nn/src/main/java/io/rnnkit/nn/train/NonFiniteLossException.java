package io.rnnkit.nn.train;

/**
 * Training produced a NaN or infinite loss. Training stops at once so that no broken model gets saved.
 */
public class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;

    public NonFiniteLossException(int epoch, int batch, double loss) {
        super("training diverged: loss is " + loss + " at epoch " + epoch + ", batch " + batch
                + "; lower the learning rate, enable gradient clipping or check the data (nothing was saved)");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 1-based epoch where the loss became non-finite. */
    public int epoch() {
        return epoch;
    }

    /** 1-based batch within that epoch. */
    public int batch() {
        return batch;
    }
}
