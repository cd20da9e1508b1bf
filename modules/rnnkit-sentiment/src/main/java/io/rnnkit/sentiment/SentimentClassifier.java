package io.rnnkit.sentiment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.nn.Bidirectional;
import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Dropout;
import io.rnnkit.nn.Embedding;
import io.rnnkit.nn.GlobalPooling;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.Recurrent;
import io.rnnkit.nn.Summary;
import io.rnnkit.nn.io.DataFingerprint;
import io.rnnkit.nn.io.LoadedModel;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.Trainer;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingResult;
import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.Vocabulary;
import io.rnnkit.text.WordTokenizer;
import io.rnnkit.text.embed.OovPolicy;
import io.rnnkit.text.embed.WordVectors;
import io.rnnkit.text.encode.Batching;
import io.rnnkit.text.encode.PadSpec;
import io.rnnkit.text.encode.SequenceClassificationIterator;
import io.rnnkit.text.io.LabelledText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;

/**
 * A many-to-one text classifier: word tokenizer + vocabulary → embedding → LSTM/GRU (optionally bidirectional),
 * read at the last word or max/mean-pooled over all words ({@link Readout}) → softmax over the labels found in the
 * training data. The defaults ({@link SentimentConfig#defaults()}) are a bidirectional GRU with max pooling.
 *
 * <pre>{@code
 * List<LabelledText> data = SentimentData.uciSentences();
 * SentimentClassifier model = SentimentClassifier.train(SentimentConfig.defaults(), data);
 * Sentiment s = model.predict("The food was great and the staff friendly.");
 * s.label();          // "1"
 * s.probabilities();  // {0=0.04, 1=0.96}
 * model.save(Path.of("sentiment.rnnk"));
 * }</pre>
 *
 * <p>Prediction policies:
 * <ul>
 *   <li><b>Unknown words</b> (not in the vocabulary: seen fewer than {@code minCount} times in training without a
 *       pretrained vector, or never seen and not among the {@code vectorVocabulary} words added from the vectors)
 *       are read as {@code <unk>}, whose vector is trained on the rare training words;
 *       {@link Sentiment#unknownWords()} counts them. Training words that have no pretrained vector start from
 *       seeded random values with the vectors' spread ({@link OovPolicy#RANDOM}) and are trained.</li>
 *   <li><b>Long texts</b>: a text of more than {@code maxLength} words keeps its last {@code maxLength} words (the
 *       end of a review usually carries its verdict), exactly as in training; {@link Sentiment#truncated()} says so.</li>
 *   <li><b>Empty text</b> (no words: empty or only whitespace) has nothing to classify and is rejected with an
 *       {@link IllegalArgumentException}, rather than answered with a guess.</li>
 *   <li><b>Batches</b>: {@link #predictAll} runs every text at its own length (no padding), so a batch gives
 *       exactly the probabilities of each text alone, for every encoder.</li>
 * </ul>
 *
 * <p>Labels are kept as written in the data ({@code "1"}/{@code "-1"}, {@code "pos"}/{@code "neg"}, any number of
 * classes) and ordered numerically when all are numbers, else alphabetically.
 *
 * <p>Predictions run on rnnkit's inference engine ({@link InferenceNetwork}), a snapshot of the weights taken when
 * the classifier is trained or loaded: one instance may serve any number of threads at once. The DL4J network
 * ({@link #network()}) is for training and inspection; changing its weights does not change predictions.
 */
public final class SentimentClassifier {
    /** Task name in model-file manifests. */
    public static final String TASK = "sentiment";
    static final String SETTINGS_ENTRY = "sentiment.json";
    static final String TOKENIZER_ENTRY = "tokenizer.json";
    static final String VOCAB_ENTRY = "vocab.txt";
    static final String LABELS_ENTRY = "labels.txt";
    /** Largest number of texts run through the network at once in prediction. */
    private static final int PREDICT_BATCH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SentimentConfig config;
    private final Tokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final Labels labels;
    private final MultiLayerNetwork network;
    /** The network's weights as the inference engine's snapshot: what every prediction runs on. */
    private final InferenceNetwork engine;
    private final List<EpochMetrics> history;
    /** sha256 and size of the training texts and labels; null when loaded from a file that lacks it. */
    private final DataFingerprint trainingData;
    /** The scores on the held-out validation texts; null without a validation split and for a loaded model. */
    private final Evaluation validation;
    /** Scores recorded in the model file's manifest ({@code val_accuracy}, {@code cv_accuracy}, …). */
    private final Map<String, Double> scores;

    private SentimentClassifier(SentimentConfig config, Tokenizer tokenizer, Vocabulary vocabulary, Labels labels,
                                MultiLayerNetwork network, List<EpochMetrics> history, DataFingerprint trainingData,
                                Evaluation validation, Map<String, Double> scores) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.labels = labels;
        this.network = network;
        this.engine = InferenceNetwork.of(network);
        this.history = List.copyOf(history);
        this.trainingData = trainingData;
        this.validation = validation;
        this.scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));   // kept in order
    }

    // ------------------------------------------------------------------------------------------- training

    /**
     * Trains a classifier on {@code data}, with the embedding initialised from {@link SentimentConfig#vectors()}
     * when set, else random.
     *
     * @throws io.rnnkit.datasets.Datasets.MissingDatasetException when the vectors name a dataset not fetched
     *
     * @throws IllegalArgumentException for no data, a single label, or a text without words (naming its location)
     */
    public static SentimentClassifier train(SentimentConfig config, List<LabelledText> data) {
        return train(config, data, null);
    }

    /**
     * Trains a classifier whose embedding starts from {@code pretrained} ({@code [vocabulary size, embeddingDim]}
     * rows in the order of the vocabulary built from {@code data}).
     *
     * @param pretrained builds the initial embedding matrix for the vocabulary, or null for
     *                   {@link SentimentConfig#vectors()} (random embeddings when that is null too)
     */
    public static SentimentClassifier train(SentimentConfig config, List<LabelledText> data,
                                            EmbeddingInitializer pretrained) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no training texts");
        }
        Labels labels = Labels.of(data);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("the training data has only the label '" + labels.name(0)
                    + "'; a classifier needs at least two");
        }
        Tokenizer tokenizer = new WordTokenizer(config.lowerCase(), config.contractions());
        long seed = config.training().seed();
        if (pretrained == null && config.vectors() != null) {
            pretrained = EmbeddingInitializer.of(PretrainedVectors.load(config.vectors()), OovPolicy.RANDOM, seed);
        }
        List<List<String>> words = new ArrayList<>(data.size());
        for (LabelledText t : data) {
            words.add(wordsOf(tokenizer, t.text(), t.location().toString()));
        }
        int[] classes = labels.indicesOf(data);

        StratifiedSplit.Split split = config.validationFraction() > 0
                ? StratifiedSplit.holdOut(data.stream().map(LabelledText::label).toList(), config.validationFraction(), seed)
                : new StratifiedSplit.Split(range(data.size()), new int[0]);
        int[] trainIdx = split.train();
        int[] validIdx = split.test();

        Vocabulary vocabulary = vocabulary(config, words, trainIdx, pretrained);

        float[][] initial = pretrained == null ? null : pretrained.weights(vocabulary, config.embeddingDim());
        NetworkSpec spec = networkSpec(config, vocabulary.size(), labels.size(), initial);
        MultiLayerNetwork network = spec.build(seed).network();

        PadSpec padding = PadSpec.upTo(config.maxLength());
        int batch = config.training().batchSize();
        SequenceClassificationIterator train = iterator(words, classes, trainIdx, vocabulary, labels, padding,
                Batching.bucketed(batch, seed));
        SequenceClassificationIterator valid = validIdx.length == 0 ? null
                : iterator(words, classes, validIdx, vocabulary, labels, padding, new Batching(batch, true, false, seed));
        TrainingConfig training = config.training();
        if (validIdx.length > 0) {
            // Shown per epoch by --ui and --report (only then computed): accuracy on the held-out texts.
            List<LabelledText> held = StratifiedSplit.select(data, validIdx);
            training = training.toBuilder().reportedMetric("val_accuracy", m -> new SentimentClassifier(config,
                    tokenizer, vocabulary, labels, (MultiLayerNetwork) m, List.of(), null, null, Map.of())
                    .evaluate(held).accuracy()).build();
        }
        TrainingResult result = new Trainer(training).fit(network, train, valid);
        SentimentClassifier model = new SentimentClassifier(config, tokenizer, vocabulary, labels, network,
                result.history(), fingerprint(data), null, Map.of());
        if (validIdx.length == 0) {
            return model;
        }
        // The held-out texts chose the epoch, so their score is the validation figure, not a test score.
        Evaluation validation = model.evaluate(StratifiedSplit.select(data, validIdx));
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("val_accuracy", validation.accuracy());
        scores.put("val_macro_f1", validation.macroF1());
        scores.put("val_n", (double) validIdx.length);
        return new SentimentClassifier(config, tokenizer, vocabulary, labels, network, result.history(),
                model.trainingData, validation, scores);
    }

    /**
     * This model with {@code more} scores added to those its model file will record (e.g. the
     * {@code cv_accuracy} of its configuration on the same data); keys are snake_case metric names.
     */
    public SentimentClassifier withScores(Map<String, Double> more) {
        Map<String, Double> all = new LinkedHashMap<>(scores);
        all.putAll(Objects.requireNonNull(more, "more"));
        return new SentimentClassifier(config, tokenizer, vocabulary, labels, network, history, trainingData,
                validation, all);
    }

    /**
     * The training words seen at least {@code minCount} times, or at least once when {@code pretrained} has their
     * vector, cut to {@code maxVocabulary}; then the first {@code vectorVocabulary} words of the vectors that are
     * not yet in (counted once, as if seen once).
     */
    static Vocabulary vocabulary(SentimentConfig config, List<List<String>> words, int[] trainIdx,
                                 EmbeddingInitializer pretrained) {
        Map<String, Long> counts = new HashMap<>();
        for (int i : trainIdx) {
            for (String w : words.get(i)) {
                counts.merge(w, 1L, Long::sum);
            }
        }
        Vocabulary.Builder vb = Vocabulary.builder().maxSize(config.maxVocabulary());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= config.minCount() || (pretrained != null && pretrained.covers(e.getKey()))) {
                vb.add(e.getKey(), e.getValue());
            }
        }
        Vocabulary trained = vb.build();
        if (config.vectorVocabulary() == 0 || pretrained == null) {
            return trained;
        }
        Vocabulary.Builder all = Vocabulary.builder();
        for (String t : trained.tokens().subList(Vocabulary.RESERVED, trained.size())) {
            all.add(t, trained.count(t));
        }
        int added = 0;
        for (String w : pretrained.words()) {
            if (added == config.vectorVocabulary()) {
                break;
            }
            if (!trained.contains(w)) {
                all.add(w, 1);
                added++;
            }
        }
        return all.build();
    }

    /** The training data's fingerprint: every text and label, in order, one {@code label<TAB>text} line each. */
    private static DataFingerprint fingerprint(List<LabelledText> data) {
        StringBuilder sb = new StringBuilder();
        for (LabelledText t : data) {
            sb.append(t.label()).append('\t').append(t.text()).append('\n');
        }
        return DataFingerprint.ofStrings(sb.toString());
    }

    /**
     * Builds the initial embedding matrix for a vocabulary, e.g. from Word2Vec vectors.
     */
    @FunctionalInterface
    public interface EmbeddingInitializer {
        /**
         * The weights, one row of {@code dim} values per vocabulary entry in index order (row 0 is padding).
         *
         * @throws IllegalArgumentException when the vectors do not have {@code dim} dimensions
         */
        float[][] weights(Vocabulary vocabulary, int dim);

        /** Whether the vectors hold {@code word} (as written or lower-cased); a rare training word with a vector is kept. */
        default boolean covers(String word) {
            return false;
        }

        /** The vectors' words in file order (most frequent first for GloVe and word2vec); empty when unknown. */
        default List<String> words() {
            return List.of();
        }

        /**
         * Rows from pretrained word vectors (e.g. Word2Vec trained on unlabelled text): each word takes its vector
         * (or that of its lower-case form), the padding row is zeros, and words without a vector and {@code <unk>}
         * are filled by {@code oov} ({@code seed} makes {@link OovPolicy#RANDOM} repeatable).
         *
         * @throws IllegalArgumentException at training time when the vectors' dimension is not {@code embeddingDim}
         */
        static EmbeddingInitializer of(WordVectors vectors, OovPolicy oov, long seed) {
            Objects.requireNonNull(vectors, "vectors");
            Objects.requireNonNull(oov, "oov");
            return new EmbeddingInitializer() {
                @Override
                public float[][] weights(Vocabulary vocabulary, int dim) {
                    if (vectors.dimension() != dim) {
                        throw new IllegalArgumentException("the word vectors have " + vectors.dimension()
                                + " dimensions but the model's embeddingDim is " + dim);
                    }
                    return vectors.embeddingMatrix(vocabulary, oov, seed).weights().toFloatMatrix();
                }

                @Override
                public boolean covers(String word) {
                    return vectors.contains(word) || vectors.contains(word.toLowerCase(java.util.Locale.ROOT));
                }

                @Override
                public List<String> words() {
                    return vectors.words();
                }
            };
        }
    }

    private static SequenceClassificationIterator iterator(List<List<String>> words, int[] classes, int[] which,
                                                           Vocabulary vocabulary, Labels labels, PadSpec padding,
                                                           Batching batching) {
        List<int[]> seqs = new ArrayList<>(which.length);
        int[] y = new int[which.length];
        for (int k = 0; k < which.length; k++) {
            seqs.add(vocabulary.encode(words.get(which[k])));
            y[k] = classes[which[k]];
        }
        return SequenceClassificationIterator.builder(seqs, y, labels.size()).padding(padding).batching(batching)
                .classNames(labels.names()).build();
    }

    /** The network: embedding (id 0 masked) → encoder (last valid step, or all steps pooled) → dropout → softmax. */
    static NetworkSpec networkSpec(SentimentConfig config, int vocabularySize, int numClasses, float[][] pretrained) {
        Embedding embedding = new Embedding(vocabularySize, config.embeddingDim(), true, pretrained,
                pretrained == null || config.trainEmbeddings());
        boolean pooled = config.readout() != Readout.LAST;
        Recurrent cell = switch (config.encoder()) {
            case LSTM, BIDIRECTIONAL_LSTM -> new Lstm(config.units(), pooled);
            case GRU, BIDIRECTIONAL_GRU -> new Gru(config.units(), pooled);
        };
        boolean bidirectional = config.encoder() == Encoder.BIDIRECTIONAL_LSTM || config.encoder() == Encoder.BIDIRECTIONAL_GRU;
        NetworkSpec.Builder b = NetworkSpec.builder().add(embedding)
                .add(bidirectional ? new Bidirectional(cell) : cell);
        if (pooled) {
            b.add(config.readout() == Readout.MAX ? GlobalPooling.max() : GlobalPooling.average());
        }
        if (config.dropout() > 0) {
            b.add(new Dropout(config.dropout()));
        }
        return b.add(new Dense(numClasses, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build();
    }

    private static List<String> wordsOf(Tokenizer tokenizer, String text, String where) {
        List<String> w = tokenizer.words(text);
        if (w.isEmpty()) {
            throw new IllegalArgumentException(where + ": text has no words to classify");
        }
        return w;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------- prediction

    /**
     * The sentiment of one text.
     *
     * @throws IllegalArgumentException when the text has no words
     */
    public Sentiment predict(String text) {
        return predictAll(List.of(Objects.requireNonNull(text, "text"))).get(0);
    }

    /** Whether {@code text} has a word to classify ({@link #predict} refuses a text without one). */
    public boolean hasWords(String text) {
        return !tokenizer.words(Objects.requireNonNull(text, "text")).isEmpty();
    }

    /**
     * The sentiment of every text, in order; the same probabilities as {@link #predict} on each text alone.
     *
     * @throws IllegalArgumentException naming the first text (1-based, as users count) that has no words
     */
    public List<Sentiment> predictAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        int n = texts.size();
        int[][] ids = new int[n][];
        int[] wordCounts = new int[n];
        for (int i = 0; i < n; i++) {
            String text = Objects.requireNonNull(texts.get(i), "text " + (i + 1));
            List<String> w = wordsOf(tokenizer, text, n == 1 ? "the text" : "text " + (i + 1) + " of " + n);
            wordCounts[i] = w.size();
            int[] all = vocabulary.encode(w);
            ids[i] = all.length > config.maxLength() ? Arrays.copyOfRange(all, all.length - config.maxLength(), all.length) : all;
        }
        float[][] probs = probabilities(ids);
        List<Sentiment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int unknown = 0;
            for (int id : ids[i]) {
                if (id == Vocabulary.UNK) {
                    unknown++;
                }
            }
            out.add(sentiment(probs[i], wordCounts[i], unknown, wordCounts[i] > config.maxLength()));
        }
        return out;
    }

    private Sentiment sentiment(float[] p, int words, int unknown, boolean truncated) {
        Map<String, Double> m = new LinkedHashMap<>();
        int best = 0;
        for (int c = 0; c < p.length; c++) {
            m.put(labels.name(c), (double) p[c]);
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return new Sentiment(labels.name(best), m, words, unknown, truncated);
    }

    /**
     * Class probabilities of already encoded (and truncated) texts, through the inference engine in chunks of
     * {@value #PREDICT_BATCH} (so memory stays bounded for any number of texts). Each text is run at its own
     * length, so a batch gives exactly the probabilities of each text alone.
     */
    float[][] probabilities(int[][] ids) {
        float[][] out = new float[ids.length][];
        for (int from = 0; from < ids.length; from += PREDICT_BATCH) {
            int to = Math.min(ids.length, from + PREDICT_BATCH);
            float[][] p = engine.outputVectors(Arrays.copyOfRange(ids, from, to));
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- evaluation

    /**
     * Scores the model on labelled texts.
     *
     * @throws IllegalArgumentException for a label the model does not know (naming file and line) or a text without words
     */
    public Evaluation evaluate(List<LabelledText> data) {
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no texts to evaluate");
        }
        int[] gold = labels.indicesOf(data);
        int[][] ids = new int[data.size()][];
        for (int i = 0; i < ids.length; i++) {
            LabelledText t = data.get(i);
            int[] all = vocabulary.encode(wordsOf(tokenizer, t.text(), t.location().toString()));
            ids[i] = all.length > config.maxLength() ? Arrays.copyOfRange(all, all.length - config.maxLength(), all.length) : all;
        }
        float[][] p = probabilities(ids);
        int[] predicted = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][predicted[i]]) {
                    predicted[i] = c;
                }
            }
        }
        return Evaluation.of(labels.names(), gold, predicted);
    }

    /**
     * Stratified k-fold cross-validation: for each fold, trains on the other folds with {@code config} and
     * evaluates on the fold. Folds come from {@link StratifiedSplit#folds} with {@code seed}.
     */
    public static CrossValidation crossValidate(SentimentConfig config, List<LabelledText> data, int k, long seed) {
        return crossValidate(config, data, k, seed, null, null);
    }

    /**
     * Cross-validation as {@link #crossValidate(SentimentConfig, List, int, long)}, with initial embeddings and a
     * callback after each fold (fold number from 1, its evaluation); either may be null.
     */
    public static CrossValidation crossValidate(SentimentConfig config, List<LabelledText> data, int k, long seed,
                                                EmbeddingInitializer pretrained,
                                                BiConsumer<Integer, Evaluation> afterFold) {
        Objects.requireNonNull(data, "data");
        List<StratifiedSplit.Split> folds = StratifiedSplit.folds(data.stream().map(LabelledText::label).toList(), k, seed);
        List<Evaluation> evaluations = new ArrayList<>(k);
        List<Double> seconds = new ArrayList<>(k);
        for (int f = 0; f < folds.size(); f++) {
            StratifiedSplit.Split fold = folds.get(f);
            long start = System.nanoTime();
            SentimentClassifier model = train(config, StratifiedSplit.select(data, fold.train()), pretrained);
            seconds.add((System.nanoTime() - start) / 1e9);
            Evaluation e = model.evaluate(StratifiedSplit.select(data, fold.test()));
            evaluations.add(e);
            if (afterFold != null) {
                afterFold.accept(f + 1, e);
            }
        }
        return new CrossValidation(evaluations, seconds);
    }

    // ------------------------------------------------------------------------------------------- accessors

    /** The configuration the model was trained with. */
    public SentimentConfig config() {
        return config;
    }

    /** The labels, in the order of {@link Sentiment#probabilities()}. */
    public List<String> labels() {
        return labels.names();
    }

    /** The word vocabulary (built from the training part of the data). */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The tokenizer that splits texts into words. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The scores on the stratified validation texts held out of training ({@link SentimentConfig#validationFraction()},
     * which also chose the epoch); empty without a validation split and for a loaded model.
     */
    public java.util.Optional<Evaluation> validation() {
        return java.util.Optional.ofNullable(validation);
    }

    /** The scores the model file records: validation, and any added by {@link #withScores}; read back by {@link #load}. */
    public Map<String, Double> scores() {
        return scores;
    }

    /** Per-epoch training metrics; empty for a loaded model. */
    public List<EpochMetrics> trainingHistory() {
        return history;
    }

    /**
     * The Keras-style network summary, read from the network itself, so a trained model and the same model loaded
     * from its file print the same table.
     */
    public Summary summary() {
        return Summary.of(network);
    }

    /** The DL4J network, for inspection or custom use. */
    public MultiLayerNetwork network() {
        return network;
    }

    // ------------------------------------------------------------------------------------------- model file

    /**
     * Saves the model (network, vocabulary, tokenizer settings, labels, configuration) as one rnnkit model file,
     * atomically.
     */
    public void save(Path path) {
        Objects.requireNonNull(path, "path");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(SETTINGS_ENTRY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config.toMap()));
            entries.put(TOKENIZER_ENTRY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokenizer.toSettings()));
            entries.put(VOCAB_ENTRY, vocabularyBytes(vocabulary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the model settings: " + e.getMessage(), e);
        }
        entries.put(LABELS_ENTRY, (String.join("\n", labels.names()) + "\n").getBytes(StandardCharsets.UTF_8));
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!history.isEmpty()) {
            // The trainer restores the weights of the epoch with the lowest validation loss: report that epoch.
            EpochMetrics best = history.get(history.size() - 1);
            for (EpochMetrics m : history) {
                if (m.validationLoss() < best.validationLoss()) {
                    best = m;
                }
            }
            metrics.put("train_loss", best.trainLoss());
            if (!Double.isNaN(best.validationLoss())) {
                metrics.put("val_loss", best.validationLoss());
                metrics.put("best_epoch", (double) best.epoch());
            }
            metrics.put("epochs", (double) history.size());
        }
        metrics.putAll(scores);
        Map<String, Object> hyper = new LinkedHashMap<>(config.toMap());
        hyper.put("labels", labels.names());
        hyper.put("vocabularySize", vocabulary.size());
        Manifest manifest = Manifest.forTask(TASK).withHyperParameters(hyper).withMetrics(metrics)
                .withTrainingData(trainingData);
        ModelFile.save(path, manifest, network, entries);
    }

    /**
     * Loads a model from a file path or {@code builtin:sentiment} (the model shipped in {@code rnnkit-models}).
     *
     * @throws ModelFileException when the file is missing, damaged, of another task, or inconsistent
     */
    public static SentimentClassifier load(String location) {
        return fromModel(ModelFile.load(location, TASK));
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @throws ModelFileException when the file is missing, damaged, of another task, or inconsistent
     */
    public static SentimentClassifier load(Path path) {
        return fromModel(ModelFile.load(path, TASK));
    }

    private static SentimentClassifier fromModel(LoadedModel model) {
        String path = model.source();
        model.entries().requireAll(SETTINGS_ENTRY, TOKENIZER_ENTRY, VOCAB_ENTRY, LABELS_ENTRY);
        try {
            SentimentConfig config = SentimentConfig.fromMap(JSON.readValue(model.entries().bytes(SETTINGS_ENTRY),
                    new TypeReference<Map<String, Object>>() { }));
            Tokenizer tokenizer = Tokenizer.fromSettings(JSON.readValue(model.entries().bytes(TOKENIZER_ENTRY),
                    new TypeReference<Map<String, String>>() { }));
            Vocabulary vocabulary = vocabularyFrom(model.entries().bytes(VOCAB_ENTRY));
            Labels labels = new Labels(model.entries().text(LABELS_ENTRY).lines().toList());
            MultiLayerNetwork network = model.multiLayerNetwork();
            long outputs = network.getLayer(network.getnLayers() - 1).getParam("b").length();
            if (outputs != labels.size()) {
                throw new ModelFileException(path + " is inconsistent: the network has " + outputs
                        + " outputs but " + labels.size() + " labels");
            }
            long rows = network.getLayer(0).getParam("W").size(0);
            if (rows != vocabulary.size()) {
                throw new ModelFileException(path + " is inconsistent: the embedding has " + rows
                        + " rows but the vocabulary " + vocabulary.size() + " entries");
            }
            return new SentimentClassifier(config, tokenizer, vocabulary, labels, network, List.of(),
                    model.manifest().trainingData(), null, scoresOf(model.manifest().metrics()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(path + " has unreadable sentiment settings: " + e.getMessage(), e);
        }
    }

    /** The manifest metrics that are scores (not the training losses and epoch counts, which belong to one run). */
    private static Map<String, Double> scoresOf(Map<String, Double> metrics) {
        Map<String, Double> scores = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            if (k.startsWith("val_") && !k.equals("val_loss") || k.startsWith("cv_") || k.startsWith("test_")) {
                scores.put(k, v);
            }
        });
        return scores;
    }

    private static byte[] vocabularyBytes(Vocabulary vocabulary) throws IOException {
        return vocabulary.toBytes();
    }

    private static Vocabulary vocabularyFrom(byte[] bytes) throws IOException {
        return Vocabulary.fromBytes(bytes, VOCAB_ENTRY);
    }
}
