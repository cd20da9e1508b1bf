package io.rnnkit.charlm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Dropout;
import io.rnnkit.nn.Embedding;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.Summary;
import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.inference.InferenceStream;
import io.rnnkit.nn.io.DataFingerprint;
import io.rnnkit.nn.io.LoadedModel;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.io.ModelLocation;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.Optimizer;
import io.rnnkit.nn.train.Trainer;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingListener;
import io.rnnkit.nn.train.TrainingResult;
import io.rnnkit.text.CharTokenizer;
import io.rnnkit.text.Vocabulary;
import io.rnnkit.text.encode.Batching;
import io.rnnkit.text.encode.CharSequenceIterator;
import io.rnnkit.text.encode.FeatureLayout;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A character-level language model: a stack of LSTM or GRU layers that reads text one character (Unicode code
 * point) at a time and predicts the next one.
 *
 * <pre>{@code
 * CharLanguageModel model = CharLanguageModel.train(CharLmConfig.builder().minutes(5).build(), text);
 * GeneratedText g = model.sample(SamplingOptions.builder().prefix("Call me ").length(200).seed(7).build());
 * Evaluation e = model.evaluate(heldOutText);   // e.bpc(), e.unigramBpc()
 * Evaluation big = model.evaluate(Path.of("corpus.txt"));   // streamed, parts scored side by side
 * model.save(Path.of("moby.rnnk"));
 * }</pre>
 *
 * <p>Training cuts the text into windows of {@code sequenceLength} characters (shuffled each epoch) and predicts
 * every next character; evaluation and sampling instead run through the text step by step with the recurrent
 * state carried along, as the model would be used. Characters absent from the training text map to the
 * vocabulary's {@code <unk>} entry; in a sampling prefix they follow {@link UnknownCharPolicy}.
 *
 * <p>Sampling and static evaluation run on rnnkit's inference engine ({@link InferenceNetwork}): a snapshot of the
 * weights taken once when the model is trained or loaded, each call with its own {@link InferenceStream}. A model
 * is therefore safe to share between threads for sampling and evaluation, which run concurrently. The snapshot
 * does not see weights changed later through {@link #network()}; save and load the model to pick them up.
 */
public final class CharLanguageModel {
    /** Task name in the model file's manifest. */
    public static final String TASK = "charlm";
    static final String VOCAB_ENTRY = "vocab.txt";
    static final String SETTINGS_ENTRY = "charlm.json";
    /** Characters per forward call during evaluation; the state is carried from one chunk to the next. */
    static final int EVALUATION_CHUNK = 512;
    /** Most rows (samples × steps) one call priming the samples computes: bounds its output memory. */
    private static final int PRIMING_ROWS = 1 << 15;

    private static final Logger LOG = LoggerFactory.getLogger(CharLanguageModel.class);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final double LN2 = Math.log(2);

    private final CharLmConfig config;
    /** Most validation characters read by the per-epoch loss during training (see {@code fit}). */
    static final int EPOCH_VALIDATION_CHARS = 200_000;

    private final CharCodec codec;
    private final long unknownCount;
    private final UnigramModel unigram;
    private final RecurrentNetwork network;
    /** The weights as of construction, for sampling and static evaluation (immutable, shared by all threads). */
    private final InferenceNetwork engine;
    private final StreamingEvaluator evaluator;
    private final TrainingSummary training;
    private final DataFingerprint trainingData;
    private final Map<String, Double> metrics;
    /** The last dynamic-evaluation gradient statistics: a tuning grid reuses them (they cost as much as a pass). */
    private volatile GradientStatistics lastStatistics;

    private CharLanguageModel(CharLmConfig config, CharCodec codec, long unknownCount, RecurrentNetwork network,
                              TrainingSummary training, DataFingerprint trainingData, Map<String, Double> metrics) {
        this.config = config;
        this.codec = codec;
        this.unknownCount = unknownCount;
        this.unigram = UnigramModel.fit(codec.vocabulary(), unknownCount);
        this.network = network;
        this.engine = EngineSnapshot.of(network);
        this.evaluator = new StreamingEvaluator(engine, codec, unigram);
        this.training = training;
        this.trainingData = trainingData;
        this.metrics = Map.copyOf(metrics);
    }

    // ------------------------------------------------------------------------------------------------ training

    /**
     * Trains on {@code text}, holding out its last {@link CharLmConfig#validationFraction()} for validation
     * (early stopping, best epoch); with fraction 0 there is no validation.
     *
     * @throws IllegalArgumentException for empty text, text not longer than the sequence length, or a validation
     *                                  part with fewer than 2 characters
     */
    public static CharLanguageModel train(CharLmConfig config, String text) {
        Objects.requireNonNull(config, "config");
        requireText(text, "training text");
        if (config.validationFraction() == 0) {
            return train(config, text, null, List.of());
        }
        TextSplit split = TextSplit.byPosition(text, 1 - config.validationFraction(), config.validationFraction());
        return train(config, split.train(), split.validation(), List.of());
    }

    /**
     * Trains on {@code train}, validating on {@code validation} after every epoch
     * ({@link CharLmConfig#validationFraction()} is not used).
     *
     * @param validation held-out text (at least 2 characters), or null for none
     */
    public static CharLanguageModel train(CharLmConfig config, String train, String validation) {
        return train(config, train, validation, List.of());
    }

    /**
     * As {@link #train(CharLmConfig, String, String)}, reporting per-batch losses and per-epoch metrics to
     * {@code listeners} (progress displays, plots, logs).
     */
    public static CharLanguageModel train(CharLmConfig config, String train, String validation,
                                          List<TrainingListener> listeners) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listeners, "listeners");
        requireText(train, "training text");
        String modelTrain = CharCodec.modelText(config.unit(), train, "training text");
        int trainChars = modelTrain.codePointCount(0, modelTrain.length());
        if (trainChars <= config.sequenceLength()) {
            throw new IllegalArgumentException("training text has " + trainChars + " characters; it must be longer "
                    + "than the sequence length (" + config.sequenceLength() + "): use more text or a shorter "
                    + "sequence length");
        }
        if (validation != null && validation.codePointCount(0, validation.length()) < 2) {
            throw new IllegalArgumentException("validation text has " + validation.codePointCount(0,
                    validation.length()) + " characters; it needs at least 2 (or no validation)");
        }
        Vocabulary vocabulary = characterVocabulary(modelTrain, config.minCharCount());
        if (vocabulary.size() <= Vocabulary.RESERVED) {
            throw new IllegalArgumentException("no character occurs at least minCharCount=" + config.minCharCount()
                    + " times in the training text");
        }
        long known = 0;
        for (int i = Vocabulary.RESERVED; i < vocabulary.size(); i++) {
            known += vocabulary.count(vocabulary.token(i));
        }
        CharCodec codec = new CharCodec(vocabulary, config.unit());
        NetworkSpec spec = spec(config, vocabulary.size());
        RecurrentNetwork network = spec.build(config.seed());
        return fit(config, codec, trainChars - known, network, train, validation, listeners);
    }

    /**
     * The code points of {@code text} with their counts, counted in place: a list of one string per character (the
     * tokenizer's output) took 3 GB for 45 MB of text.
     */
    static Vocabulary characterVocabulary(String text, long minCount) {
        Map<Integer, long[]> counts = new HashMap<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            counts.computeIfAbsent(cp, k -> new long[1])[0]++;
            i += Character.charCount(cp);
        }
        Vocabulary.Builder b = Vocabulary.builder().minCount(minCount);
        counts.forEach((cp, n) -> b.add(new String(Character.toChars(cp)), n[0]));
        return b.build();
    }

    /**
     * Trains a copy of this model further on {@code train} (validating on {@code validation}, which may be null)
     * with the training settings of {@code config}: learning rate, batch size, epochs, time budget, patience.
     * The vocabulary stays this model's (characters it has not seen read as unknown), and the network's shape
     * must stay the same. This model is not changed.
     *
     * @throws IllegalArgumentException when {@code config} describes another network (cell, layers, units,
     *                                  embedding, dropout) or the texts are too short
     */
    public CharLanguageModel continueTraining(CharLmConfig config, String train, String validation,
                                              List<TrainingListener> listeners) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listeners, "listeners");
        requireText(train, "training text");
        if (config.unit() != this.config.unit()) {
            throw new IllegalArgumentException("cannot continue training with another character unit: the model reads "
                    + this.config.unit().name().toLowerCase(Locale.ROOT) + ", the configuration asks for "
                    + config.unit().name().toLowerCase(Locale.ROOT));
        }
        if (!spec(config, codec.size()).equals(spec(this.config, codec.size()))) {
            throw new IllegalArgumentException("cannot continue training with another network shape: the model is "
                    + describe(this.config) + ", the configuration asks for " + describe(config));
        }
        if (validation != null && validation.codePointCount(0, validation.length()) < 2) {
            throw new IllegalArgumentException("validation text has " + validation.codePointCount(0,
                    validation.length()) + " characters; it needs at least 2 (or no validation)");
        }
        RecurrentNetwork copy;
        synchronized (this) {
            network.resetState();
            copy = new RecurrentNetwork(network.spec(), network.network().clone());
        }
        return fit(config, codec, unknownCount, copy, train, validation, listeners);
    }

    private static String describe(CharLmConfig c) {
        return String.format(Locale.ROOT, "%s %dx%d, embedding %d, dropout %s", c.cell().name().toLowerCase(Locale.ROOT),
                c.layers(), c.units(), c.embeddingDim(), c.dropout());
    }

    private static CharLanguageModel fit(CharLmConfig config, CharCodec codec, long unknownCount,
                                         RecurrentNetwork network, String train, String validation,
                                         List<TrainingListener> listeners) {
        Vocabulary vocabulary = codec.vocabulary();
        // Training windows are cut from the text as the model reads it (syllables as jamo for a jamo model).
        String modelTrain = codec.modelText(train, "training text");
        int trainChars = modelTrain.codePointCount(0, modelTrain.length());
        if (trainChars <= config.sequenceLength()) {
            throw new IllegalArgumentException("training text has " + trainChars + " characters; it must be longer "
                    + "than the sequence length (" + config.sequenceLength() + "): use more text or a shorter "
                    + "sequence length");
        }
        FeatureLayout layout = config.embeddingDim() > 0 ? FeatureLayout.INDICES : FeatureLayout.ONE_HOT;
        CharSequenceIterator trainIt = CharSequenceIterator.of(modelTrain, vocabulary, config.sequenceLength(),
                Batching.shuffled(config.batchSize(), config.seed()), layout);
        // The loss that picks the best epoch reads at most the first EPOCH_VALIDATION_CHARS characters of the
        // validation text: on DL4J's training path a 2.5 MB slice (5% of 50 MB) took minutes per epoch, outside any
        // time budget. The held-out scores after training read all of it (evaluateHeldOut).
        if (validation != null && validation.length() > EPOCH_VALIDATION_CHARS) {
            validation = validation.substring(0, Character.isHighSurrogate(validation.charAt(EPOCH_VALIDATION_CHARS - 1))
                    ? EPOCH_VALIDATION_CHARS - 1 : EPOCH_VALIDATION_CHARS);
        }
        String modelValidation = codec.modelText(validation, "validation text");
        CharSequenceIterator validationIt = validation == null ? null : CharSequenceIterator.of(modelValidation,
                vocabulary, config.sequenceLength(), Batching.sequential(config.batchSize()), layout);

        TrainingConfig training = config.trainingConfig();
        if (validation != null) {
            // Shown per epoch by --ui and --report (only then computed): bits per character of the validation text,
            // read in one stream through a snapshot of the epoch's weights.
            String held = validation;
            UnigramModel unigram = UnigramModel.fit(codec.vocabulary(), unknownCount);
            training = training.toBuilder().reportedMetric("val_bpc", m -> {
                try {
                    return new StreamingEvaluator(InferenceNetwork.of((MultiLayerNetwork) m), codec, unigram)
                            .batched(new int[0], new StringReader(held), EvaluationOptions.batched(), null).bpc();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);   // a StringReader does not fail
                }
            }).build();
        }
        long start = System.nanoTime();
        TrainingResult result = new Trainer(training, listeners.toArray(new TrainingListener[0]))
                .fit(network.network(), trainIt, validationIt);
        double seconds = (System.nanoTime() - start) / 1e9;

        // The trainer's losses are nats per window (DL4J sums over steps, averages over examples); windows and
        // predicted characters are known exactly, so the conversion to bits per character is exact.
        double charsPerWindow = (double) (trainChars - 1) / trainIt.numExamples();
        List<Double> validationBpc = new ArrayList<>();
        long examples = 0;
        double trainSeconds = 0;
        for (EpochMetrics m : result.history()) {
            examples += m.examples();
            trainSeconds += m.seconds();
            if (validationIt != null) {
                long targets = modelValidation.codePointCount(0, modelValidation.length()) - 1L;
                validationBpc.add(m.validationLoss() * validationIt.numExamples() / (targets * LN2));
            }
        }
        TrainingSummary summary = new TrainingSummary(result.history(), validationBpc, result.stopReason(),
                result.bestEpoch(), trainChars, seconds, examples * charsPerWindow / Math.max(trainSeconds, 1e-9));
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!validationBpc.isEmpty()) {
            metrics.put("val_bpc_windowed", validationBpc.get(Math.max(0, result.bestEpoch() - 1)));
        }
        metrics.put("train_chars_per_second", summary.charsPerSecond());
        metrics.put("epochs", (double) result.history().size());
        return new CharLanguageModel(config, codec, unknownCount, network, summary,
                DataFingerprint.ofStrings(train), metrics);
    }

    /** The network a configuration describes, for a vocabulary of {@code vocabSize} entries. */
    static NetworkSpec spec(CharLmConfig config, int vocabSize) {
        NetworkSpec.Builder b = NetworkSpec.builder();
        if (config.embeddingDim() > 0) {
            b.add(new Embedding(vocabSize, config.embeddingDim()));
        } else {
            b.features(vocabSize);
        }
        for (int i = 0; i < config.layers(); i++) {
            b.add(config.cell() == Cell.LSTM ? new Lstm(config.units(), true) : new Gru(config.units(), true));
            if (config.dropout() > 0) {
                b.add(new Dropout(config.dropout()));
            }
        }
        return b.add(new Dense(vocabSize, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build();
    }

    private static void requireText(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** Metrics recorded when the model was trained or saved (e.g. {@code val_bpc}, {@code test_bpc}). */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** The configuration the model was built and trained with. */
    public CharLmConfig config() {
        return config;
    }

    /** The character vocabulary (PAD, UNK, then characters by training frequency). */
    public Vocabulary vocabulary() {
        return codec.vocabulary();
    }

    /**
     * The underlying DL4J network (summary, weights, stateful stepping). Not thread-safe; sampling and evaluation
     * do not use it (they run on a snapshot of its weights taken when this model was built).
     */
    public RecurrentNetwork network() {
        return network;
    }

    /** The Keras-style summary of the network. */
    public Summary summary() {
        return network.summary();
    }

    /** How training went; empty for a model loaded from a file. */
    public Optional<TrainingSummary> training() {
        return Optional.ofNullable(training);
    }

    /** The unigram baseline fitted on the training text. */
    public UnigramModel unigram() {
        return unigram;
    }

    // ------------------------------------------------------------------------------------------------ sampling

    /** Samples text; see {@link SamplingOptions}. */
    public GeneratedText sample(SamplingOptions options) {
        return sample(options, null);
    }

    /**
     * Samples text, handing every character to {@code listener} as soon as it is drawn (streaming).
     *
     * @param listener receives each character, or null
     * @throws IllegalArgumentException when the prefix has unknown characters and the policy is
     *                                  {@link UnknownCharPolicy#FAIL}
     */
    public GeneratedText sample(SamplingOptions options, CharacterListener listener) {
        Objects.requireNonNull(options, "options");
        long start = System.nanoTime();
        StringBuilder[] out = new StringBuilder[options.count()];
        for (int s = 0; s < out.length; s++) {
            // Not sized by the length: a caller asking for 2^31 - 1 characters must not overflow or allocate upfront.
            out[s] = new StringBuilder(Math.min(options.length(), 1 << 16));
        }
        try (Sampler sampler = new Sampler(options)) {
            // Lengths count characters of the text: a jamo model may draw two or three symbols for one syllable.
            int[] produced = new int[out.length];
            int done = 0;
            while (true) {
                int[] ids = sampler.draw();
                for (int s = 0; s < ids.length; s++) {
                    if (produced[s] == options.length()) {
                        continue;
                    }
                    String text = sampler.composers[s].add(ids[s]);
                    for (int i = 0; i < text.length() && produced[s] < options.length(); ) {
                        int cp = text.codePointAt(i);
                        String c = text.substring(i, i + Character.charCount(cp));
                        i += c.length();
                        out[s].append(c);
                        produced[s]++;
                        if (listener != null) {
                            listener.onCharacter(s, c);
                        }
                    }
                    if (produced[s] == options.length()) {
                        done++;
                    }
                }
                if (done == out.length) {
                    break;
                }
                sampler.feed(ids);
            }
            List<String> samples = new ArrayList<>(out.length);
            for (StringBuilder b : out) {
                samples.add(b.toString());
            }
            return new GeneratedText(sampler.prefix, samples, options.seed(), sampler.warnings,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * A lazy stream of one sample's characters: each {@code next()} draws one more, up to
     * {@link SamplingOptions#length()}. The iterator keeps its own recurrent state, so other calls on this model
     * may be interleaved with it; the iterator itself is for one thread.
     *
     * @throws IllegalArgumentException when {@code options.count() != 1}
     */
    public CharacterStream characters(SamplingOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.count() != 1) {
            throw new IllegalArgumentException("characters() streams one sample; got count=" + options.count()
                    + " (use sample(options, listener) for several)");
        }
        // A one-sequence stream computes in Java only and holds no native memory: nothing to close.
        Sampler sampler = new Sampler(options);
        return new CharacterStream() {
            private int produced;
            private boolean drawn;
            private final java.util.ArrayDeque<String> ready = new java.util.ArrayDeque<>(2);

            @Override
            public String prefix() {
                return sampler.prefix;
            }

            @Override
            public List<String> warnings() {
                return List.copyOf(sampler.warnings);
            }

            @Override
            public boolean hasNext() {
                return produced < options.length();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("all " + options.length() + " characters were produced");
                }
                while (ready.isEmpty()) {
                    if (drawn) {
                        sampler.feed(sampler.last);
                    }
                    String text = sampler.composers[0].add(sampler.draw()[0]);
                    drawn = true;
                    for (int i = 0; i < text.length(); ) {
                        int n = Character.charCount(text.codePointAt(i));
                        ready.add(text.substring(i, i + n));
                        i += n;
                    }
                }
                produced++;
                return ready.poll();
            }
        };
    }

    /** Primes a stream of the engine with a prefix and draws characters; one caller's state. */
    private final class Sampler implements AutoCloseable {
        final String prefix;
        final List<String> warnings = new ArrayList<>();
        final SamplingOptions options;
        final Random[] random;
        /** One per sample: symbols to characters (jamo composed into syllables). */
        final JamoComposer[] composers;
        private final InferenceStream stream;
        double[][] probabilities;
        int[] last;

        Sampler(SamplingOptions options) {
            this.options = options;
            // One generator per sample, so sample s of a batch is the same text whatever the batch size.
            this.random = new Random[options.count()];
            this.composers = new JamoComposer[options.count()];
            for (int s = 0; s < random.length; s++) {
                random[s] = new Random(options.seed() + s * 0x9E3779B97F4A7C15L);
                composers[s] = new JamoComposer(codec);
            }
            StringBuilder used = new StringBuilder();
            List<Integer> ids = new ArrayList<>();
            Set<String> unknown = new LinkedHashSet<>();
            String p = options.prefix();
            if (codec.isJamo()) {
                io.rnnkit.text.Hangul.requireNoConjoiningJamo(p, "the prefix");
            }
            for (int i = 0; i < p.length(); ) {
                int cp = p.codePointAt(i);
                i += Character.charCount(cp);
                // A syllable of a jamo model is known when all its jamo are; otherwise it is unknown as a whole.
                String symbols = codec.symbols(cp);
                boolean known = symbols.codePoints().allMatch(codec::knows);
                if (known || options.unknownChars() == UnknownCharPolicy.UNK) {
                    symbols.codePoints().forEach(sym -> ids.add(codec.indexOf(sym)));
                    used.appendCodePoint(cp);
                }
                if (!known) {
                    unknown.add(describe(cp));
                }
            }
            if (!unknown.isEmpty()) {
                String list = String.join(", ", unknown);
                if (options.unknownChars() == UnknownCharPolicy.FAIL) {
                    throw new IllegalArgumentException("the prefix has characters this model never saw in training: "
                            + list);
                }
                String warning = (options.unknownChars() == UnknownCharPolicy.SKIP ? "skipped" : "fed as <unk>")
                        + " prefix characters unknown to the model: " + list;
                warnings.add(warning);
                LOG.warn(warning);
            }
            this.prefix = used.toString();
            int[] context = ids.stream().mapToInt(Integer::intValue).toArray();
            if (context.length == 0) {
                // Nothing to condition on: start as if after a line break (or the commonest character), the
                // natural "beginning" of a text; this start character is not part of the output.
                int newline = codec.indexOf('\n');
                context = new int[] {newline != Vocabulary.UNK ? newline : Vocabulary.RESERVED};
            }
            stream = engine.newStream(options.count());
            prime(context);
        }

        /** Feeds every sample the context, in pieces that keep each call's output small. */
        private void prime(int[] context) {
            int piece = Math.max(1, Math.min(EVALUATION_CHUNK, PRIMING_ROWS / options.count()));
            int[][] rows = new int[options.count()][];
            float[][] lastStep = new float[rows.length][];
            for (int from = 0; from < context.length; from += piece) {
                Arrays.fill(rows, Arrays.copyOfRange(context, from, Math.min(context.length, from + piece)));
                float[][][] out = stream.steps(rows);
                for (int s = 0; s < rows.length; s++) {
                    lastStep[s] = out[s][out[s].length - 1];
                }
            }
            probabilities = doubles(lastStep);
        }

        /** Draws one character per sample from the current distributions. */
        int[] draw() {
            int[] ids = new int[probabilities.length];
            for (int s = 0; s < ids.length; s++) {
                composers[s].restrict(probabilities[s]);
                ids[s] = choose(probabilities[s], options, random[s]);
            }
            last = ids;
            return ids;
        }

        /** Advances the state by the drawn characters. */
        void feed(int[] ids) {
            probabilities = doubles(stream.step(ids));
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    private static double[][] doubles(float[][] p) {
        double[][] out = new double[p.length][];
        for (int s = 0; s < p.length; s++) {
            out[s] = new double[p[s].length];
            for (int i = 0; i < p[s].length; i++) {
                out[s][i] = p[s][i];
            }
        }
        return out;
    }

    private static String describe(int cp) {
        return "'" + new String(Character.toChars(cp)) + "' (U+" + String.format(Locale.ROOT, "%04X", cp) + ")";
    }

    /**
     * Draws an index from {@code p} after temperature, top-k and top-p, never PAD or UNK. Pure apart from
     * {@code random}; package-private for tests.
     */
    static int choose(double[] p, SamplingOptions o, Random random) {
        int v = p.length;
        // Temperature in log space: p^(1/T) overflows for small T, log(p)/T does not.
        double[] logit = new double[v];
        int candidates = 0;
        for (int i = 0; i < v; i++) {
            boolean allowed = i >= Vocabulary.RESERVED && p[i] > 0;
            logit[i] = allowed ? Math.log(p[i]) / o.temperature() : Double.NEGATIVE_INFINITY;
            if (allowed) {
                candidates++;
            }
        }
        if (candidates == 0) {
            // Degenerate output (all mass on PAD/UNK or underflow): fall back to the commonest character.
            return Vocabulary.RESERVED;
        }
        Integer[] order = new Integer[v];
        for (int i = 0; i < v; i++) {
            order[i] = i;
        }
        // Stable sort: equal scores keep index order, so ties break the same way every time.
        Arrays.sort(order, (a, b) -> Double.compare(logit[b], logit[a]));
        int keep = candidates;
        if (o.topK() > 0) {
            keep = Math.min(keep, o.topK());
        }
        if (keep == 1) {
            return order[0];
        }
        double max = logit[order[0]];
        double[] q = new double[keep];
        double total = 0;
        for (int r = 0; r < keep; r++) {
            q[r] = Math.exp(logit[order[r]] - max);
            total += q[r];
        }
        if (o.topP() < 1) {
            double mass = 0;
            int nucleus = 0;
            while (nucleus < keep) {
                mass += q[nucleus] / total;
                nucleus++;
                if (mass >= o.topP()) {
                    break;
                }
            }
            keep = nucleus;
            total = 0;
            for (int r = 0; r < keep; r++) {
                total += q[r];
            }
        }
        double u = random.nextDouble() * total;
        for (int r = 0; r < keep; r++) {
            u -= q[r];
            if (u < 0) {
                return order[r];
            }
        }
        return order[keep - 1];
    }

    /** Network input for rows of indices, all of the same length: one-hot features or token ids. */
    private INDArray input(int[][] rows) {
        int batch = rows.length;
        int time = rows[0].length;
        if (config.embeddingDim() > 0) {
            INDArray x = Nd4j.create(DataType.FLOAT, batch, time);
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < time; t++) {
                    x.putScalar(b, t, rows[b][t]);
                }
            }
            return x;
        }
        INDArray x = Nd4j.zeros(DataType.FLOAT, batch, codec.size(), time);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                x.putScalar(new long[] {b, rows[b][t], t}, 1.0);
            }
        }
        return x;
    }

    // ------------------------------------------------------------------------------------------------ evaluation

    /**
     * Bits per character on {@code text}, predicting every character from the ones before it with the state
     * carried through the whole text (the first character only serves as context).
     *
     * @throws IllegalArgumentException for text with fewer than 2 characters
     */
    public Evaluation evaluate(String text) {
        return evaluate("", text, EVALUATION_CHUNK);
    }

    /**
     * Bits per character on {@code text} after reading {@code context} (e.g. the text just before it), so every
     * character of {@code text}, the first included, is predicted with history.
     */
    public Evaluation evaluate(String context, String text) {
        return evaluate(context, text, EVALUATION_CHUNK);
    }

    /**
     * Scores the validation and test parts of {@code split}, each after the {@code context} characters before it
     * ({@link HeldOutScores#DEFAULT_CONTEXT} is the usual choice); a part shorter than 2 characters is left unscored.
     * Scored batched ({@link EvaluationOptions#batched()}, every part reading {@code context} characters before
     * it), which agrees with one sequential pass to about 1e-6 bits per character and is several times faster.
     *
     * @throws IllegalArgumentException when {@code context} is negative
     */
    public HeldOutScores evaluateHeldOut(TextSplit split, int context) {
        return evaluateHeldOut(split, context, null);
    }

    /**
     * As {@link #evaluateHeldOut(TextSplit, int)}, stopping at {@code deadline} (null for none): a part reached
     * late is scored on the characters read until then, which its {@link Evaluation#chars()} tells, and a part not
     * reached at all is left unscored. This is how {@code rnnkit charlm train --minutes} bounds the whole command.
     */
    public HeldOutScores evaluateHeldOut(TextSplit split, int context, Instant deadline) {
        Objects.requireNonNull(split, "split");
        if (context < 0) {
            throw new IllegalArgumentException("context must be >= 0 characters, got " + context);
        }
        EvaluationOptions options = EvaluationOptions.batched().withPartContext(Math.max(1, context));
        java.util.function.BooleanSupplier late = deadline == null ? null : () -> Instant.now().isAfter(deadline);
        return new HeldOutScores(context, scoreAfter(split.train(), split.validation(), context, options, late),
                scoreAfter(split.beforeTest(), split.test(), context, options, late));
    }

    private Evaluation scoreAfter(String before, String part, int context, EvaluationOptions options,
                                  java.util.function.BooleanSupplier late) {
        if (part.codePointCount(0, part.length()) < 2 || (late != null && late.getAsBoolean())) {
            return null;
        }
        try {
            return evaluator.batched(codec.encode(TextSplit.tail(before, context)), new StringReader(part), options,
                    null, late);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringReader does not fail
        }
    }

    /** As {@link #evaluate(String, String)} with a chosen chunk size; the result does not depend on it. */
    Evaluation evaluate(String context, String text, int chunk) {
        if (context == null) {
            throw new IllegalArgumentException("context must not be null (use \"\" for none)");
        }
        if (text == null) {
            throw new IllegalArgumentException("text to evaluate must not be null");
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        }
        try {
            return evaluator.sequential(codec.encode(context), new StringReader(text), chunk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringReader does not fail
        }
    }

    /**
     * Bits per character on a UTF-8 text file, read as a stream and scored batched
     * ({@link EvaluationOptions#batched()}): memory stays bounded whatever the file's size.
     *
     * @throws UncheckedIOException when the file cannot be read or is not valid UTF-8
     */
    public Evaluation evaluate(Path file) {
        return evaluate(file, EvaluationOptions.batched());
    }

    /** As {@link #evaluate(Path)}, scored as {@code options} say (e.g. {@link EvaluationOptions#sequential()}). */
    public Evaluation evaluate(Path file, EvaluationOptions options) {
        Objects.requireNonNull(file, "file");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return evaluate("", in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getCause(), e.getCause());
        }
    }

    /** Bits per character on a text read from {@code text} as a stream, scored batched; see {@link #evaluate(Path)}. */
    public Evaluation evaluate(Reader text) {
        return evaluate("", text, EvaluationOptions.batched());
    }

    /**
     * Bits per character on a text read from {@code text} as a stream (never held whole), after reading
     * {@code context}: sequentially, the state carried through context and text as {@link #evaluate(String,
     * String)} does, or batched, where only the last {@link EvaluationOptions#partContext()} characters of the
     * context are read, as every part reads the characters before it. Characters unknown to the model are scored
     * as {@code <unk>} and counted ({@link Evaluation#unknownChars()}). The reader is not closed.
     *
     * @throws IllegalArgumentException when there is nothing to score (see {@link #evaluate(String)})
     * @throws UncheckedIOException     when reading fails
     */
    public Evaluation evaluate(String context, Reader text, EvaluationOptions options) {
        if (context == null || text == null || options == null) {
            throw new IllegalArgumentException("context, text and options must not be null (use \"\" for no context)");
        }
        int[] ctx = codec.encode(context);
        try {
            return options.isSequential() ? evaluator.sequential(ctx, text, EVALUATION_CHUNK)
                    : evaluator.batched(ctx, text, options, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the text: " + e, e);
        }
    }

    /**
     * Bits per character with dynamic evaluation by the SGD rule: {@code evaluateDynamic(context, text,
     * DynamicEvaluation.sgd(segment, learningRate))}.
     *
     * @throws IllegalArgumentException for a segment below 1, a negative rate, or text too short to score
     */
    public Evaluation evaluateDynamic(String context, String text, int segment, double learningRate) {
        return evaluateDynamic(context, text, DynamicEvaluation.sgd(segment, learningRate));
    }

    /**
     * Bits per character with dynamic evaluation (Krause et al., 2018): the model keeps learning while it reads,
     * as an adaptive compressor does. The text is cut into segments; each is scored with the weights learned so
     * far and then used for one update (see {@link DynamicEvaluation} for the rules), the state carried across
     * segments. {@code context} is read first (it sets the state); it is not scored, and learned from only with
     * {@link DynamicEvaluation#learningFromContext()}. With rate 0
     * this is {@link #evaluate(String, String)}. This model is not changed: a copy of the network adapts, with
     * dropout and weight penalties off.
     *
     * @throws IllegalArgumentException for null arguments or text too short to score
     */
    public Evaluation evaluateDynamic(String context, String text, DynamicEvaluation settings) {
        if (context == null || text == null || settings == null) {
            throw new IllegalArgumentException("context, text and settings must not be null (use \"\" for no context)");
        }
        if (settings.learningRate() == 0) {
            return evaluate(context, text);
        }
        long start = System.nanoTime();
        int[] ctx = codec.encode(context);
        if (settings.learnContext() && ctx.length > 1) {
            // A segment boundary where scoring starts: no segment mixes learned-only and scored characters.
            ctx = Arrays.copyOfRange(ctx, (ctx.length - 1) % settings.segment(), ctx.length);
        }
        CharCodec.TextCounts counts = new CharCodec.TextCounts();
        int[] body = codec.encode(text, counts);
        int firstScored = Math.max(1, ctx.length);
        int n = ctx.length + body.length;
        if (n - firstScored < 1) {
            throw new IllegalArgumentException("text to evaluate has " + body.length + " characters; it needs at "
                    + "least " + (ctx.length == 0 ? 2 : 1));
        }
        int[] all = new int[n];
        System.arraycopy(ctx, 0, all, 0, ctx.length);
        System.arraycopy(body, 0, all, ctx.length, body.length);
        int steps = n - 1;
        float[] labelMask = new float[steps];
        Tally tally = new Tally(unigram);
        for (int i = 0; i < steps; i++) {
            if (settings.learnContext()) {
                labelMask[i] = 1f;
            }
            if (i + 1 >= firstScored) {
                labelMask[i] = 1f;
                tally.count(all[i + 1]);
            }
        }
        MultiLayerNetwork copy = adaptingCopy(settings);
        // Segments before this step only teach (with learnContext; otherwise they score zero).
        int scoredFrom = settings.learnContext() ? firstScored - 1 : 0;
        // The scores come from the DL4J copy's own forward passes, which its gradients need anyway: the engine
        // would add a pass and a weight snapshot per segment, not save one.
        tally.addNats(settings.rule() == DynamicEvaluation.Rule.SGD
                ? sgdNats(copy, all, labelMask, settings, scoredFrom)
                : rmsNats(copy, all, labelMask, settings, scoredFrom));
        // Without context the first symbol is only read: a character it completed alone is not predicted.
        int first = text.isEmpty() ? 0 : text.codePointAt(0);
        boolean firstAlone = ctx.length == 0 && !text.isEmpty() && codec.symbols(first).length() == 1;
        return tally.evaluation(start, counts.chars - (firstAlone ? 1 : 0),
                counts.syllables - (firstAlone && io.rnnkit.text.Hangul.isSyllable(first) ? 1 : 0));
    }

    /** A copy of the network set up to learn segment by segment: truncated BPTT, no dropout, no weight penalty. */
    private MultiLayerNetwork adaptingCopy(DynamicEvaluation settings) {
        MultiLayerNetwork copy;
        synchronized (this) {
            network.resetState();
            copy = network.network().clone();
        }
        boolean sgd = settings.rule() == DynamicEvaluation.Rule.SGD;
        new Trainer(TrainingConfig.builder().optimizer(Optimizer.SGD, sgd ? settings.learningRate() : 1.0)
                .gradientClipNorm(sgd ? config.gradientClipNorm() : 0).tbpttLength(settings.segment())
                .progress(TrainingConfig.Progress.QUIET).build()).configure(copy);
        for (org.deeplearning4j.nn.api.Layer layer : copy.getLayers()) {
            // Scoring runs through the training-mode forward pass: dropout would corrupt the scores, and a weight
            // penalty would be added to them.
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            conf.setIDropout(null);
            if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) {
                base.setRegularization(new ArrayList<>());
                base.setRegularizationBias(new ArrayList<>());
            }
        }
        return copy;
    }

    /** The SGD rule as one truncated-BPTT fit whose per-segment scores are taken before each update. */
    private double sgdNats(MultiLayerNetwork copy, int[] all, float[] labelMask, DynamicEvaluation settings,
                           int scoredFrom) {
        int steps = all.length - 1;
        double[] nats = {0};
        int[] segmentsDone = {0};
        copy.setListeners(new org.deeplearning4j.optimize.api.BaseTrainingListener() {
            @Override
            public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                // The score of a truncated-BPTT segment is taken before its update: the dynamic-evaluation loss.
                if ((long) segmentsDone[0]++ * settings.segment() >= scoredFrom) {
                    nats[0] += model.score();
                }
            }
        });
        copy.fit(new org.nd4j.linalg.dataset.DataSet(sequenceInput(all), oneHotTargets(all),
                null, Nd4j.create(labelMask, new long[] {1, steps}, 'c')));
        return nats[0];
    }

    /**
     * The RMS rule with decay: mean squared gradients of the statistics text's segments at the trained weights,
     * then per segment score, gradient, normalised step and decay towards the trained weights.
     */
    private double rmsNats(MultiLayerNetwork copy, int[] all, float[] labelMask, DynamicEvaluation settings,
                           int scoredFrom) {
        INDArray params = copy.params();
        INDArray gradient = copy.getFlattenedGradients();
        INDArray meanSquare = meanSquareGradients(copy, settings);
        INDArray rms = org.nd4j.linalg.ops.transforms.Transforms.sqrt(meanSquare, true);
        double meanRms = rms.meanNumber().doubleValue();
        // η / (√MS + ε) per weight, and λ·√MS/mean(√MS) capped at 1.
        INDArray step = rms.add(DynamicEvaluation.EPSILON).rdivi(settings.learningRate());
        INDArray decay = settings.decay() > 0 && meanRms > 0
                ? org.nd4j.linalg.ops.transforms.Transforms.min(rms.div(meanRms).muli(settings.decay()), 1.0, false)
                : null;
        INDArray trained = decay == null ? null : params.dup();
        return segments(copy, all, labelMask, settings.segment(), scoredFrom, () -> {
            params.subi(gradient.reshape(params.shape()).mul(step));
            if (decay != null) {
                params.addi(trained.sub(params).muli(decay));
            }
        });
    }

    /**
     * Mean squared gradient of the statistics text's segments at the trained weights (the model's own, as
     * {@code copy} still holds them); reused while the text (the same instance), the segment and the weights are.
     */
    private INDArray meanSquareGradients(MultiLayerNetwork copy, DynamicEvaluation settings) {
        INDArray params = copy.params();
        double fingerprint = params.sumNumber().doubleValue();
        GradientStatistics cached = lastStatistics;
        if (cached != null && cached.text() == settings.statisticsText() && cached.segment() == settings.segment()
                && cached.fingerprint() == fingerprint) {
            return cached.meanSquare();
        }
        int[] stats = codec.encode(settings.statisticsText());
        float[] statsMask = new float[stats.length - 1];
        Arrays.fill(statsMask, 1f);
        INDArray gradient = copy.getFlattenedGradients();
        INDArray meanSquare = Nd4j.zeros(params.dataType(), params.shape());
        int[] count = {0};
        segments(copy, stats, statsMask, settings.segment(), 0, () -> {
            INDArray g = gradient.reshape(params.shape());   // a [1, n] view as params' [n]; read only
            meanSquare.addi(g.mul(g));
            count[0]++;
        });
        meanSquare.divi(count[0]);
        lastStatistics = new GradientStatistics(settings.statisticsText(), settings.segment(), fingerprint,
                meanSquare);
        return meanSquare;
    }

    private record GradientStatistics(String text, int segment, double fingerprint, INDArray meanSquare) {
    }

    /**
     * Runs {@code all} through {@code copy} segment by segment with the state carried over: per segment a forward and
     * backward pass (gradient in the flattened gradient view), then {@code afterGradient}.
     *
     * @return the summed loss in nats of the segments from step {@code scoredFrom} on, each taken before its
     *         {@code afterGradient}
     */
    private double segments(MultiLayerNetwork copy, int[] all, float[] labelMask, int segment, int scoredFrom,
                            Runnable afterGradient) {
        int steps = all.length - 1;
        INDArray x = sequenceInput(all);
        INDArray y = oneHotTargets(all);
        INDArray mask = Nd4j.create(labelMask, new long[] {1, steps}, 'c');
        double nats = 0;
        copy.rnnClearPreviousState();
        for (int from = 0; from < steps; from += segment) {
            int to = Math.min(steps, from + segment);
            var time = org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
            var any = org.nd4j.linalg.indexing.NDArrayIndex.all();
            copy.setInput(x.get(any, any, time).dup());
            copy.setLabels(y.get(any, any, time).dup());
            copy.setLayerMaskArrays(null, mask.get(any, time).dup());
            copy.computeGradientAndScore();
            if (from >= scoredFrom) {
                nats += copy.score();
            }
            afterGradient.run();
            copy.updateRnnStateWithTBPTTState();
        }
        copy.rnnClearPreviousState();
        copy.clearLayerMaskArrays();
        return nats;
    }

    /** The network input for positions 0 .. n-2 of {@code all}, as {@code [1, features, time]}. */
    private INDArray sequenceInput(int[] all) {
        int steps = all.length - 1;
        INDArray x = input(new int[][] {Arrays.copyOfRange(all, 0, steps)});
        // Truncated BPTT cuts along axis 2: embedded (index) input goes in as [1, 1, time].
        return x.rank() == 2 ? x.reshape(1, 1, steps) : x;
    }

    /** One-hot targets {@code all[i + 1]}, {@code [1, V, time]}. */
    private INDArray oneHotTargets(int[] all) {
        int steps = all.length - 1;
        int v = codec.size();
        float[] y = new float[v * steps];
        for (int i = 0; i < steps; i++) {
            y[all[i + 1] * steps + i] = 1f;
        }
        return Nd4j.create(y, new long[] {1, v, steps}, 'c');
    }

    // ------------------------------------------------------------------------------------------------ model file

    /** Saves the model (network, vocabulary, settings, metrics) to one {@code .rnnk} file, atomically. */
    public void save(Path path) {
        save(path, Map.of());
    }

    /** Saves the model, adding {@code extraMetrics} (e.g. a test bpc) to the manifest's metrics. */
    public synchronized void save(Path path, Map<String, Double> extraMetrics) {
        Objects.requireNonNull(path, "path");
        Map<String, Double> allMetrics = new LinkedHashMap<>(metrics);
        allMetrics.putAll(extraMetrics);
        Map<String, Object> settings = new LinkedHashMap<>(config.toMap());
        settings.put("vocabSize", codec.size());
        settings.put("unknownCount", unknownCount);
        settings.put("tokenizer", new CharTokenizer(config.unit()).toSettings());
        Manifest manifest = Manifest.forTask(TASK).withHyperParameters(config.toMap()).withMetrics(allMetrics);
        if (trainingData != null) {
            manifest = manifest.withTrainingData(trainingData);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(SETTINGS_ENTRY, JSON.writeValueAsBytes(settings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the model settings: " + e.getOriginalMessage(), e);
        }
        entries.put(VOCAB_ENTRY, vocabularyBytes(codec.vocabulary()));
        network.resetState();
        ModelFile.save(path, manifest, network.network(), entries);
    }

    /**
     * Loads a model from a file path or a built-in name such as {@code builtin:charlm} (see
     * {@link ModelLocation}).
     */
    public static CharLanguageModel load(String location) {
        return fromModel(ModelFile.load(location, TASK));
    }

    /**
     * Loads a model saved by {@link #save(Path)}.
     *
     * @throws ModelFileException when the file is missing, damaged, newer than this rnnkit, or not a character model
     */
    public static CharLanguageModel load(Path path) {
        return fromModel(ModelFile.load(path, TASK));
    }

    private static CharLanguageModel fromModel(LoadedModel loaded) {
        String path = loaded.source();
        loaded.entries().requireAll(SETTINGS_ENTRY, VOCAB_ENTRY);
        Map<String, Object> settings;
        try {
            settings = JSON.readValue(loaded.entries().bytes(SETTINGS_ENTRY), new TypeReference<>() { });
        } catch (IOException e) {
            throw new ModelFileException(path + " has an unreadable " + SETTINGS_ENTRY + ": " + e.getMessage(), e);
        }
        try {
            CharLmConfig config = configFrom(settings);
            Vocabulary vocabulary = vocabularyFrom(loaded.entries().bytes(VOCAB_ENTRY));
            int vocabSize = ((Number) settings.get("vocabSize")).intValue();
            if (vocabulary.size() != vocabSize) {
                throw new ModelFileException(path + ": " + VOCAB_ENTRY + " has " + vocabulary.size()
                        + " entries but the model was built for " + vocabSize);
            }
            long unknownCount = ((Number) settings.get("unknownCount")).longValue();
            RecurrentNetwork network = new RecurrentNetwork(spec(config, vocabSize), loaded.multiLayerNetwork());
            checkShapes(path, network, config);
            return new CharLanguageModel(config, new CharCodec(vocabulary, config.unit()), unknownCount, network, null,
                    loaded.manifest().trainingData(), loaded.manifest().metrics());
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new ModelFileException(path + " has inconsistent character-model settings: " + e.getMessage(), e);
        }
    }

    private static void checkShapes(String path, RecurrentNetwork network, CharLmConfig config) {
        org.deeplearning4j.nn.conf.layers.Layer first = network.network().getLayer(config.embeddingDim() > 0 ? 1 : 0)
                .conf().getLayer();
        if (first instanceof BaseRecurrentLayer r && r.getNOut() != config.units()) {
            throw new ModelFileException(path + ": the network has " + r.getNOut() + " units per layer, its settings say "
                    + config.units());
        }
    }

    static CharLmConfig configFrom(Map<String, Object> s) {
        CharLmConfig.Builder b = CharLmConfig.builder()
                .cell(Cell.valueOf(((String) s.get("cell")).toUpperCase(Locale.ROOT)))
                .layers(num(s, "layers").intValue())
                .units(num(s, "units").intValue())
                .dropout(num(s, "dropout").doubleValue())
                .embeddingDim(num(s, "embeddingDim").intValue())
                .sequenceLength(num(s, "sequenceLength").intValue())
                .tbpttLength(num(s, "tbpttLength").intValue())
                .batchSize(num(s, "batchSize").intValue())
                .learningRate(num(s, "learningRate").doubleValue())
                .gradientClipNorm(num(s, "gradientClipNorm").doubleValue())
                .epochs(num(s, "epochs").intValue())
                .patience(num(s, "patience").intValue())
                .validationFraction(num(s, "validationFraction").doubleValue())
                .minCharCount(num(s, "minCharCount").intValue())
                .seed(num(s, "seed").longValue());
        // No budget recorded means none, not the builder's default budget.
        Object minutes = s.get("minutes");
        b.timeBudget(minutes instanceof Number n ? Duration.ofMillis(Math.round(n.doubleValue() * 60_000)) : null);
        // Files written before jamo models existed have no unit: they read code points.
        Object unit = s.get("unit");
        if (unit != null) {
            if (!(unit instanceof String u)) {
                throw new IllegalArgumentException("setting 'unit' is not a string");
            }
            try {
                b.unit(CharTokenizer.Unit.valueOf(u.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting 'unit' is '" + u + "', not code_point or jamo");
            }
        }
        return b.build();
    }

    private static Number num(Map<String, Object> s, String key) {
        Object v = s.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("setting '" + key + "' is missing or not a number");
        }
        return n;
    }

    private static byte[] vocabularyBytes(Vocabulary vocabulary) {
        try {
            return vocabulary.toBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the vocabulary: " + e.getMessage(), e);
        }
    }

    private static Vocabulary vocabularyFrom(byte[] bytes) {
        try {
            return Vocabulary.fromBytes(bytes, VOCAB_ENTRY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vocabulary: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CharLanguageModel[" + config.cell() + " " + config.layers() + "x" + config.units() + ", vocabulary "
                + codec.size() + ", params "
                + network.summary().totalParams() + "]";
    }
}
