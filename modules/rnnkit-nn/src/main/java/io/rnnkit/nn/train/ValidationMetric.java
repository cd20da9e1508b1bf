package io.rnnkit.nn.train;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.api.Model;

/**
 * What early stopping and "best epoch" watch on the validation data: the validation loss (the default) or a
 * caller-supplied score such as accuracy.
 *
 * @param name     name shown in metrics, e.g. {@code "val_loss"} or {@code "accuracy"}
 * @param goal     whether lower or higher is better
 * @param function computes the metric from the network (closing over the caller's validation data), or
 *                 {@code null} for the validation loss the trainer computes itself
 */
public record ValidationMetric(String name, Goal goal, ToDoubleFunction<Model> function) {

    /** Direction of improvement. */
    public enum Goal { MINIMIZE, MAXIMIZE }

    public ValidationMetric {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("validation metric name must not be blank");
        }
        Objects.requireNonNull(goal, "goal");
    }

    /** The validation loss, lower is better. */
    public static ValidationMetric loss() {
        return new ValidationMetric("val_loss", Goal.MINIMIZE, null);
    }

    /** A caller metric where higher is better (accuracy, F1...). */
    public static ValidationMetric maximize(String name, ToDoubleFunction<Model> function) {
        return new ValidationMetric(name, Goal.MAXIMIZE, Objects.requireNonNull(function, "function"));
    }

    /** A caller metric where lower is better (error rate, MAE, perplexity...). */
    public static ValidationMetric minimize(String name, ToDoubleFunction<Model> function) {
        return new ValidationMetric(name, Goal.MINIMIZE, Objects.requireNonNull(function, "function"));
    }

    /** Whether this is the validation loss computed by the trainer. */
    public boolean isLoss() {
        return function == null;
    }

    /** Whether {@code candidate} is strictly better than {@code best} (anything beats NaN). */
    boolean improves(double candidate, double best) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(candidate);
        }
        return goal == Goal.MINIMIZE ? candidate < best : candidate > best;
    }
}
