package io.rnnkit.nn.train;

/** Receives training progress; every method has a no-op default so callers implement only what they need. */
public interface TrainingListener {

    /** Called after each epoch (after validation and any checkpoint). */
    default void onEpochEnd(EpochMetrics metrics) {
    }

    /** Called after each training batch with that batch's loss. */
    default void onBatchEnd(int epoch, int batch, double loss) {
    }

    /** Called once when training ends normally (not when it fails). */
    default void onTrainingEnd(TrainingResult result) {
    }
}
