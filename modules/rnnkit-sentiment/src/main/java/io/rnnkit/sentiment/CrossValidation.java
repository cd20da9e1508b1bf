package io.rnnkit.sentiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The result of k-fold cross-validation: one {@link Evaluation} per fold, with the mean and the standard deviation
 * over folds. The standard deviation is the sample one (divided by k − 1).
 *
 * @param folds        evaluation of each fold's model on that fold's test texts, in fold order
 * @param trainSeconds wall-clock training time of each fold's model
 */
public record CrossValidation(List<Evaluation> folds, List<Double> trainSeconds) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CrossValidation {
        folds = List.copyOf(folds);
        trainSeconds = List.copyOf(trainSeconds);
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("cross-validation needs at least one fold");
        }
        if (trainSeconds.size() != folds.size()) {
            throw new IllegalArgumentException("got " + trainSeconds.size() + " training times for " + folds.size() + " folds");
        }
    }

    public double meanAccuracy() {
        return mean(Evaluation::accuracy);
    }

    public double stdAccuracy() {
        return std(Evaluation::accuracy);
    }

    public double meanMacroF1() {
        return mean(Evaluation::macroF1);
    }

    public double stdMacroF1() {
        return std(Evaluation::macroF1);
    }

    /** Mean training time per fold, in seconds. */
    public double meanTrainSeconds() {
        return trainSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** Total training time over all folds, in seconds. */
    public double totalTrainSeconds() {
        return trainSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    private double mean(ToDoubleFunction<Evaluation> metric) {
        return folds.stream().mapToDouble(metric).average().orElse(0);
    }

    private double std(ToDoubleFunction<Evaluation> metric) {
        if (folds.size() < 2) {
            return 0;
        }
        double mean = mean(metric);
        double ss = 0;
        for (Evaluation e : folds) {
            double d = metric.applyAsDouble(e) - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (folds.size() - 1));
    }

    /**
     * Keys {@code k}, {@code accuracy_mean}, {@code accuracy_std}, {@code macro_f1_mean}, {@code macro_f1_std},
     * {@code train_seconds_mean}, {@code train_seconds_total}, {@code fold_accuracy} (list).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", folds.size());
        m.put("accuracy_mean", meanAccuracy());
        m.put("accuracy_std", stdAccuracy());
        m.put("macro_f1_mean", meanMacroF1());
        m.put("macro_f1_std", stdMacroF1());
        m.put("train_seconds_mean", meanTrainSeconds());
        m.put("train_seconds_total", totalTrainSeconds());
        List<Double> acc = new ArrayList<>();
        for (Evaluation e : folds) {
            acc.add(e.accuracy());
        }
        m.put("fold_accuracy", acc);
        return m;
    }

    /** {@link #toMap()} as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write cross-validation as JSON", e);
        }
    }

    @Override
    public String toString() {
        return String.format("CrossValidation[k=%d, accuracy=%.2f ± %.2f %%, macroF1=%.4f ± %.4f]", folds.size(),
                100 * meanAccuracy(), 100 * stdAccuracy(), meanMacroF1(), stdMacroF1());
    }
}
