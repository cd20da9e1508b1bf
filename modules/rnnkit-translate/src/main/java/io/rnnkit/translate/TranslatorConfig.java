package io.rnnkit.translate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.rnnkit.translate.text.Subwords;

/**
 * Hyper-parameters of a {@link Translator}: how each side is split into tokens, the encoder–decoder's sizes, its
 * training and its decoding. Immutable; {@link #builder()} starts from {@link #defaults()}.
 *
 * <p>The network: source tokens → embedding → bidirectional GRU ({@code encoderUnits} per direction); target
 * tokens (teacher forcing: the reference shifted right) → embedding → GRU ({@code decoderUnits}) whose outputs query
 * a scaled dot-product attention over the encoder's outputs (projections to {@code attentionSize}); the GRU output
 * and the attention output go into a second GRU ({@code decoderUnits}) and a softmax over the target tokens.
 *
 * @param sourceUnit      how the source side is split (characters or BPE pieces)
 * @param sourceMerges    BPE merges learned on the source side (ignored for characters)
 * @param targetUnit      how the target side is split
 * @param targetMerges    BPE merges learned on the target side
 * @param maxVocabulary   most frequent tokens kept per side (the rest are unknown)
 * @param embedding       size of both embeddings
 * @param encoderUnits    GRU units per direction of the encoder
 * @param decoderUnits    GRU units of each decoder layer
 * @param attentionSize   size of the attention's query, key and value projections
 * @param maxSourceTokens training pairs with a longer source are left out (translation reads any length)
 * @param maxTargetTokens training pairs with a longer target are left out
 * @param epochs          most passes over the training pairs
 * @param batchSize       pairs per batch (batches group pairs of similar length)
 * @param learningRate    Adam's learning rate
 * @param clipNorm        gradient L2-norm clipping per layer (0 = none)
 * @param patience        epochs without a better validation loss before stopping (0 = never stop early)
 * @param timeBudget      stop training after this wall-clock time, keeping the best epoch; {@code null} = none
 * @param seed            random seed for weights and batch order
 * @param beamWidth       hypotheses kept by the beam search (1 = greedy)
 * @param lengthPenalty   α of the length normalisation: a hypothesis scores log P / length^α
 * @param maxOutputTokens most target tokens a translation may have (it also stops at 3 × source tokens + 10)
 */
public record TranslatorConfig(Subwords.Unit sourceUnit, int sourceMerges, Subwords.Unit targetUnit,
                               int targetMerges, int maxVocabulary, int embedding, int encoderUnits,
                               int decoderUnits, int attentionSize, int maxSourceTokens, int maxTargetTokens,
                               int epochs, int batchSize, double learningRate, double clipNorm, int patience,
                               Duration timeBudget, long seed, int beamWidth, double lengthPenalty,
                               int maxOutputTokens) {

    /** Validates every field with a one-line message. */
    public TranslatorConfig {
        Objects.requireNonNull(sourceUnit, "sourceUnit");
        Objects.requireNonNull(targetUnit, "targetUnit");
        atLeast("sourceMerges", sourceMerges, 0);
        atLeast("targetMerges", targetMerges, 0);
        atLeast("maxVocabulary", maxVocabulary, Subwords.RESERVED.size() + 1);
        atLeast("embedding", embedding, 1);
        atLeast("encoderUnits", encoderUnits, 1);
        atLeast("decoderUnits", decoderUnits, 1);
        atLeast("attentionSize", attentionSize, 1);
        atLeast("maxSourceTokens", maxSourceTokens, 1);
        atLeast("maxTargetTokens", maxTargetTokens, 1);
        atLeast("epochs", epochs, 1);
        atLeast("batchSize", batchSize, 1);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
        }
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipNorm must be >= 0 (0 = none), got " + clipNorm);
        }
        atLeast("patience", patience, 0);
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
        }
        atLeast("beamWidth", beamWidth, 1);
        if (!(lengthPenalty >= 0) || Double.isInfinite(lengthPenalty)) {
            throw new IllegalArgumentException("lengthPenalty must be >= 0, got " + lengthPenalty);
        }
        atLeast("maxOutputTokens", maxOutputTokens, 1);
    }

    /**
     * The settings {@code builtin:translate-en-ko} was trained with: English as BPE pieces (2,000 merges), Korean as
     * syllables (characters), 128-d embeddings, 128 encoder units per direction, 256 decoder units and attention;
     * pairs up to 60 source and 120 target tokens; batch 32, Adam 0.002, clipping 5, up to 40 epochs within 30
     * minutes, stopping after 3 epochs without a better validation loss; beam 4 with α = 1, at most 200 tokens.
     */
    public static TranslatorConfig defaults() {
        return new TranslatorConfig(Subwords.Unit.BPE, 2000, Subwords.Unit.CHARACTERS, 2000, 8000, 128, 128, 256,
                256, 60, 120, 40, 32, 0.002, 5.0, 3, Duration.ofMinutes(30), 42, 4, 1.0, 200);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The fields as a map (the model file's manifest and settings). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceUnit", sourceUnit.id());
        m.put("sourceMerges", sourceMerges);
        m.put("targetUnit", targetUnit.id());
        m.put("targetMerges", targetMerges);
        m.put("maxVocabulary", maxVocabulary);
        m.put("embedding", embedding);
        m.put("encoderUnits", encoderUnits);
        m.put("decoderUnits", decoderUnits);
        m.put("attentionSize", attentionSize);
        m.put("maxSourceTokens", maxSourceTokens);
        m.put("maxTargetTokens", maxTargetTokens);
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("learningRate", learningRate);
        m.put("clipNorm", clipNorm);
        m.put("patience", patience);
        m.put("timeBudgetSeconds", timeBudget == null ? -1 : timeBudget.toSeconds());
        m.put("seed", seed);
        m.put("beamWidth", beamWidth);
        m.put("lengthPenalty", lengthPenalty);
        m.put("maxOutputTokens", maxOutputTokens);
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}; a missing entry takes its default. */
    public static TranslatorConfig fromMap(Map<String, ?> m) {
        Objects.requireNonNull(m, "m");
        TranslatorConfig d = defaults();
        long budget = num(m, "timeBudgetSeconds", d.timeBudget == null ? -1 : d.timeBudget.toSeconds()).longValue();
        return new TranslatorConfig(
                Subwords.Unit.parse(String.valueOf(m.containsKey("sourceUnit") ? m.get("sourceUnit") : d.sourceUnit.id())),
                num(m, "sourceMerges", d.sourceMerges).intValue(),
                Subwords.Unit.parse(String.valueOf(m.containsKey("targetUnit") ? m.get("targetUnit") : d.targetUnit.id())),
                num(m, "targetMerges", d.targetMerges).intValue(),
                num(m, "maxVocabulary", d.maxVocabulary).intValue(), num(m, "embedding", d.embedding).intValue(),
                num(m, "encoderUnits", d.encoderUnits).intValue(), num(m, "decoderUnits", d.decoderUnits).intValue(),
                num(m, "attentionSize", d.attentionSize).intValue(),
                num(m, "maxSourceTokens", d.maxSourceTokens).intValue(),
                num(m, "maxTargetTokens", d.maxTargetTokens).intValue(), num(m, "epochs", d.epochs).intValue(),
                num(m, "batchSize", d.batchSize).intValue(), num(m, "learningRate", d.learningRate).doubleValue(),
                num(m, "clipNorm", d.clipNorm).doubleValue(), num(m, "patience", d.patience).intValue(),
                budget < 0 ? null : Duration.ofSeconds(budget), num(m, "seed", d.seed).longValue(),
                num(m, "beamWidth", d.beamWidth).intValue(), num(m, "lengthPenalty", d.lengthPenalty).doubleValue(),
                num(m, "maxOutputTokens", d.maxOutputTokens).intValue());
    }

    private static Number num(Map<String, ?> m, String key, Number fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("translator config entry '" + key + "' is not a number: " + v);
        }
        return n;
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    /** Builds a {@link TranslatorConfig}; every setter validates when {@link #build()} is called. */
    public static final class Builder {
        private Subwords.Unit sourceUnit;
        private int sourceMerges;
        private Subwords.Unit targetUnit;
        private int targetMerges;
        private int maxVocabulary;
        private int embedding;
        private int encoderUnits;
        private int decoderUnits;
        private int attentionSize;
        private int maxSourceTokens;
        private int maxTargetTokens;
        private int epochs;
        private int batchSize;
        private double learningRate;
        private double clipNorm;
        private int patience;
        private Duration timeBudget;
        private long seed;
        private int beamWidth;
        private double lengthPenalty;
        private int maxOutputTokens;

        private Builder(TranslatorConfig c) {
            sourceUnit = c.sourceUnit;
            sourceMerges = c.sourceMerges;
            targetUnit = c.targetUnit;
            targetMerges = c.targetMerges;
            maxVocabulary = c.maxVocabulary;
            embedding = c.embedding;
            encoderUnits = c.encoderUnits;
            decoderUnits = c.decoderUnits;
            attentionSize = c.attentionSize;
            maxSourceTokens = c.maxSourceTokens;
            maxTargetTokens = c.maxTargetTokens;
            epochs = c.epochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            clipNorm = c.clipNorm;
            patience = c.patience;
            timeBudget = c.timeBudget;
            seed = c.seed;
            beamWidth = c.beamWidth;
            lengthPenalty = c.lengthPenalty;
            maxOutputTokens = c.maxOutputTokens;
        }

        /** How the source side is split, and the BPE merges to learn for it. */
        public Builder source(Subwords.Unit unit, int merges) {
            sourceUnit = unit;
            sourceMerges = merges;
            return this;
        }

        /** How the target side is split, and the BPE merges to learn for it. */
        public Builder target(Subwords.Unit unit, int merges) {
            targetUnit = unit;
            targetMerges = merges;
            return this;
        }

        public Builder maxVocabulary(int value) {
            maxVocabulary = value;
            return this;
        }

        /** Embedding size, encoder units per direction, decoder units and attention size. */
        public Builder sizes(int embeddingSize, int encoder, int decoder, int attention) {
            embedding = embeddingSize;
            encoderUnits = encoder;
            decoderUnits = decoder;
            attentionSize = attention;
            return this;
        }

        /** Training pairs longer than these (in tokens) are left out. */
        public Builder maxTrainingTokens(int source, int target) {
            maxSourceTokens = source;
            maxTargetTokens = target;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
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

        public Builder clipNorm(double value) {
            clipNorm = value;
            return this;
        }

        public Builder patience(int value) {
            patience = value;
            return this;
        }

        /** Wall-clock training limit; {@code null} = none. */
        public Builder timeBudget(Duration value) {
            timeBudget = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder beamWidth(int value) {
            beamWidth = value;
            return this;
        }

        public Builder lengthPenalty(double value) {
            lengthPenalty = value;
            return this;
        }

        public Builder maxOutputTokens(int value) {
            maxOutputTokens = value;
            return this;
        }

        public TranslatorConfig build() {
            return new TranslatorConfig(sourceUnit, sourceMerges, targetUnit, targetMerges, maxVocabulary, embedding,
                    encoderUnits, decoderUnits, attentionSize, maxSourceTokens, maxTargetTokens, epochs, batchSize,
                    learningRate, clipNorm, patience, timeBudget, seed, beamWidth, lengthPenalty, maxOutputTokens);
        }
    }
}
