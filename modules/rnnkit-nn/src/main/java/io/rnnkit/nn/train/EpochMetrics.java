package io.rnnkit.nn.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch achieved, as delivered to {@link TrainingListener#onEpochEnd} and kept in
 * {@link TrainingResult#history()}.
 *
 * @param epoch             1-based epoch number
 * @param trainLoss         mean training loss over the epoch's examples (as DL4J scores it, including L2)
 * @param validationLoss    mean validation loss, or {@code NaN} without validation data
 * @param metricName        name of the watched validation metric
 * @param validationMetric  value of the watched metric ({@code = validationLoss} for the loss), or {@code NaN}
 * @param examples          training examples seen in the epoch
 * @param batches           training batches seen in the epoch
 * @param seconds           wall-clock seconds of the epoch's training (validation excluded)
 * @param examplesPerSecond training throughput
 * @param reported          task metrics computed for a live view or report ({@link TrainingConfig#reportedMetrics()});
 *                          empty otherwise
 */
public record EpochMetrics(int epoch, double trainLoss, double validationLoss, String metricName,
                           double validationMetric, long examples, int batches, double seconds,
                           double examplesPerSecond, Map<String, Double> reported) {

    public EpochMetrics {
        reported = reported == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(reported));
    }

    /** An epoch without reported task metrics. */
    public EpochMetrics(int epoch, double trainLoss, double validationLoss, String metricName, double validationMetric,
                        long examples, int batches, double seconds, double examplesPerSecond) {
        this(epoch, trainLoss, validationLoss, metricName, validationMetric, examples, batches, seconds,
                examplesPerSecond, Map.of());
    }
}
