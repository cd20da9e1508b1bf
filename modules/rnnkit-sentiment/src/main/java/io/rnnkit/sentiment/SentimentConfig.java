package io.rnnkit.sentiment;

import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.text.WordTokenizer.Contractions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link SentimentClassifier} is built and trained, immutable. Start from {@link #builder()}, which holds
 * the defaults: a lower-casing word tokenizer, 100-dimensional embeddings started from the built-in GloVe vectors
 * ({@value PretrainedVectors#BUILTIN_GLOVE_100D}) and fine-tuned, training words seen at least twice or having a
 * vector (rarer ones train the {@code <unk>} vector), a
 * {@link Encoder#BIDIRECTIONAL_GRU} of 64 units per direction read by {@link Readout#MAX} pooling over all words,
 * dropout 0.3 before the softmax, texts cut to their last 100 words, 10% of the training data held out for early
 * stopping, and Adam at 2e-3 for at most 20 epochs with patience 3. Pooling over every word beat the last step on
 * the UCI sentences, whose verdict is often mid-sentence.
 *
 * @param encoder            the recurrent layer reading the words
 * @param readout            how the encoder's outputs become one vector: its last step, or max/mean pooling over
 *                           all words
 * @param embeddingDim       size of a word vector
 * @param units              hidden size of the recurrent layer (per direction)
 * @param dropout            fraction of the encoder's output dropped in training, in [0, 1)
 * @param maxLength          longest text in words; longer texts keep their <em>last</em> {@code maxLength} words
 *                           (Keras' {@code truncating='pre'}), in training and prediction alike
 * @param lowerCase          whether words are lower-cased
 * @param contractions       whether "don't" stays one word ({@code KEEP}, the default) or becomes "do" + "n't"
 *                           ({@code SPLIT}, as GloVe's vocabulary has it)
 * @param minCount           words seen fewer times in the training data map to {@code <unk>}; at least 1
 * @param maxVocabulary      most vocabulary entries kept, {@code <pad>} and {@code <unk>} included
 * @param trainEmbeddings    whether the embedding is trained (always true for random embeddings)
 * @param vectors            pretrained word vectors that initialise the embedding, or null (or {@code "none"}) for
 *                           random ones: {@value PretrainedVectors#BUILTIN_GLOVE_100D} (the default), the dataset
 *                           name {@value PretrainedVectors#GLOVE_100D} or a word2vec/GloVe file (see
 *                           {@link PretrainedVectors}); their dimension must be {@code embeddingDim}. With vectors,
 *                           a training word that has a vector joins the vocabulary however rare it is
 * @param vectorVocabulary   with {@code vectors}: how many of the vectors' words, in file order (most frequent first
 *                           for GloVe and word2vec), also join the vocabulary when the training data lacks them, so
 *                           a word first met in prediction still has its pretrained vector; 0 for none; ignored
 *                           without vectors
 * @param validationFraction fraction of the training data held out (stratified) to choose the epoch, in [0, 0.5];
 *                           0 trains for exactly {@code training.epochs()} epochs on everything
 * @param training           optimiser, epochs, batch size, early stopping and seed (also seeds the
 *                           validation split, the batch order and the weights)
 */
public record SentimentConfig(Encoder encoder, Readout readout, int embeddingDim, int units, double dropout, int maxLength,
                              boolean lowerCase, Contractions contractions, int minCount, int maxVocabulary,
                              boolean trainEmbeddings, String vectors, int vectorVocabulary,
                              double validationFraction, TrainingConfig training) {

    /** Validates every setting with a one-line message. */
    public SentimentConfig {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(readout, "readout");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(contractions, "contractions");
        if (vectors != null && vectors.isBlank()) {
            throw new IllegalArgumentException("vectors must be null or 'none' (random embeddings) or name vectors ("
                    + io.rnnkit.text.embed.VectorSource.ACCEPTED + "), got ''");
        }
        if (io.rnnkit.text.embed.VectorSource.isNone(vectors)) {
            vectors = null;
        }
        if (vectorVocabulary < 0) {
            throw new IllegalArgumentException("vectorVocabulary must be >= 0, got " + vectorVocabulary);
        }
        positive("embeddingDim", embeddingDim);
        positive("units", units);
        positive("maxLength", maxLength);
        positive("minCount", minCount);
        if (maxVocabulary < 3) {
            throw new IllegalArgumentException("maxVocabulary must be >= 3 (<pad>, <unk> and one word), got " + maxVocabulary);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 0.5], got " + validationFraction);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    /** The defaults (see the class comment). */
    public static SentimentConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.encoder = encoder;
        b.readout = readout;
        b.embeddingDim = embeddingDim;
        b.units = units;
        b.dropout = dropout;
        b.maxLength = maxLength;
        b.lowerCase = lowerCase;
        b.contractions = contractions;
        b.minCount = minCount;
        b.maxVocabulary = maxVocabulary;
        b.trainEmbeddings = trainEmbeddings;
        b.vectors = vectors;
        b.vectorVocabulary = vectorVocabulary;
        b.validationFraction = validationFraction;
        b.training = training;
        return b;
    }

    /** The settings as a flat map for model manifests and benchmark reports. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("encoder", encoder.id());
        m.put("readout", readout.id());
        m.put("embeddingDim", embeddingDim);
        m.put("units", units);
        m.put("dropout", dropout);
        m.put("maxLength", maxLength);
        m.put("lowerCase", lowerCase);
        m.put("contractions", contractions.name());
        m.put("minCount", minCount);
        m.put("maxVocabulary", maxVocabulary);
        m.put("trainEmbeddings", trainEmbeddings);
        if (vectors != null) {
            m.put("vectors", vectors);
            m.put("vectorVocabulary", vectorVocabulary);
        }
        m.put("validationFraction", validationFraction);
        m.put("epochs", training.epochs());
        m.put("batchSize", training.batchSize());
        m.put("optimizer", training.optimizer().name());
        m.put("learningRate", training.learningRate());
        m.put("gradientClipNorm", training.gradientClipNorm());
        m.put("l2", training.l2());
        m.put("patience", training.patience());
        m.put("seed", training.seed());
        return m;
    }

    /**
     * Rebuilds a configuration from {@link #toMap()} output (as stored in a model file); missing keys keep the
     * defaults.
     *
     * @throws IllegalArgumentException for a value of the wrong type or out of range
     */
    public static SentimentConfig fromMap(Map<String, ?> m) {
        Builder b = builder();
        TrainingConfig.Builder t = b.training.toBuilder();
        try {
            if (m.containsKey("encoder")) {
                b.encoder(Encoder.of(String.valueOf(m.get("encoder"))));
            }
            // Models saved before pooling existed read their encoder's last step.
            b.readout(m.containsKey("readout") ? Readout.of(String.valueOf(m.get("readout"))) : Readout.LAST);
            b.embeddingDim = intOr(m, "embeddingDim", b.embeddingDim);
            b.units = intOr(m, "units", b.units);
            b.dropout = doubleOr(m, "dropout", b.dropout);
            b.maxLength = intOr(m, "maxLength", b.maxLength);
            b.lowerCase = m.containsKey("lowerCase") ? Boolean.parseBoolean(String.valueOf(m.get("lowerCase"))) : b.lowerCase;
            b.contractions = m.containsKey("contractions")
                    ? Contractions.valueOf(String.valueOf(m.get("contractions"))) : Contractions.KEEP;
            b.minCount = intOr(m, "minCount", b.minCount);
            b.maxVocabulary = intOr(m, "maxVocabulary", b.maxVocabulary);
            b.trainEmbeddings = m.containsKey("trainEmbeddings")
                    ? Boolean.parseBoolean(String.valueOf(m.get("trainEmbeddings"))) : b.trainEmbeddings;
            b.vectors = m.containsKey("vectors") ? String.valueOf(m.get("vectors")) : null;
            // Absent keys mean what they meant when the file was written, not today's defaults.
            b.vectorVocabulary = intOr(m, "vectorVocabulary", 0);
            b.validationFraction = doubleOr(m, "validationFraction", b.validationFraction);
            TrainingConfig base = b.training;
            t.epochs(intOr(m, "epochs", base.epochs()))
                    .batchSize(intOr(m, "batchSize", base.batchSize()))
                    .learningRate(doubleOr(m, "learningRate", base.learningRate()))
                    .gradientClipNorm(doubleOr(m, "gradientClipNorm", base.gradientClipNorm()))
                    .l2(doubleOr(m, "l2", base.l2()))
                    .patience(intOr(m, "patience", base.patience()))
                    .seed(m.containsKey("seed") ? ((Number) m.get("seed")).longValue() : base.seed());
            if (m.containsKey("optimizer")) {
                t.optimizer(io.rnnkit.nn.train.Optimizer.valueOf(String.valueOf(m.get("optimizer"))));
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("sentiment settings hold a value of the wrong type: " + e.getMessage());
        }
        return b.training(t.build()).build();
    }

    private static int intOr(Map<String, ?> m, String key, int fallback) {
        return m.containsKey(key) ? ((Number) m.get(key)).intValue() : fallback;
    }

    private static double doubleOr(Map<String, ?> m, String key, double fallback) {
        return m.containsKey(key) ? ((Number) m.get(key)).doubleValue() : fallback;
    }

    /** Mutable builder for {@link SentimentConfig}; {@link #build()} validates. */
    public static final class Builder {
        private Encoder encoder = Encoder.BIDIRECTIONAL_GRU;
        private Readout readout = Readout.MAX;
        private int embeddingDim = 100;
        private int units = 64;
        private double dropout = 0.3;
        private int maxLength = 100;
        private boolean lowerCase = true;
        private Contractions contractions = Contractions.KEEP;
        private int minCount = 2;
        private int maxVocabulary = 20_000;
        private boolean trainEmbeddings = true;
        private String vectors = PretrainedVectors.BUILTIN_GLOVE_100D;
        private int vectorVocabulary = 0;
        private double validationFraction = 0.1;
        private TrainingConfig training = TrainingConfig.builder().epochs(20).batchSize(32).learningRate(2e-3)
                .gradientClipNorm(1.0).patience(3).seed(42).build();

        private Builder() {
        }

        public Builder encoder(Encoder value) {
            encoder = value;
            return this;
        }

        public Builder readout(Readout value) {
            readout = value;
            return this;
        }

        public Builder embeddingDim(int value) {
            embeddingDim = value;
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

        public Builder maxLength(int words) {
            maxLength = words;
            return this;
        }

        public Builder lowerCase(boolean value) {
            lowerCase = value;
            return this;
        }

        public Builder contractions(Contractions value) {
            contractions = value;
            return this;
        }

        public Builder vectors(String value) {
            vectors = value;
            return this;
        }

        public Builder vectorVocabulary(int words) {
            vectorVocabulary = words;
            return this;
        }

        public Builder minCount(int value) {
            minCount = value;
            return this;
        }

        public Builder maxVocabulary(int value) {
            maxVocabulary = value;
            return this;
        }

        public Builder trainEmbeddings(boolean value) {
            trainEmbeddings = value;
            return this;
        }

        public Builder validationFraction(double value) {
            validationFraction = value;
            return this;
        }

        public Builder training(TrainingConfig value) {
            training = value;
            return this;
        }

        /** Shorthand: the same training settings with another number of epochs. */
        public Builder epochs(int value) {
            training = training.toBuilder().epochs(value).build();
            return this;
        }

        /** Shorthand: the same training settings with another seed. */
        public Builder seed(long value) {
            training = training.toBuilder().seed(value).build();
            return this;
        }

        public SentimentConfig build() {
            return new SentimentConfig(encoder, readout, embeddingDim, units, dropout, maxLength, lowerCase, contractions,
                    minCount, maxVocabulary, trainEmbeddings, vectors, vectorVocabulary, validationFraction, training);
        }
    }
}
