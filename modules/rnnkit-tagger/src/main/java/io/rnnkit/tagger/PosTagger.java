package io.rnnkit.tagger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.nn.io.DataFingerprint;
import io.rnnkit.nn.io.LoadedModel;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelEntries;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.train.EpochShuffling;
import io.rnnkit.nn.train.Optimizer;
import io.rnnkit.nn.train.Trainer;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingListener;
import io.rnnkit.nn.train.TrainingResult;
import io.rnnkit.nn.train.ValidationMetric;
import io.rnnkit.text.io.TaggedSentence;
import io.rnnkit.tagger.eval.TaggingEvaluation;
import io.rnnkit.text.Token;
import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.WordTokenizer;
import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.layers.FeatureEmbeddingLayer;
import io.rnnkit.nn.layers.LstmLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A part-of-speech tagger: a many-to-many recurrent network that reads a sentence word by word in both
 * directions and gives every word a tag with its probability.
 *
 * <p>Network (a DL4J {@link MultiLayerNetwork}): per token a lower-cased word embedding plus embeddings of the
 * word's shape, prefixes and suffixes (one {@link FeatureEmbeddingLayer}; so "google", never seen in a 1960s
 * corpus, still looks like a noun), a bidirectional rnnkit {@link LstmLayer} over the sentence, and a softmax per
 * token. Training masks padding exactly; tagging runs through rnnkit's inference engine ({@link InferenceNetwork},
 * a plain-Java forward pass on a snapshot of the weights), which computes each sentence over its own length only,
 * so a sentence's probabilities alone and in a batch agree to float rounding.
 *
 * <pre>{@code
 * PosTagger tagger = PosTagger.train(TaggerConfig.defaults(), training, validation, p -> {});
 * tagger.tag("I work at google").toSlashFormat();   // I/PRON work/VERB at/ADP google/NOUN
 * tagger.save(Path.of("tagger.rnnk"));
 * }</pre>
 *
 * <p>Thread-safe: one instance serves any number of threads at once, without locks. Every tagging method reads
 * only the immutable weight snapshot taken when the tagger was trained or loaded, and keeps its working memory to
 * itself (weights changed through {@link #network()} afterwards are not seen).
 */
public final class PosTagger implements Tagger {
    /** Task name in the model file's manifest. */
    public static final String TASK = "tagger";
    private static final String LABELS = "labels.txt";
    private static final String VOCAB = "vocab.txt";
    private static final String KNOWN = "known-words.txt";
    private static final String SETTINGS = "tagger.json";
    private static final int VALIDATION_BATCH = 256;
    /** Per-layer L2 gradient clipping: keeps the first Adam steps of the LSTM stable. */
    private static final double GRADIENT_CLIP_NORM = 5.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaggerConfig config;
    private final MultiLayerNetwork network;
    /** Every tagging call's forward pass: the engine on a snapshot of the network's weights. */
    private volatile InferenceNetwork engine;
    private final TokenFeatures features;
    private final List<String> labels;
    private final Set<String> knownWords;
    private final Tokenizer tokenizer;
    private final Map<String, Double> metrics;
    /** sha256 and size of the training sentences as {@code word/tag} lines; null for a model saved without it. */
    private final DataFingerprint trainingData;

    private PosTagger(TaggerConfig config, MultiLayerNetwork network, TokenFeatures features, List<String> labels,
                      Set<String> knownWords, Tokenizer tokenizer, Map<String, Double> metrics,
                      DataFingerprint trainingData) {
        this.config = config;
        this.network = network;
        this.features = features;
        this.labels = List.copyOf(labels);
        this.knownWords = Collections.unmodifiableSet(knownWords);
        this.tokenizer = tokenizer;
        this.metrics = Map.copyOf(metrics);
        this.trainingData = trainingData;
        this.engine = InferenceNetwork.of(network);
    }

    /** Trains without validation data for {@code config.epochs()} epochs. */
    public static PosTagger train(TaggerConfig config, List<TaggedSentence> training) {
        return train(config, training, List.of(), p -> { });
    }

    /**
     * Trains a tagger on {@code training}. With validation sentences, each epoch is scored on them, the best
     * epoch's weights are kept and training stops after {@code config.patience()} epochs without improvement.
     * Training also stops when {@code config.timeBudget()} is spent.
     *
     * @param progress receives one report per epoch
     * @throws IllegalArgumentException if {@code training} is empty
     */
    public static PosTagger train(TaggerConfig config, List<TaggedSentence> training, List<TaggedSentence> validation,
                                  Consumer<TrainingProgress> progress) {
        return train(config, training, validation, progress, false);
    }

    /**
     * As {@link #train(TaggerConfig, List, List, Consumer)}, with a progress bar on standard error when
     * {@code progressBar} is set and a console is attached.
     */
    public static PosTagger train(TaggerConfig config, List<TaggedSentence> training, List<TaggedSentence> validation,
                                  Consumer<TrainingProgress> progress, boolean progressBar) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(progress, "progress");
        if (training == null || training.isEmpty()) {
            throw new IllegalArgumentException("no training sentences");
        }
        List<TaggedSentence> given = training;
        training = chunked(training, MAX_TRAINING_TOKENS);
        long start = System.nanoTime();
        Map<String, Integer> counts = new HashMap<>();
        Set<String> tagSet = new TreeSet<>();
        Set<String> known = new TreeSet<>();
        for (TaggedSentence s : training) {
            for (int i = 0; i < s.size(); i++) {
                counts.merge(s.words().get(i).toLowerCase(Locale.ROOT), 1, Integer::sum);
                known.add(s.words().get(i));
                tagSet.add(s.tags().get(i));
            }
        }
        List<String> labels = new ArrayList<>(tagSet);
        TokenFeatures features = TokenFeatures.build(counts, config.maxVocabulary(), config.hashBuckets());
        MultiLayerNetwork net = new MultiLayerNetwork(networkConfig(config, features, labels.size()));
        net.init();
        PosTagger tagger = new PosTagger(config, net, features, labels, known, defaultTokenizer(), Map.of(), null);

        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIndex.put(labels.get(i), i);
        }
        // Words seen once are hidden now and then, so the unknown-word row and the affix features learn to tag.
        int[][] wordIds = new int[training.size()][];
        boolean[][] rare = new boolean[training.size()][];
        for (int s = 0; s < training.size(); s++) {
            List<String> words = training.get(s).words();
            wordIds[s] = new int[words.size()];
            rare[s] = new boolean[words.size()];
            for (int i = 0; i < words.size(); i++) {
                String lower = words.get(i).toLowerCase(Locale.ROOT);
                wordIds[s][i] = features.wordIndex(lower);
                rare[s][i] = counts.get(lower) == 1;
            }
        }
        TaggingBatches trainBatches = tagger.new TaggingBatches(training, wordIds, rare, labelIndex,
                config.batchSize(), config.wordDropout());
        TaggingBatches validationBatches = validation.isEmpty() ? null
                : tagger.new TaggingBatches(validation, null, null, labelIndex, VALIDATION_BATCH, 0);
        // Early stopping watches token accuracy on the validation sentences; the best epoch's weights are kept.
        TrainingConfig.Builder trainerConfig = TrainingConfig.builder()
                .epochs(config.epochs())
                .timeBudget(config.timeBudget())
                .batchSize(config.batchSize())
                .optimizer(Optimizer.ADAM, config.learningRate())
                .gradientClipNorm(GRADIENT_CLIP_NORM)
                .seed(config.seed())
                .progress(progressBar ? TrainingConfig.Progress.AUTO : TrainingConfig.Progress.QUIET);
        if (!validation.isEmpty()) {
            trainerConfig.validationMetric(ValidationMetric.maximize("accuracy", m -> {
                        // The snapshot does not follow the weights being trained: take the epoch's.
                        tagger.engine = InferenceNetwork.of(net);
                        return TaggingEvaluation.evaluate(tagger, validation, known).accuracy();
                    }))
                    .patience(config.patience())
                    .restoreBestWeights(true);
        }
        long[] tokensBefore = {0};
        TrainingListener report = TrainingListener.onEpoch(m -> {
            long tokens = trainBatches.tokensServed - tokensBefore[0];
            tokensBefore[0] = trainBatches.tokensServed;
            progress.accept(new TrainingProgress(m.epoch(), m.batches(), m.trainLoss(), m.validationMetric(),
                    (System.nanoTime() - start) / 1e9, tokens / Math.max(m.seconds(), 1e-9)));
        });
        TrainingResult result = new Trainer(trainerConfig.build(), report).fit(net, trainBatches, validationBatches);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (validationBatches != null) {
            metrics.put("validation_accuracy", result.bestMetric());
        }
        metrics.put("training_seconds", (System.nanoTime() - start) / 1e9);
        return new PosTagger(config, net, features, labels, known, tagger.tokenizer, metrics,
                fingerprint(given));
    }

    /**
     * Longest sentence trained on as one sequence; a longer one trains as consecutive pieces of this many tokens.
     * Real corpora stay whole (Brown's longest sentence has 180 tokens), while one endless "sentence" (a file with
     * no sentence breaks) no longer makes a batch of millions of steps: 50 MB on one line ended in an
     * IndexOutOfBoundsException after 7 GB.
     */
    static final int MAX_TRAINING_TOKENS = 512;

    /** {@code sentences} with every sentence longer than {@code max} tokens cut into pieces of at most {@code max}. */
    static List<TaggedSentence> chunked(List<TaggedSentence> sentences, int max) {
        if (sentences.stream().allMatch(s -> s.size() <= max)) {
            return sentences;
        }
        List<TaggedSentence> out = new ArrayList<>(sentences.size());
        for (TaggedSentence s : sentences) {
            for (int from = 0; from < s.size(); from += max) {
                int to = Math.min(s.size(), from + max);
                out.add(from == 0 && to == s.size() ? s
                        : new TaggedSentence(s.words().subList(from, to), s.tags().subList(from, to), s.location()));
            }
        }
        return out;
    }

    /** The training data's fingerprint, recorded in the manifest so a model says what it was trained on. */
    private static DataFingerprint fingerprint(List<TaggedSentence> sentences) {
        StringBuilder sb = new StringBuilder();
        for (TaggedSentence s : sentences) {
            for (int i = 0; i < s.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(s.words().get(i)).append('/').append(s.tags().get(i));
            }
            sb.append('\n');
        }
        return DataFingerprint.ofStrings(sb.toString());
    }

    private static MultiLayerConfiguration networkConfig(TaggerConfig c, TokenFeatures f, int numLabels) {
        long[] rows = new long[TokenFeatures.CHANNELS];
        long[] dims = new long[TokenFeatures.CHANNELS];
        for (int k = 0; k < TokenFeatures.CHANNELS; k++) {
            rows[k] = k == 0 ? f.vocabularySize() : f.buckets();
            dims[k] = k == 0 ? c.wordDim() : c.featureDim();
        }
        var output = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).dataFormat(RNNFormat.NCW);
        if (c.dropout() > 0) {
            // DL4J's dropOut takes the probability of keeping a unit; it acts on this layer's input.
            output.dropOut(1.0 - c.dropout());
        }
        return new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new FeatureEmbeddingLayer.Builder().tables(rows, dims).build())
                .layer(new Bidirectional(Bidirectional.Mode.CONCAT,
                        new LstmLayer.Builder().nOut(c.hiddenSize()).activation(Activation.TANH).build()))
                .layer(output.activation(Activation.SOFTMAX).nOut(numLabels).build())
                .setInputType(InputType.recurrent(TokenFeatures.CHANNELS))
                .build();
    }

    /** Groups sentence indices into batches of similar length, so little padding is computed. */
    private static List<int[]> lengthBatches(List<Integer> lengths, int batchSize) {
        Integer[] order = new Integer[lengths.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> lengths.get(a) != lengths.get(b).intValue()
                ? Integer.compare(lengths.get(a), lengths.get(b)) : Integer.compare(a, b));
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int[] batch = new int[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = order[i];
            }
            batches.add(batch);
        }
        return batches;
    }

    /**
     * Length-grouped batches of tagged sentences for the {@link Trainer}. Each epoch the batch order is reshuffled
     * from the trainer's epoch seed, and words seen once are replaced by the unknown word with probability
     * {@code wordDropout}, so the unknown-word row and the affix features learn to tag.
     */
    private final class TaggingBatches implements DataSetIterator, EpochShuffling {
        private final List<TaggedSentence> data;
        private final int[][] wordIds;
        private final boolean[][] rare;
        private final Map<String, Integer> labelIndex;
        private final double wordDropout;
        private final List<int[]> batches;
        private Random random = new Random(0);
        private int cursor;
        private long tokensServed;
        private DataSetPreProcessor preProcessor;

        TaggingBatches(List<TaggedSentence> data, int[][] wordIds, boolean[][] rare, Map<String, Integer> labelIndex,
                       int batchSize, double wordDropout) {
            this.data = data;
            this.wordIds = wordIds;
            this.rare = rare;
            this.labelIndex = labelIndex;
            this.wordDropout = wordDropout;
            this.batches = lengthBatches(data.stream().map(TaggedSentence::size).toList(), batchSize);
        }

        @Override
        public void shuffle(long seed) {
            random = new Random(seed);
            Collections.shuffle(batches, random);
        }

        @Override
        public boolean hasNext() {
            return cursor < batches.size();
        }

        @Override
        public DataSet next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            DataSet batch = batch(batches.get(cursor++));
            if (preProcessor != null) {
                preProcessor.preProcess(batch);
            }
            return batch;
        }

        @Override
        public DataSet next(int num) {
            throw new UnsupportedOperationException("batch size is fixed when the iterator is built");
        }

        @Override
        public int inputColumns() {
            return TokenFeatures.CHANNELS;
        }

        @Override
        public int totalOutcomes() {
            return labels.size();
        }

        @Override
        public int batch() {
            return batches.isEmpty() ? 0 : batches.get(0).length;
        }

        @Override
        public List<String> getLabels() {
            return labels;
        }

        private DataSet batch(int[] batch) {
            int b = batch.length;
            int t = 0;
            for (int s : batch) {
                t = Math.max(t, data.get(s).size());
            }
            int numLabels = labels.size();
            float[] x = new float[b * TokenFeatures.CHANNELS * t];   // [b, channels, t]
            float[] mask = new float[b * t];
            float[] y = new float[b * numLabels * t];
            for (int r = 0; r < b; r++) {
                TaggedSentence sentence = data.get(batch[r]);
                for (int i = 0; i < sentence.size(); i++) {
                    String w = sentence.words().get(i);
                    int word = wordIds == null ? features.wordIndex(w.toLowerCase(Locale.ROOT)) : wordIds[batch[r]][i];
                    if (rare != null && rare[batch[r]][i] && random.nextDouble() < wordDropout) {
                        word = TokenFeatures.UNK;
                    }
                    features.features(w, i, word, x, r * TokenFeatures.CHANNELS * t + i, t);
                    mask[r * t + i] = 1f;
                    Integer label = labelIndex.get(sentence.tags().get(i));
                    if (label == null) {
                        throw new IllegalArgumentException(sentence.location() + ": tag '" + sentence.tags().get(i)
                                + "' does not occur in the training data");
                    }
                    y[r * numLabels * t + label * t + i] = 1f;
                }
                tokensServed += sentence.size();
            }
            INDArray maskArr = Nd4j.create(mask, new long[]{b, t}, 'c');
            return new DataSet(Nd4j.create(x, new long[]{b, TokenFeatures.CHANNELS, t}, 'c'),
                    Nd4j.create(y, new long[]{b, numLabels, t}, 'c'), maskArr, maskArr);
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            cursor = 0;
        }
    }

    /** Tags raw text, split into tokens by the tagger's word tokenizer; offsets refer to {@code text}. */
    public TaggedText tag(String text) {
        return tagTexts(List.of(Objects.requireNonNull(text, "text"))).get(0);
    }

    /**
     * Tags many raw texts in length-grouped batches (much faster than one {@link #tag(String)} call each); a
     * text without tokens gives an empty result.
     */
    public List<TaggedText> tagTexts(List<String> texts) {
        List<List<Token>> tokens = new ArrayList<>(texts.size());
        List<List<String>> words = new ArrayList<>(texts.size());
        for (String text : texts) {
            Objects.requireNonNull(text, "text");
            List<Token> ts = tokenizer.tokenize(text);
            tokens.add(ts);
            words.add(ts.stream().map(t -> text.substring(t.start(), t.end())).toList());
        }
        List<TaggedText> tagged = tagTokens(words);
        List<TaggedText> out = new ArrayList<>(texts.size());
        for (int s = 0; s < texts.size(); s++) {
            List<TaggedToken> withOffsets = new ArrayList<>(tokens.get(s).size());
            for (int i = 0; i < tokens.get(s).size(); i++) {
                TaggedToken t = tagged.get(s).tokens().get(i);
                Token at = tokens.get(s).get(i);
                withOffsets.add(new TaggedToken(t.word(), t.tag(), t.probability(), at.start(), at.end()));
            }
            out.add(new TaggedText(withOffsets));
        }
        return out;
    }

    /**
     * Tags one line of pre-tokenized text ({@code rnnkit tag --pretokenized}): tokens are separated by spaces or
     * tabs and kept exactly, punctuation included ("U.S." stays one token). A blank line gives no tokens.
     */
    public TaggedText tagPretokenized(String line) {
        Objects.requireNonNull(line, "line");
        String trimmed = line.strip();
        return trimmed.isEmpty() ? new TaggedText(List.of()) : tagTokens(Arrays.asList(trimmed.split("[ \\t]+")));
    }

    /** Tags a pre-tokenized sentence, keeping the words exactly as given. */
    public TaggedText tagTokens(List<String> words) {
        return tagTokens(List.of(words)).get(0);
    }

    /**
     * Tags many pre-tokenized sentences in batches of similar length (much faster than one at a time).
     *
     * @throws IllegalArgumentException for a null or empty word
     */
    public List<TaggedText> tagTokens(Collection<? extends List<String>> sentences) {
        List<List<String>> list = new ArrayList<>(sentences);
        // The engine refuses empty sequences: only the sentences with words go in, in order.
        int[] withWords = new int[list.size()];
        int n = 0;
        for (int s = 0; s < list.size(); s++) {
            List<String> words = list.get(s);
            for (String w : words) {
                if (w == null || w.isEmpty()) {
                    throw new IllegalArgumentException("sentence " + (s + 1) + " has an empty or null token: " + words);
                }
            }
            if (!words.isEmpty()) {
                withWords[n++] = s;
            }
        }
        TaggedText[] out = new TaggedText[list.size()];
        Arrays.fill(out, new TaggedText(List.of()));
        if (n > 0) {
            int[][][] features = new int[n][][];
            for (int i = 0; i < n; i++) {
                features[i] = featureRows(list.get(withWords[i]));
            }
            float[][][] p = engine.outputSequences(features);
            for (int i = 0; i < n; i++) {
                out[withWords[i]] = tagged(list.get(withWords[i]), p[i]);
            }
        }
        return Arrays.asList(out);
    }

    private TaggedText tagged(List<String> words, float[][] p) {
        List<TaggedToken> tokens = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][best]) {
                    best = k;
                }
            }
            tokens.add(new TaggedToken(words.get(i), labels.get(best), p[i][best], -1, -1));
        }
        return new TaggedText(tokens);
    }

    /**
     * Tag probabilities from the DL4J network itself, for sentences padded into one masked batch: what
     * the engine must reproduce (tests compare the two).
     *
     * @return per sentence {@code [tokens][labels]}
     */
    List<float[][]> networkProbabilities(List<List<String>> sentences) {
        int b = sentences.size();
        int t = sentences.stream().mapToInt(List::size).max().orElse(0);
        int channels = TokenFeatures.CHANNELS;
        float[] x = new float[b * channels * t];
        float[] mask = new float[b * t];
        for (int r = 0; r < b; r++) {
            List<String> words = sentences.get(r);
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                features.features(w, i, features.wordIndex(w.toLowerCase(Locale.ROOT)), x, r * channels * t + i, t);
                mask[r * t + i] = 1f;
            }
        }
        INDArray m = Nd4j.create(mask, new long[]{b, t}, 'c');
        float[] p;
        synchronized (network) {
            p = network.output(Nd4j.create(x, new long[]{b, channels, t}, 'c'), false, m, m).dup('c').data()
                    .asFloat();
        }
        int numLabels = labels.size();
        List<float[][]> out = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            float[][] probs = new float[sentences.get(r).size()][numLabels];
            for (int i = 0; i < probs.length; i++) {
                for (int k = 0; k < numLabels; k++) {
                    probs[i][k] = p[(r * numLabels + k) * t + i];
                }
            }
            out.add(probs);
        }
        return out;
    }

    /** Tag probabilities as tagging computes them, in one engine call, for tests; every sentence has words. */
    List<float[][]> inferenceProbabilities(List<List<String>> sentences) {
        return Arrays.asList(engine.outputSequences(sentences.stream().map(this::featureRows).toArray(int[][][]::new)));
    }

    /** Per word its feature indices, {@code [words][channels]}. */
    private int[][] featureRows(List<String> words) {
        int[][] x = new int[words.size()][TokenFeatures.CHANNELS];
        float[] row = new float[TokenFeatures.CHANNELS];
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            features.features(w, i, features.wordIndex(w.toLowerCase(Locale.ROOT)), row, 0, 1);
            for (int k = 0; k < row.length; k++) {
                x[i][k] = (int) row[k];
            }
        }
        return x;
    }

    @Override
    public List<String> tag(List<String> words) {
        return tagTokens(words).tags();
    }

    @Override
    public List<List<String>> tagAll(List<List<String>> sentences) {
        return tagTokens(sentences).stream().map(TaggedText::tags).toList();
    }

    /** Scores the tagger on gold sentences; "unknown" words are those absent from this tagger's training data. */
    public TaggingEvaluation evaluate(List<TaggedSentence> gold) {
        return TaggingEvaluation.evaluate(this, gold, knownWords);
    }

    /** The tags this tagger can predict, in output order. */
    public List<String> labels() {
        return labels;
    }

    /** The hyper-parameters it was trained with. */
    public TaggerConfig config() {
        return config;
    }

    /** Word forms (exact case) seen in training. */
    public Set<String> knownWords() {
        return knownWords;
    }

    /** Metrics recorded at training time, e.g. {@code validation_accuracy} and {@code training_seconds}. */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /**
     * This tagger with {@code scores} added to its metrics (replacing those of the same name), e.g. the accuracy on
     * a held-out test set measured after training, so that {@link #save} records them in the manifest. The network
     * is shared, not copied.
     */
    public PosTagger withMetrics(Map<String, Double> scores) {
        Map<String, Double> all = new LinkedHashMap<>(metrics);
        all.putAll(scores);
        return new PosTagger(config, network, features, labels, new TreeSet<>(knownWords), tokenizer, all,
                trainingData);
    }

    /** Number of trainable parameters. */
    public long parameterCount() {
        return network.numParams();
    }

    /** The underlying DL4J network (for summaries and inspection). */
    public MultiLayerNetwork network() {
        return network;
    }

    /** Saves the tagger as one model file (see {@link ModelFile}); the write is atomic. */
    public void save(Path path) {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(LABELS, ModelEntries.linesOf(labels));
        entries.put(VOCAB, ModelEntries.linesOf(features.vocabulary()));
        entries.put(KNOWN, ModelEntries.linesOf(new ArrayList<>(knownWords)));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("config", config.toMap());
        settings.put("tokenizer", tokenizer.toSettings());
        settings.put("metrics", metrics);
        try {
            entries.put(SETTINGS, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifest manifest = Manifest.forTask(TASK).withHyperParameters(config.toMap()).withMetrics(metrics)
                .withTrainingData(trainingData);
        ModelFile.save(path, manifest, network, entries);
    }

    /**
     * Loads a tagger saved with {@link #save(Path)}.
     *
     * @throws io.rnnkit.nn.io.ModelFileException if the file is missing, damaged or holds another task's model
     */
    public static PosTagger load(Path path) {
        return fromModel(ModelFile.load(path, TASK));
    }

    /**
     * Loads a tagger from a file path or {@code builtin:tagger} (the model shipped in {@code rnnkit-models}).
     *
     * @throws io.rnnkit.nn.io.ModelFileException if the file is missing, damaged or holds another task's model
     */
    public static PosTagger load(String location) {
        return fromModel(ModelFile.load(location, TASK));
    }

    private static PosTagger fromModel(LoadedModel model) {
        String path = model.source();
        model.entries().requireAll(LABELS, VOCAB, KNOWN, SETTINGS);
        Map<String, Object> settings;
        try {
            settings = JSON.readValue(model.entries().bytes(SETTINGS), new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": unreadable " + SETTINGS + ": " + e.getMessage());
        }
        @SuppressWarnings("unchecked")
        TaggerConfig config = TaggerConfig.fromMap((Map<String, ?>) settings.get("config"));
        @SuppressWarnings("unchecked")
        Tokenizer tokenizer = Tokenizer.fromSettings((Map<String, String>) settings.get("tokenizer"));
        @SuppressWarnings("unchecked")
        Map<String, Number> rawMetrics = (Map<String, Number>) settings.getOrDefault("metrics", Map.of());
        Map<String, Double> metrics = new LinkedHashMap<>();
        rawMetrics.forEach((k, v) -> metrics.put(k, v.doubleValue()));
        TokenFeatures features = new TokenFeatures(model.entries().lines(VOCAB), config.hashBuckets());
        if (!(model.network() instanceof MultiLayerNetwork net)
                || !(net.getLayer(0).conf().getLayer() instanceof FeatureEmbeddingLayer)) {
            throw new ModelFileException(path + " holds a tagger from an earlier rnnkit preview, whose network "
                    + "(9 embedding inputs and DL4J's LSTM) this version no longer reads; retrain it with rnnkit tag train");
        }
        List<String> labels = model.entries().lines(LABELS);
        checkShapes(path, net, features, labels.size());
        return new PosTagger(config, net, features, labels,
                new TreeSet<>(model.entries().lines(KNOWN)), tokenizer, metrics,
                model.manifest().trainingData());
    }

    /**
     * Refuses a network that does not fit the file's vocabulary, feature buckets and labels (e.g. the network.zip of
     * another tagger put into this file), which would otherwise fail only when tagging, as an index out of bounds.
     */
    private static void checkShapes(String path, MultiLayerNetwork net, TokenFeatures features, int labels) {
        FeatureEmbeddingLayer embedding = (FeatureEmbeddingLayer) net.getLayer(0).conf().getLayer();
        long[] rows = embedding.getTableSizes();
        List<String> problems = new ArrayList<>();
        if (rows.length != TokenFeatures.CHANNELS) {
            problems.add("the network reads " + rows.length + " feature channels, the tagger writes " + TokenFeatures.CHANNELS);
        } else {
            if (rows[0] != features.vocabularySize()) {
                problems.add("its word embedding has " + rows[0] + " rows, " + VOCAB + " has " + features.vocabularySize()
                        + " words");
            }
            for (int k = 1; k < rows.length; k++) {
                if (rows[k] != features.buckets()) {
                    problems.add("its feature embedding " + k + " has " + rows[k] + " rows, the settings say "
                            + features.buckets() + " buckets");
                    break;
                }
            }
        }
        long outputs = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
                net.getLayer(net.getnLayers() - 1).conf().getLayer()).getNOut();
        if (outputs != labels) {
            problems.add("the network has " + outputs + " outputs, " + LABELS + " has " + labels + " labels");
        }
        if (!problems.isEmpty()) {
            throw new ModelFileException(path + " is inconsistent: " + String.join("; ", problems));
        }
    }

    private static Tokenizer defaultTokenizer() {
        return new WordTokenizer();
    }
}
