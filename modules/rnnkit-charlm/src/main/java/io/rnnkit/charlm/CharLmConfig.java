package io.rnnkit.charlm;

import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.text.CharTokenizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to build and train a {@link CharLanguageModel}; immutable. Start from {@link #builder()}; its defaults
 * ({@link #defaults()}) are the settings {@code builtin:charlm} was trained with, chosen by measurement on Moby Dick
 * (see docs/charlm.md): one LSTM layer of 512 units, one-hot characters, dropout 0.25, windows of 100 characters,
 * batch 32, Adam at 2e-3, gradient norm clipped at 5, early stopping after 4 epochs without improvement (what
 * normally ends training; 1000 epochs and 90 minutes are only backstops). {@code rnnkit charlm train} takes its
 * defaults from here, so the command line and the library cannot drift apart.
 *
 * @param cell               LSTM or GRU
 * @param layers             number of stacked recurrent layers
 * @param units              hidden units per layer
 * @param dropout            fraction dropped after each recurrent layer during training (0 = none)
 * @param embeddingDim       size of a learned character embedding, or 0 to feed characters one-hot
 * @param sequenceLength     characters per training window
 * @param tbpttLength        truncated-BPTT segment length inside a window (state carried across segments), or 0 for
 *                           full backpropagation through each window
 * @param batchSize          windows per batch
 * @param learningRate       Adam step size
 * @param gradientClipNorm   per-layer gradient L2-norm limit, or 0 for none
 * @param epochs             maximum number of passes over the training text
 * @param timeBudget         wall-clock budget for training, or null for none (checked after every batch)
 * @param patience           early stopping: epochs without validation improvement before stopping, 0 = off
 * @param validationFraction with {@link CharLanguageModel#train(CharLmConfig, String)}: the fraction at the end of
 *                           the text held out for validation (0 = no validation)
 * @param minCharCount       characters seen fewer times in training become {@code <unk>}
 * @param seed               seed for initialisation, shuffling and dropout
 * @param checkpointDir      where to write a checkpoint after every epoch, or null for none
 * @param progress           terminal progress bar mode
 * @param unit               what one character of the model is: {@link CharTokenizer.Unit#CODE_POINT} (a Hangul
 *                           syllable is one character) or {@link CharTokenizer.Unit#JAMO} (a syllable is read and
 *                           written as its two or three letters; see {@link io.rnnkit.text.Hangul})
 */
public record CharLmConfig(Cell cell, int layers, int units, double dropout, int embeddingDim, int sequenceLength,
                           int tbpttLength, int batchSize, double learningRate, double gradientClipNorm, int epochs,
                           Duration timeBudget, int patience, double validationFraction, int minCharCount, long seed,
                           Path checkpointDir, TrainingConfig.Progress progress, CharTokenizer.Unit unit) {

    /** Validates every field with a one-line message. */
    public CharLmConfig {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(unit, "unit");
        if (unit == CharTokenizer.Unit.GRAPHEME) {
            throw new IllegalArgumentException("a character model reads code points or jamo, not graphemes: use unit "
                    + "code_point or jamo");
        }
        atLeast("layers", layers, 1);
        atLeast("units", units, 1);
        atLeast("embeddingDim", embeddingDim, 0);
        atLeast("sequenceLength", sequenceLength, 1);
        atLeast("tbpttLength", tbpttLength, 0);
        atLeast("batchSize", batchSize, 1);
        atLeast("epochs", epochs, 1);
        atLeast("patience", patience, 0);
        atLeast("minCharCount", minCharCount, 1);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
        }
        if (!(gradientClipNorm >= 0) || Double.isInfinite(gradientClipNorm)) {
            throw new IllegalArgumentException("gradientClipNorm must be >= 0 (0 = off), got " + gradientClipNorm);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
        }
        if (tbpttLength > sequenceLength) {
            throw new IllegalArgumentException("tbpttLength (" + tbpttLength + ") must not exceed sequenceLength ("
                    + sequenceLength + ")");
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    /** A builder holding the defaults ({@link #defaults()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: {@code builtin:charlm}'s settings (see the class comment). */
    public static CharLmConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cell = cell;
        b.layers = layers;
        b.units = units;
        b.dropout = dropout;
        b.embeddingDim = embeddingDim;
        b.sequenceLength = sequenceLength;
        b.tbpttLength = tbpttLength;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.gradientClipNorm = gradientClipNorm;
        b.epochs = epochs;
        b.timeBudget = timeBudget;
        b.patience = patience;
        b.validationFraction = validationFraction;
        b.minCharCount = minCharCount;
        b.seed = seed;
        b.checkpointDir = checkpointDir;
        b.progress = progress;
        b.unit = unit;
        return b;
    }

    /** The trainer's configuration for this model. */
    public TrainingConfig trainingConfig() {
        return TrainingConfig.builder()
                .epochs(epochs)
                .timeBudget(timeBudget)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .gradientClipNorm(gradientClipNorm)
                .seed(seed)
                .patience(patience)
                .tbpttLength(tbpttLength)
                .checkpointDir(checkpointDir)
                .progress(progress)
                .build();
    }

    /** The settings as a flat map (manifest hyper-parameters, JSON reports). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", cell.name().toLowerCase(Locale.ROOT));
        m.put("layers", layers);
        m.put("units", units);
        m.put("dropout", dropout);
        m.put("embeddingDim", embeddingDim);
        m.put("sequenceLength", sequenceLength);
        m.put("tbpttLength", tbpttLength);
        m.put("batchSize", batchSize);
        m.put("learningRate", learningRate);
        m.put("gradientClipNorm", gradientClipNorm);
        m.put("epochs", epochs);
        m.put("minutes", timeBudget == null ? null : timeBudget.toMillis() / 60000.0);
        m.put("patience", patience);
        m.put("validationFraction", validationFraction);
        m.put("minCharCount", minCharCount);
        m.put("seed", seed);
        m.put("unit", unit.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        // builtin:charlm's settings (scripts/train-models runs `rnnkit charlm train` with these defaults).
        private Cell cell = Cell.LSTM;
        private int layers = 1;
        private int units = 512;
        private double dropout = 0.25;
        private int embeddingDim;
        private int sequenceLength = 100;
        private int tbpttLength;
        private int batchSize = 32;
        private double learningRate = 2e-3;
        private double gradientClipNorm = 5.0;
        private int epochs = 1000;
        private Duration timeBudget = Duration.ofMinutes(90);
        private int patience = 4;
        private double validationFraction = TextSplit.STANDARD_VALIDATION;
        private int minCharCount = 1;
        private long seed = 42;
        private Path checkpointDir;
        private TrainingConfig.Progress progress = TrainingConfig.Progress.AUTO;
        private CharTokenizer.Unit unit = CharTokenizer.Unit.CODE_POINT;

        private Builder() {
        }

        public Builder cell(Cell value) {
            cell = value;
            return this;
        }

        public Builder layers(int value) {
            layers = value;
            return this;
        }

        public Builder units(int value) {
            units = value;
            return this;
        }

        public Builder dropout(double value) {
            dropout = value;
            return this;
        }

        /** Learned embedding of this size instead of one-hot input; 0 for one-hot. */
        public Builder embeddingDim(int value) {
            embeddingDim = value;
            return this;
        }

        public Builder sequenceLength(int value) {
            sequenceLength = value;
            return this;
        }

        public Builder tbpttLength(int value) {
            tbpttLength = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder gradientClipNorm(double value) {
            gradientClipNorm = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** Wall-clock training budget, or null for none. */
        public Builder timeBudget(Duration value) {
            timeBudget = value;
            return this;
        }

        /** Shorthand for a budget in (possibly fractional) minutes. */
        public Builder minutes(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("minutes must be a positive number, got " + value);
            }
            timeBudget = Duration.ofMillis(Math.round(value * 60_000));
            return this;
        }

        public Builder patience(int value) {
            patience = value;
            return this;
        }

        public Builder validationFraction(double value) {
            validationFraction = value;
            return this;
        }

        public Builder minCharCount(int value) {
            minCharCount = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder checkpointDir(Path value) {
            checkpointDir = value;
            return this;
        }

        public Builder progress(TrainingConfig.Progress value) {
            progress = value;
            return this;
        }

        /** Code points (the default; a Hangul syllable is one character) or jamo (Korean by its letters). */
        public Builder unit(CharTokenizer.Unit value) {
            unit = value;
            return this;
        }

        /** No progress bar. */
        public Builder quiet() {
            progress = TrainingConfig.Progress.QUIET;
            return this;
        }

        public CharLmConfig build() {
            return new CharLmConfig(cell, layers, units, dropout, embeddingDim, sequenceLength, tbpttLength, batchSize,
                    learningRate, gradientClipNorm, epochs, timeBudget, patience, validationFraction, minCharCount,
                    seed, checkpointDir, progress, unit);
        }
    }
}
