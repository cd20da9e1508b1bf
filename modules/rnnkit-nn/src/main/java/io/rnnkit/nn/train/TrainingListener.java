package io.rnnkit.nn.train;

import java.util.Objects;
import java.util.function.Consumer;

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

    /** A listener for epoch ends only: {@code TrainingListener.onEpoch(m -> System.out.println(m))}. */
    static TrainingListener onEpoch(Consumer<EpochMetrics> action) {
        Objects.requireNonNull(action, "action");
        return new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                action.accept(metrics);
            }
        };
    }
}
