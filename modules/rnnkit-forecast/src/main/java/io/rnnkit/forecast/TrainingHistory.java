package io.rnnkit.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened during training. Losses are mean squared errors on the normalised scale.
 *
 * @param epochs     one entry per completed epoch
 * @param bestEpoch  the 1-based epoch whose weights were kept (lowest validation loss)
 * @param seconds    wall-clock training time
 * @param stopReason why training ended: {@code completed} (all epochs ran), {@code early stopped} or
 *                   {@code time budget}
 */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, double seconds, String stopReason) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** One epoch's losses. */
    public record Epoch(int epoch, double trainLoss, double validationLoss) {
    }

    /** The validation loss of the kept weights. */
    public double bestValidationLoss() {
        return epochs.get(bestEpoch - 1).validationLoss();
    }

    /** The history as plain values for JSON. */
    public Map<String, Object> toMap() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Epoch e : epochs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("loss", e.trainLoss());
            row.put("val_loss", e.validationLoss());
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", rows);
        m.put("best_epoch", bestEpoch);
        m.put("seconds", seconds);
        m.put("stop_reason", stopReason);
        return m;
    }
}
