package io.rnnkit.translate;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.nn.io.DataFingerprint;
import io.rnnkit.nn.io.LoadedModel;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelEntries;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.train.Optimizer;
import io.rnnkit.nn.train.Trainer;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingListener;
import io.rnnkit.nn.train.TrainingResult;
import io.rnnkit.translate.metrics.Bleu;
import io.rnnkit.translate.metrics.ChrF;
import io.rnnkit.translate.text.Subwords;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * English → Korean (or any pair) translation with an encoder–decoder with attention: trained with DL4J
 * ({@link #train}), translating on rnnkit's inference engine with beam search ({@link #translate},
 * {@link #translateAll}), saved as one model file holding the network and both vocabularies ({@link #save},
 * {@link #load}). Thread-safe: any number of threads may translate with one instance.
 *
 * <pre>{@code
 * Translator t = Translator.load("builtin:translate-en-ko");
 * t.translate("Opens the Print dialog.").text();   // "[인쇄] 대화 상자를 엽니다." or close to it
 * }</pre>
 */
public final class Translator {
    public static final String TASK = "translate";
    static final String SETTINGS = "translator.json";
    static final String SOURCE_VOCAB = "source.vocab";
    static final String SOURCE_MERGES = "source.merges";
    static final String TARGET_VOCAB = "target.vocab";
    static final String TARGET_MERGES = "target.merges";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Sentences decoded together (one stream of up to this × beam rows). */
    private static final int CHUNK = 32;

    private final TranslatorConfig config;
    private final Subwords source;
    private final Subwords target;
    private final ComputationGraph network;
    private final TranslationEngine engine;
    private final Map<String, Double> metrics;
    private final DataFingerprint trainingData;

    private Translator(TranslatorConfig config, Subwords source, Subwords target, ComputationGraph network,
                       Map<String, Double> metrics, DataFingerprint trainingData) {
        this.config = config;
        this.source = source;
        this.target = target;
        this.network = network;
        this.engine = TranslationEngine.of(network);
        this.metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.trainingData = trainingData;
    }

    /**
     * Trains a translator.
     *
     * @param training   sentence pairs to learn from (pairs longer than the config's limits are left out)
     * @param validation pairs for the validation loss (best epoch, early stopping), or an empty list
     * @param listeners  progress receivers
     */
    public static Translator train(TranslatorConfig config, List<SentencePair> training,
                                   List<SentencePair> validation, TrainingListener... listeners) {
        return train(config, training, validation, TrainingConfig.Progress.AUTO, listeners);
    }

    /** {@link #train(TranslatorConfig, List, List, TrainingListener...)} with a choice of progress bar. */
    public static Translator train(TranslatorConfig config, List<SentencePair> training, List<SentencePair> validation,
                                   TrainingConfig.Progress progress, TrainingListener... listeners) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training pairs");
        }
        Subwords src = Subwords.learn(config.sourceUnit(), config.sourceMerges(), config.maxVocabulary(),
                training.stream().map(SentencePair::source).toList());
        Subwords tgt = Subwords.learn(config.targetUnit(), config.targetMerges(), config.maxVocabulary(),
                training.stream().map(SentencePair::target).toList());
        List<PairBatches.Encoded> train = encode(src, tgt, training, config);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("every training pair is longer than " + config.maxSourceTokens()
                    + " source or " + config.maxTargetTokens() + " target tokens");
        }
        List<PairBatches.Encoded> valid = encode(src, tgt, validation, config);
        ComputationGraph graph = EncoderDecoder.build(config, src.size(), tgt.size());
        TrainingConfig tc = TrainingConfig.builder()
                .epochs(config.epochs())
                .timeBudget(config.timeBudget())
                .batchSize(config.batchSize())
                .optimizer(Optimizer.ADAM, config.learningRate())
                .gradientClipNorm(config.clipNorm())
                .seed(config.seed())
                .patience(valid.isEmpty() ? 0 : config.patience())
                .restoreBestWeights(true)
                .progress(progress)
                .build();
        PairBatches trainBatches = new PairBatches(train, config.batchSize(), tgt.size());
        PairBatches validBatches = valid.isEmpty() ? null : new PairBatches(valid, config.batchSize(), tgt.size());
        createGradientQuietly(graph, trainBatches);
        long start = System.nanoTime();
        TrainingResult result = new Trainer(tc, listeners).fit(graph, trainBatches, validBatches);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("trainingPairs", (double) train.size());
        m.put("epochs", (double) result.history().size());
        m.put("bestEpoch", (double) result.bestEpoch());
        m.put("trainSeconds", seconds);
        m.put("trainTargetTokens", (double) trainBatches.servedTokens());
        m.put("targetTokensPerSecond", trainBatches.servedTokens()
                / result.history().stream().mapToDouble(e -> e.seconds()).sum());
        if (validBatches != null) {
            m.put("validLossPerToken", lossPerToken(graph, validBatches));
        }
        DataFingerprint data = DataFingerprint.ofStrings(training.stream()
                .map(p -> p.source() + "\t" + p.target()).toArray(String[]::new));
        return new Translator(config, src, tgt, graph, m, data);
    }

    /**
     * Builds the attention vertex's gradient function before training. ND4J's SameDiff prints "Added differentiated
     * op …" to {@code System.out} when it does (unconditionally), which would land in the middle of a program's
     * output, e.g. {@code rnnkit translate train --json}; those lines alone are dropped while it happens.
     */
    private static void createGradientQuietly(ComputationGraph graph, PairBatches batches) {
        MultiDataSet ds = batches.next();
        batches.reset();
        PrintStream original = System.out;
        System.setOut(new PrintStream(original, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                if (line == null || !line.startsWith("Added differentiated op ")) {
                    super.println(line);
                }
            }
        });
        try {
            graph.setInputs(ds.getFeatures());
            graph.setLabels(ds.getLabels());
            graph.setLayerMaskArrays(ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays());
            graph.computeGradientAndScore();
        } finally {
            System.setOut(original);
            graph.clearLayerMaskArrays();
            graph.clear();
        }
    }

    private static List<PairBatches.Encoded> encode(Subwords src, Subwords tgt, List<SentencePair> pairs,
                                                    TranslatorConfig config) {
        List<PairBatches.Encoded> out = new ArrayList<>();
        for (SentencePair p : pairs) {
            int[] s = src.encode(p.source());
            int[] t = tgt.encode(p.target());
            if (s.length <= config.maxSourceTokens() && t.length <= config.maxTargetTokens()) {
                out.add(new PairBatches.Encoded(withEos(s), t));
            }
        }
        return out;
    }

    private static int[] withEos(int[] ids) {
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = Subwords.EOS;
        return out;
    }

    /** Mean negative log-likelihood per target token (EOS included) of the graph on some batches. */
    static double lossPerToken(ComputationGraph graph, PairBatches batches) {
        double nll = 0;
        long tokens = 0;
        batches.reset();
        while (batches.hasNext()) {
            MultiDataSet ds = batches.next();
            // output(...) with masks sets them for this pass and clears them after.
            INDArray probs = graph.output(false, ds.getFeatures(), ds.getFeaturesMaskArrays(),
                    ds.getLabelsMaskArrays())[0];
            float[] p = probs.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            float[] y = ds.getLabels(0).dup('c').data().asFloat();
            float[] mask = ds.getLabelsMaskArray(0).dup('c').data().asFloat();
            long[] shape = probs.shape();
            int b = (int) shape[0];
            int v = (int) shape[1];
            int t = (int) shape[2];
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < t; s++) {
                    if (mask[i * t + s] == 0f) {
                        continue;
                    }
                    for (int k = 0; k < v; k++) {
                        int at = (i * v + k) * t + s;
                        if (y[at] == 1f) {
                            nll -= Math.log(Math.max(p[at], 1e-30));
                            tokens++;
                            break;
                        }
                    }
                }
            }
        }
        batches.reset();
        return tokens == 0 ? Double.NaN : nll / tokens;
    }

    /** Translates one sentence with the config's beam width. */
    public Translation translate(String text) {
        return translate(text, config.beamWidth());
    }

    /** Translates one sentence with a beam of {@code beamWidth} (1 = greedy). */
    public Translation translate(String text, int beamWidth) {
        return translateAll(List.of(text), beamWidth).get(0);
    }

    /** Translates sentences (in input order) with the config's beam width. */
    public List<Translation> translateAll(List<String> texts) {
        return translateAll(texts, config.beamWidth());
    }

    /**
     * Translates sentences with a beam of {@code beamWidth}, decoding up to 32 sentences together and chunks in
     * parallel on the common pool. A blank text translates to an empty one.
     */
    public List<Translation> translateAll(List<String> texts, int beamWidth) {
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beamWidth must be >= 1, got " + beamWidth);
        }
        Translation[] out = new Translation[texts.size()];
        // Similar lengths together: less work on finished rows.
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        int[] lengths = new int[texts.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = texts.get(i) == null ? 0 : texts.get(i).length();
        }
        Arrays.sort(order, (a, b) -> Integer.compare(lengths[a], lengths[b]));
        int chunks = (texts.size() + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            List<Integer> idx = Arrays.asList(order).subList(c * CHUNK, Math.min(texts.size(), (c + 1) * CHUNK));
            List<Integer> work = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            for (int i : idx) {
                String text = texts.get(i);
                if (text == null) {
                    throw new IllegalArgumentException("text " + i + " is null");
                }
                if (Subwords.normalise(text).isEmpty()) {
                    out[i] = new Translation(text, "", List.of(), List.of(), new float[0][], 0.0);
                } else {
                    work.add(i);
                    ids.add(withEos(source.encode(text)));
                }
            }
            List<TranslationEngine.Decoded> decoded = engine.decode(ids.toArray(new int[0][]), beamWidth,
                    config.lengthPenalty(), config.maxOutputTokens());
            for (int j = 0; j < work.size(); j++) {
                out[work.get(j)] = translation(texts.get(work.get(j)), decoded.get(j));
            }
        });
        return Arrays.asList(out);
    }

    private Translation translation(String text, TranslationEngine.Decoded d) {
        List<String> srcTokens = new ArrayList<>(source.pieces(text));
        srcTokens.add(Subwords.RESERVED.get(Subwords.EOS));
        List<String> tgtTokens = new ArrayList<>();
        for (int id : d.tokens()) {
            tgtTokens.add(target.token(id));
        }
        if (d.finished()) {
            tgtTokens.add(Subwords.RESERVED.get(Subwords.EOS));
        }
        return new Translation(text, target.decode(d.tokens()), List.copyOf(srcTokens), List.copyOf(tgtTokens),
                d.attention(), d.logProb());
    }

    /** Translates the sources of {@code pairs} and scores them against their targets. */
    public TranslationEvaluation evaluate(List<SentencePair> pairs) {
        return evaluate(pairs, config.beamWidth());
    }

    /** {@link #evaluate(List)} with a beam of {@code beamWidth}. */
    public TranslationEvaluation evaluate(List<SentencePair> pairs, int beamWidth) {
        long start = System.nanoTime();
        List<Translation> t = translateAll(pairs.stream().map(SentencePair::source).toList(), beamWidth);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> hyps = t.stream().map(Translation::text).toList();
        List<String> refs = pairs.stream().map(SentencePair::target).toList();
        return new TranslationEvaluation(pairs.size(), ChrF.STANDARD.corpus(hyps, refs),
                Bleu.STANDARD.corpusOfTexts(hyps, refs), seconds, t);
    }

    public TranslatorConfig config() {
        return config;
    }

    /** The source side's tokens. */
    public Subwords sourceVocabulary() {
        return source;
    }

    /** The target side's tokens. */
    public Subwords targetVocabulary() {
        return target;
    }

    /** Training figures (pairs, epochs, seconds, target tokens per second, validation loss per token). */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** A copy with more metrics recorded (e.g. test chrF), saved with the model. */
    public Translator withMetrics(Map<String, Double> more) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.putAll(more);
        return new Translator(config, source, target, network, m, trainingData);
    }

    /** A copy that decodes with another beam width and length penalty (the network is shared). */
    public Translator withDecoding(int beamWidth, double lengthPenalty) {
        return new Translator(config.toBuilder().beamWidth(beamWidth).lengthPenalty(lengthPenalty).build(), source,
                target, network, metrics, trainingData);
    }

    /** The DL4J training graph (for summaries and inspection). */
    public ComputationGraph network() {
        return network;
    }

    /** Every parameter, the attention's included (DL4J's {@code numParams()} counts layers only, not vertices). */
    public long parameterCount() {
        return network.params().length();
    }

    /** Saves the translator as one model file; the write is atomic. */
    public void save(Path path) {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(SOURCE_VOCAB, ModelEntries.linesOf(source.tokens()));
        entries.put(SOURCE_MERGES, ModelEntries.linesOf(source.merges()));
        entries.put(TARGET_VOCAB, ModelEntries.linesOf(target.tokens()));
        entries.put(TARGET_MERGES, ModelEntries.linesOf(target.merges()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("config", config.toMap());
        settings.put("metrics", metrics);
        try {
            entries.put(SETTINGS, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifest manifest = Manifest.forTask(TASK).withHyperParameters(config.toMap()).withMetrics(metrics);
        if (trainingData != null) {
            manifest = manifest.withTrainingData(trainingData);
        }
        ModelFile.save(path, manifest, network, entries);
    }

    /** Loads a translator saved with {@link #save}. */
    public static Translator load(Path path) {
        return fromModel(ModelFile.load(path, TASK));
    }

    /** Loads a translator from a file path or {@code builtin:translate-en-ko}. */
    public static Translator load(String location) {
        return fromModel(ModelFile.load(location, TASK));
    }

    private static Translator fromModel(LoadedModel model) {
        String path = model.source();
        model.entries().requireAll(SETTINGS, SOURCE_VOCAB, SOURCE_MERGES, TARGET_VOCAB, TARGET_MERGES);
        Map<String, Object> settings;
        try {
            settings = JSON.readValue(model.entries().bytes(SETTINGS), new TypeReference<>() { });
        } catch (IOException e) {
            throw new ModelFileException(path + ": unreadable " + SETTINGS + ": " + e.getMessage());
        }
        TranslatorConfig config;
        Subwords src;
        Subwords tgt;
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> c = (Map<String, ?>) settings.get("config");
            config = TranslatorConfig.fromMap(c == null ? Map.of() : c);
            src = Subwords.of(config.sourceUnit(), model.entries().lines(SOURCE_VOCAB),
                    model.entries().lines(SOURCE_MERGES));
            tgt = Subwords.of(config.targetUnit(), model.entries().lines(TARGET_VOCAB),
                    model.entries().lines(TARGET_MERGES));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ModelFileException(path + " is inconsistent: " + e.getMessage());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (settings.get("metrics") instanceof Map<?, ?> raw) {
            raw.forEach((k, v) -> {
                if (v instanceof Number n) {
                    metrics.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        ComputationGraph graph = model.computationGraph();
        checkShapes(path, graph, src.size(), tgt.size());
        return new Translator(config, src, tgt, graph, metrics, model.manifest().trainingData());
    }

    private static void checkShapes(String path, ComputationGraph graph, int sourceSize, int targetSize) {
        List<String> problems = new ArrayList<>();
        for (String name : List.of(EncoderDecoder.SOURCE_EMBEDDING, EncoderDecoder.TARGET_EMBEDDING,
                EncoderDecoder.OUTPUT, EncoderDecoder.ENCODER, EncoderDecoder.DECODER, EncoderDecoder.DECODER_OUTPUT)) {
            if (graph.getLayer(name) == null) {
                problems.add("its network has no layer '" + name + "'");
            }
        }
        if (graph.getVertex(EncoderDecoder.ATTENTION) == null) {
            problems.add("its network has no attention");
        }
        if (problems.isEmpty()) {
            long srcRows = graph.getLayer(EncoderDecoder.SOURCE_EMBEDDING).getParam("W").size(0);
            long tgtRows = graph.getLayer(EncoderDecoder.TARGET_EMBEDDING).getParam("W").size(0);
            long outputs = graph.getLayer(EncoderDecoder.OUTPUT).getParam("W").size(1);
            if (srcRows != sourceSize) {
                problems.add("its source embedding has " + srcRows + " rows, " + SOURCE_VOCAB + " " + sourceSize
                        + " tokens");
            }
            if (tgtRows != targetSize || outputs != targetSize) {
                problems.add("its target embedding and output have " + tgtRows + " and " + outputs + " rows, "
                        + TARGET_VOCAB + " " + targetSize + " tokens");
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelFileException(path + " is inconsistent: " + String.join("; ", problems));
        }
    }
}
