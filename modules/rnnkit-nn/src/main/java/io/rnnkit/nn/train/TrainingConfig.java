package io.rnnkit.nn.train;

import io.rnnkit.nn.train.monitor.Monitoring;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import java.util.function.ToDoubleFunction;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Collections;

/**
 * Everything the {@link Trainer} needs to know, immutable. Start from {@link #builder()}, which holds the defaults
 * (10 epochs, batch 32, Adam at 1e-3, no clipping, no L2, seed 42, validation loss, no early stopping).
 *
 * @param epochs             total number of epochs (a resumed run continues up to this number)
 * @param timeBudget         stop after the batch that exceeds this wall-clock budget, or {@code null} for none
 * @param batchSize          examples per batch; informational for the trainer (the iterator decides), recorded
 *                           in manifests and used by task code building its iterators
 * @param optimizer          gradient-descent rule
 * @param learningRate       step size of the optimizer
 * @param gradientClipNorm   clip each layer's gradient to this L2 norm, or {@code 0} for no clipping
 * @param l2                 L2 weight penalty on weights (not biases), or {@code 0}
 * @param seed               seed of the trainer's random stream (per-epoch shuffling and dropout)
 * @param validationMetric   metric watched for the best epoch and early stopping
 * @param patience           stop after this many epochs without improvement, or {@code 0} for no early stopping
 * @param restoreBestWeights with early stopping, end with the weights of the best epoch (as Keras'
 *                           {@code restore_best_weights})
 * @param tbpttLength        truncated backpropagation through time segment length, or {@code 0} for full BPTT
 * @param checkpointDir      directory for checkpoints, or {@code null} for none
 * @param checkpointEvery    write a checkpoint every this many epochs (and after the last one)
 * @param progress           progress-bar mode
 * @param monitoring         live UI, stored statistics and report ({@link Monitoring#none()} by default; a trainer
 *                           whose configuration has none uses {@link Monitoring#current()})
 * @param reportedMetrics    task metrics shown beside the losses (e.g. {@code val_bpc}, {@code val_mae},
 *                           {@code val_accuracy}), each computed from the network after every epoch while a live
 *                           view or report is on, and only then: they never change what training does
 */
public record TrainingConfig(int epochs, Duration timeBudget, int batchSize, Optimizer optimizer,
                             double learningRate, double gradientClipNorm, double l2, long seed,
                             ValidationMetric validationMetric, int patience, boolean restoreBestWeights,
                             int tbpttLength, Path checkpointDir, int checkpointEvery, Progress progress,
                             Monitoring monitoring, Map<String, ToDoubleFunction<Model>> reportedMetrics) {

    /** When to draw a progress bar. */
    public enum Progress {
        /** A bar when a console is attached, none otherwise (tests, notebooks, pipes). */
        AUTO,
        /** Always a bar, on standard error. */
        BAR,
        /** Never a bar. */
        QUIET
    }

    public TrainingConfig {
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        positive("checkpointEvery", checkpointEvery);
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
        }
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
        }
        if (!(gradientClipNorm >= 0) || Double.isInfinite(gradientClipNorm)) {
            throw new IllegalArgumentException("gradientClipNorm must be >= 0 (0 = off), got " + gradientClipNorm);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be >= 0 (0 = off), got " + l2);
        }
        Objects.requireNonNull(validationMetric, "validationMetric");
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 (0 = no early stopping), got " + patience);
        }
        if (tbpttLength < 0) {
            throw new IllegalArgumentException("tbpttLength must be >= 0 (0 = full BPTT), got " + tbpttLength);
        }
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(monitoring, "monitoring");
        reportedMetrics = reportedMetrics == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(reportedMetrics));
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.timeBudget = timeBudget;
        b.batchSize = batchSize;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.gradientClipNorm = gradientClipNorm;
        b.l2 = l2;
        b.seed = seed;
        b.validationMetric = validationMetric;
        b.patience = patience;
        b.restoreBestWeights = restoreBestWeights;
        b.tbpttLength = tbpttLength;
        b.checkpointDir = checkpointDir;
        b.checkpointEvery = checkpointEvery;
        b.progress = progress;
        b.monitoring = monitoring;
        b.reportedMetrics = new LinkedHashMap<>(reportedMetrics);
        return b;
    }

    /** Whether early stopping is on. */
    public boolean earlyStopping() {
        return patience > 0;
    }

    /** Mutable builder for {@link TrainingConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int epochs = 10;
        private Duration timeBudget;
        private int batchSize = 32;
        private Optimizer optimizer = Optimizer.ADAM;
        private double learningRate = 1e-3;
        private double gradientClipNorm;
        private double l2;
        private long seed = 42;
        private ValidationMetric validationMetric = ValidationMetric.loss();
        private int patience;
        private boolean restoreBestWeights = true;
        private int tbpttLength;
        private Path checkpointDir;
        private int checkpointEvery = 1;
        private Progress progress = Progress.AUTO;
        private Monitoring monitoring = Monitoring.none();
        private Map<String, ToDoubleFunction<Model>> reportedMetrics = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** Wall-clock budget; CLI tasks map {@code --minutes} here. */
        public Builder timeBudget(Duration value) {
            timeBudget = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder optimizer(Optimizer value) {
            optimizer = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder optimizer(Optimizer rule, double rate) {
            optimizer = rule;
            learningRate = rate;
            return this;
        }

        public Builder gradientClipNorm(double value) {
            gradientClipNorm = value;
            return this;
        }

        public Builder l2(double value) {
            l2 = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder validationMetric(ValidationMetric value) {
            validationMetric = value;
            return this;
        }

        /** Early stopping: stop after {@code epochs} epochs without improvement of the validation metric. */
        public Builder patience(int epochsWithoutImprovement) {
            patience = epochsWithoutImprovement;
            return this;
        }

        public Builder restoreBestWeights(boolean value) {
            restoreBestWeights = value;
            return this;
        }

        public Builder tbpttLength(int steps) {
            tbpttLength = steps;
            return this;
        }

        public Builder checkpointDir(Path value) {
            checkpointDir = value;
            return this;
        }

        public Builder checkpointEvery(int epochsBetween) {
            checkpointEvery = epochsBetween;
            return this;
        }

        public Builder progress(Progress value) {
            progress = value;
            return this;
        }

        /** Live UI ({@code --ui}), stored statistics ({@code --ui-file}) and report ({@code --report}). */
        public Builder monitoring(Monitoring value) {
            monitoring = value;
            return this;
        }

        /**
         * Adds a task metric shown beside the losses while monitoring (see {@link TrainingConfig#reportedMetrics()}),
         * e.g. {@code reportedMetric("val_bpc", net -> …)}.
         */
        public Builder reportedMetric(String name, ToDoubleFunction<Model> function) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a reported metric needs a name");
            }
            reportedMetrics.put(name, Objects.requireNonNull(function, "function"));
            return this;
        }

        /** Shorthand for {@code progress(Progress.QUIET)}. */
        public Builder quiet() {
            progress = Progress.QUIET;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, timeBudget, batchSize, optimizer, learningRate, gradientClipNorm, l2,
                    seed, validationMetric, patience, restoreBestWeights, tbpttLength, checkpointDir,
                    checkpointEvery, progress, monitoring, reportedMetrics);
        }
    }
}
