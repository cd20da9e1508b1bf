package io.rnnkit.tagger;

/**
 * What {@link PosTagger#train} reports after each epoch.
 *
 * @param epoch              1-based epoch
 * @param batches            batches fitted in this epoch
 * @param meanLoss           mean training loss over those batches
 * @param validationAccuracy accuracy on the validation sentences, or NaN without validation data
 * @param seconds            wall-clock seconds since training started
 * @param tokensPerSecond    training throughput of this epoch
 */
public record TrainingProgress(int epoch, int batches, double meanLoss, double validationAccuracy, double seconds,
                               double tokensPerSecond) {
}
