package io.rnnkit.nn.train;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;

/**
 * Outcome of {@link Trainer#fit} or {@link Trainer#resume}.
 *
 * @param network        the trained network (the same object that was passed in, or the one restored by resume);
 *                       holds the best epoch's weights when early stopping restored them
 * @param history        metrics of every epoch, including those before a resume
 * @param bestEpoch      epoch with the best validation metric, or the last epoch without validation data
 * @param bestMetric     the watched metric at {@code bestEpoch} ({@code NaN} without validation data)
 * @param stopReason     why training stopped
 * @param lastCheckpoint the last checkpoint written, or {@code null}
 */
public record TrainingResult(Model network, List<EpochMetrics> history, int bestEpoch, double bestMetric,
                             StopReason stopReason, Path lastCheckpoint) {

    public TrainingResult {
        history = List.copyOf(history);
    }

    /** Metrics of the last epoch run. */
    public EpochMetrics last() {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch was run");
        }
        return history.get(history.size() - 1);
    }
}
