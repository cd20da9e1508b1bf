package io.rnnkit.tagger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Hyper-parameters of a {@link PosTagger}: the network (word and character-affix embeddings, a bidirectional
 * LSTM over the sentence, a per-token softmax) and its training.
 *
 * <p>Unknown and rare words are handled by sub-word features: the word's shape (e.g. {@code Xx} for
 * "Google", {@code dd} for "1960"), its prefixes of 1–3 and suffixes of 1–4 characters, each hashed into
 * {@code hashBuckets} rows of its own embedding table. During training, words seen only once are replaced by the
 * unknown-word index with probability {@code wordDropout}, so the network learns to tag from those features alone.
 *
 * @param wordDim        size of the word embedding
 * @param featureDim     size of each shape/affix embedding
 * @param hiddenSize     LSTM units per direction
 * @param maxVocabulary  most frequent lower-cased word forms kept (others are unknown)
 * @param hashBuckets    rows of each affix/shape embedding table
 * @param wordDropout    probability of hiding a once-seen word during training
 * @param dropout        dropout rate on the BiLSTM outputs during training (0 = none)
 * @param epochs         maximum passes over the training data
 * @param batchSize      sentences per training batch (batches group sentences of similar length)
 * @param learningRate   Adam learning rate
 * @param patience       epochs without validation improvement before stopping (needs validation data)
 * @param timeBudget     stop training after this wall-clock time, keeping the best model so far; {@code null} = none
 * @param seed           random seed for weights, shuffling and word dropout
 */
public record TaggerConfig(int wordDim, int featureDim, int hiddenSize, int maxVocabulary, int hashBuckets,
                           double wordDropout, double dropout, int epochs, int batchSize, double learningRate,
                           int patience, Duration timeBudget, long seed) {

    /** Validates every field with a one-line message. */
    public TaggerConfig {
        positive("wordDim", wordDim);
        positive("featureDim", featureDim);
        positive("hiddenSize", hiddenSize);
        positive("maxVocabulary", maxVocabulary);
        if (hashBuckets < 2) {
            throw new IllegalArgumentException("hashBuckets must be at least 2, got " + hashBuckets);
        }
        if (!(wordDropout >= 0 && wordDropout < 1)) {
            throw new IllegalArgumentException("wordDropout must be in [0, 1), got " + wordDropout);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
        }
        positive("patience", patience);
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
        }
    }

    /**
     * Defaults, exactly the settings {@code builtin:tagger} was trained with (a test compares them with its
     * manifest): 48-d word embeddings (the 10,000 most frequent words), 16-d feature embeddings in 2,048 hash
     * buckets, 48 LSTM units per direction (whose recurrent weights fit the L1 cache when tagging), word dropout 0.3,
     * dropout 0.1, batch 32, Adam 0.005, seed 42; up to 30 epochs within 40 minutes, stopping after 2 epochs without
     * a better validation accuracy (on the Brown split that is 5 epochs, about 9 minutes on one core).
     */
    public static TaggerConfig defaults() {
        return new TaggerConfig(48, 16, 48, 10_000, 2048, 0.3, 0.1, 30, 32, 0.005, 2, Duration.ofMinutes(40), 42);
    }

    /** A copy with another number of epochs. */
    public TaggerConfig withEpochs(int value) {
        return new TaggerConfig(wordDim, featureDim, hiddenSize, maxVocabulary, hashBuckets, wordDropout, dropout,
                value, batchSize, learningRate, patience, timeBudget, seed);
    }

    /** A copy with another LSTM size per direction. */
    public TaggerConfig withHiddenSize(int value) {
        return new TaggerConfig(wordDim, featureDim, value, maxVocabulary, hashBuckets, wordDropout, dropout,
                epochs, batchSize, learningRate, patience, timeBudget, seed);
    }

    /** A copy with other embedding sizes. */
    public TaggerConfig withEmbeddings(int words, int features) {
        return new TaggerConfig(words, features, hiddenSize, maxVocabulary, hashBuckets, wordDropout, dropout,
                epochs, batchSize, learningRate, patience, timeBudget, seed);
    }

    /** A copy with another vocabulary cap and affix/shape table size (smaller models, smaller files). */
    public TaggerConfig withVocabulary(int maxWords, int buckets) {
        return new TaggerConfig(wordDim, featureDim, hiddenSize, maxWords, buckets, wordDropout, dropout,
                epochs, batchSize, learningRate, patience, timeBudget, seed);
    }

    /** A copy with another batch size and learning rate. */
    public TaggerConfig withOptimizer(int batch, double rate) {
        return new TaggerConfig(wordDim, featureDim, hiddenSize, maxVocabulary, hashBuckets, wordDropout, dropout,
                epochs, batch, rate, patience, timeBudget, seed);
    }

    /** A copy that stops training after {@code budget} (keeping the best model so far). */
    public TaggerConfig withTimeBudget(Duration budget) {
        return new TaggerConfig(wordDim, featureDim, hiddenSize, maxVocabulary, hashBuckets, wordDropout, dropout,
                epochs, batchSize, learningRate, patience, budget, seed);
    }

    /** A copy with another seed. */
    public TaggerConfig withSeed(long value) {
        return new TaggerConfig(wordDim, featureDim, hiddenSize, maxVocabulary, hashBuckets, wordDropout, dropout,
                epochs, batchSize, learningRate, patience, timeBudget, value);
    }

    /** The fields as a map (for the model file's manifest). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wordDim", wordDim);
        m.put("featureDim", featureDim);
        m.put("hiddenSize", hiddenSize);
        m.put("maxVocabulary", maxVocabulary);
        m.put("hashBuckets", hashBuckets);
        m.put("wordDropout", wordDropout);
        m.put("dropout", dropout);
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("learningRate", learningRate);
        m.put("patience", patience);
        m.put("timeBudgetSeconds", timeBudget == null ? -1 : timeBudget.toSeconds());
        m.put("seed", seed);
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}. */
    public static TaggerConfig fromMap(Map<String, ?> m) {
        Objects.requireNonNull(m, "m");
        long budget = num(m, "timeBudgetSeconds").longValue();
        return new TaggerConfig(num(m, "wordDim").intValue(), num(m, "featureDim").intValue(),
                num(m, "hiddenSize").intValue(), num(m, "maxVocabulary").intValue(), num(m, "hashBuckets").intValue(),
                num(m, "wordDropout").doubleValue(), num(m, "dropout").doubleValue(), num(m, "epochs").intValue(),
                num(m, "batchSize").intValue(), num(m, "learningRate").doubleValue(), num(m, "patience").intValue(),
                budget < 0 ? null : Duration.ofSeconds(budget), num(m, "seed").longValue());
    }

    private static Number num(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("tagger config entry '" + key + "' is missing or not a number: " + v);
        }
        return n;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
