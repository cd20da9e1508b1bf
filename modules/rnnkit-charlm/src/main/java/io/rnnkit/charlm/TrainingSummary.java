package io.rnnkit.charlm;

import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.StopReason;
import java.util.List;

/**
 * How a {@link CharLanguageModel} was trained, kept with a freshly trained model.
 *
 * @param history        the trainer's metrics for every epoch (losses are DL4J scores: nats per window)
 * @param validationBpc  per epoch, the validation bits per character with the state reset at every window
 *                       (a little above {@link CharLanguageModel#evaluate}, which carries the state); empty
 *                       without validation text
 * @param stopReason     why training stopped
 * @param bestEpoch      the epoch whose weights the model holds (the best one when early stopping restored it)
 * @param trainChars     training characters (code points) per epoch
 * @param seconds        wall-clock training time, validation included
 * @param charsPerSecond training characters processed per second of training (validation excluded)
 */
public record TrainingSummary(List<EpochMetrics> history, List<Double> validationBpc, StopReason stopReason,
                              int bestEpoch, long trainChars, double seconds, double charsPerSecond) {

    /** Copies the lists. */
    public TrainingSummary {
        history = List.copyOf(history);
        validationBpc = List.copyOf(validationBpc);
    }
}
