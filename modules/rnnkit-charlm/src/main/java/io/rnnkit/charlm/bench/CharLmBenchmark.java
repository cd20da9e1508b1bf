package io.rnnkit.charlm.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.charlm.Cell;
import io.rnnkit.charlm.CharLanguageModel;
import io.rnnkit.charlm.DynamicEvaluation;
import io.rnnkit.charlm.CharLmConfig;
import io.rnnkit.charlm.Evaluation;
import io.rnnkit.charlm.EvaluationOptions;
import io.rnnkit.charlm.GeneratedText;
import io.rnnkit.charlm.HeldOutScores;
import io.rnnkit.charlm.SamplingOptions;
import io.rnnkit.charlm.TextSplit;
import io.rnnkit.charlm.TrainingSummary;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.nn.runtime.NativeThreads;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingListener;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a character model on Moby Dick for a fixed wall-clock budget and prints one JSON object: test and
 * validation bits per character, training and sampling speed, and the same test slice coded by bzip2 -9, xz -9e
 * and 7-Zip PPMd order 8 given everything before it, plus the unigram baseline. The test slice is scored
 * sequentially ({@code test_bpc}) and batched as {@code rnnkit charlm eval} scores by default
 * ({@code test_bpc_batched}).
 *
 * <p>Data: {@link TextSplit#standard}: first 90 % trains, next 5 % validates, last 5 % is the test. The model reads
 * the {@code --context} characters just before a slice first, so the slice's first characters are predicted with
 * history, as the compressors' are.
 *
 * <pre>
 * java -cp ... io.rnnkit.charlm.bench.CharLmBenchmark [--minutes 90 --layers 1 --units 512 --cell lstm
 *     --seq-length 100 --batch 32 --lr 0.002 --embedding 0 --dropout 0.25 --patience 4 --epochs 1000
 *     --context 2000 --threads 1 --save model.rnnk
 *     --no-compressors --init model.rnnk --eval-only --no-dynamic --dynamic-segment 100
 *     --dynamic-rates 1e-5,3e-5,1e-4,3e-4,1e-3 --dynamic-rule sgd|rms --dynamic-decays 0,1e-3
 *     --dynamic-stats-chars 100000 --dynamic-context 2000 --dynamic-learn-context]
 * </pre>
 *
 * <p>{@code --init} continues training a saved model (its network shape, the given training settings); the
 * reported figures then cover only the continued part of training. With {@code --eval-only} the model given
 * with {@code --init} is only scored. Unless {@code --no-dynamic}, the test slice is also scored with dynamic
 * evaluation ({@link CharLanguageModel#evaluateDynamic}) by {@code --dynamic-rule} ({@link DynamicEvaluation}), its
 * rate (and decay) chosen on the validation slice. {@code --dynamic-context N} reads the N characters before each
 * slice first (default: {@code --context}); with {@code --dynamic-learn-context} the model also learns from them
 * (a test context longer than the validation slice covers all of it, as the compressors see it).
 */
public final class CharLmBenchmark {
    private CharLmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        // Unset options take CharLmConfig's defaults (builtin:charlm's settings), as rnnkit charlm train does.
        CharLmConfig d = CharLmConfig.defaults();
        double minutes = number(a, "minutes", d.timeBudget().toMillis() / 60_000.0);
        NativeThreads.Settings threads = NativeThreads.configure(a.containsKey("threads")
                ? Integer.valueOf(a.get("threads")) : null);
        int context = integer(a, "context", HeldOutScores.DEFAULT_CONTEXT);
        CharLmConfig config = d.toBuilder()
                .cell(Cell.valueOf(a.getOrDefault("cell", d.cell().name()).toUpperCase(Locale.ROOT)))
                .layers(integer(a, "layers", d.layers()))
                .units(integer(a, "units", d.units()))
                .dropout(number(a, "dropout", d.dropout()))
                .embeddingDim(integer(a, "embedding", d.embeddingDim()))
                .sequenceLength(integer(a, "seq-length", d.sequenceLength()))
                .tbpttLength(integer(a, "tbptt", d.tbpttLength()))
                .batchSize(integer(a, "batch", d.batchSize()))
                .learningRate(number(a, "lr", d.learningRate()))
                .gradientClipNorm(number(a, "clip", d.gradientClipNorm()))
                .epochs(integer(a, "epochs", d.epochs()))
                .patience(integer(a, "patience", d.patience()))
                .seed(a.containsKey("seed") ? Long.parseLong(a.get("seed")) : d.seed())
                .minutes(minutes)
                .progress(TrainingConfig.Progress.QUIET)
                .build();

        Path file = Datasets.file(Datasets.MOBY_DICK, "data.txt");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        TextSplit split = TextSplit.standard(text);
        String loadAverage = Files.isReadable(Path.of("/proc/loadavg"))
                ? Files.readString(Path.of("/proc/loadavg")).trim() : "n/a";

        TrainingListener log = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                System.err.printf(Locale.ROOT, "epoch %d: train loss %.2f, val loss %.2f, %d batches, %.0f s%n",
                        m.epoch(), m.trainLoss(), m.validationLoss(), m.batches(), m.seconds());
            }
        };
        CharLanguageModel model;
        if (a.containsKey("eval-only")) {
            if (!a.containsKey("init")) {
                throw new IllegalArgumentException("--eval-only scores the model given with --init");
            }
            model = CharLanguageModel.load(a.get("init"));
            config = model.config();
        } else if (a.containsKey("init")) {
            // Continue from a saved model: its network shape, these training settings.
            CharLanguageModel init = CharLanguageModel.load(a.get("init"));
            CharLmConfig shape = init.config();
            config = config.toBuilder().cell(shape.cell()).layers(shape.layers()).units(shape.units())
                    .dropout(shape.dropout()).embeddingDim(shape.embeddingDim()).build();
            model = init.continueTraining(config, split.train(), split.validation(), List.of(log));
        } else {
            model = CharLanguageModel.train(config, split.train(), split.validation(), List.of(log));
        }
        TrainingSummary t = model.training().orElse(null);
        if (a.containsKey("save")) {
            model.save(Path.of(a.get("save")));
        }

        HeldOutScores heldOut = model.evaluateHeldOut(split, context);
        Evaluation validation = heldOut.validation();
        Evaluation test = heldOut.test();
        // The same slice streamed and scored in parts side by side, as rnnkit charlm eval does by default.
        Evaluation batched = model.evaluate(TextSplit.tail(split.beforeTest(), context),
                new StringReader(split.test()),
                EvaluationOptions.batched());
        GeneratedText sample = model.sample(SamplingOptions.builder().prefix("Call me Ishmael. ").length(2000)
                .temperature(0.8).seed(1).build());
        GeneratedText batch = model.sample(SamplingOptions.builder().prefix("Call me Ishmael. ").length(500)
                .temperature(0.8).seed(1).count(32).build());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "charlm-moby-dick");
        out.put("split", "by position: first 90% train, next 5% validation, last 5% test");
        out.put("train_chars", t == null ? null : t.trainChars());
        out.put("test_chars", test.chars());
        out.put("budget_minutes", minutes);
        out.put("config", config.toMap());
        out.put("params", model.summary().totalParams());
        out.put("vocabulary", model.vocabulary().size());
        if (t != null) {
            out.put("epochs", t.history().size());
            out.put("stop_reason", t.stopReason().name().toLowerCase(Locale.ROOT));
            out.put("training_seconds", t.seconds());
            out.put("train_chars_per_second", t.charsPerSecond());
        } else {
            out.put("model", a.get("init"));
            out.put("model_metrics", model.metrics());
        }
        out.put("val_bpc", validation.bpc());
        out.put("test_bpc", test.bpc());
        out.put("test_bpc_batched", batched.bpc());
        out.put("test_perplexity", test.perplexity());
        out.put("unigram_bpc", test.unigramBpc());
        out.put("context_chars", context);
        out.put("sampling_chars_per_second", sample.charsPerSecond());
        out.put("sampling_chars_per_second_batch32", batch.charsPerSecond());
        out.put("eval_chars_per_second", test.chars() / test.seconds());
        out.put("eval_chars_per_second_batched", batched.chars() / batched.seconds());
        Map<String, Object> peers = new LinkedHashMap<>();
        if (!a.containsKey("no-compressors")) {
            for (CompressorBaseline c : List.of(CompressorBaseline.bzip2(), CompressorBaseline.xz(),
                    CompressorBaseline.ppmd8())) {
                peers.put(c.name() + "_bpc", c.available() ? c.bitsPerChar(split.beforeTest(), split.test())
                        : "not installed");
            }
        }
        out.put("compressors_given_all_text_before_test", peers);
        out.put("validation_bpc_per_epoch_windowed", t == null ? null : t.validationBpc());
        if (!a.containsKey("no-dynamic")) {
            double[] rates = java.util.Arrays.stream(a.getOrDefault("dynamic-rates", "1e-5,3e-5,1e-4,3e-4,1e-3")
                    .split(",")).mapToDouble(Double::parseDouble).toArray();
            DynamicEvaluation.Rule rule = DynamicEvaluation.Rule.valueOf(
                    a.getOrDefault("dynamic-rule", "sgd").toUpperCase(Locale.ROOT));
            double[] decays = java.util.Arrays.stream(a.getOrDefault("dynamic-decays", "0").split(","))
                    .mapToDouble(Double::parseDouble).toArray();
            out.put("dynamic_evaluation", dynamic(model, split,
                    Integer.parseInt(a.getOrDefault("dynamic-context", Integer.toString(context))),
                    Integer.parseInt(a.getOrDefault("dynamic-segment", "100")), rule, rates,
                    rule == DynamicEvaluation.Rule.SGD ? new double[] {0} : decays,
                    Integer.parseInt(a.getOrDefault("dynamic-stats-chars", "100000")),
                    a.containsKey("dynamic-learn-context")));
        }
        out.put("threads", threads.openMp());
        out.put("cores", threads.cores());
        out.put("load_average_at_start", loadAverage);
        out.put("sample", sample.text().substring(0, Math.min(400, sample.text().length())));
        if (a.containsKey("save")) {
            model.save(Path.of(a.get("save")), heldOut.metrics());
            out.put("saved", a.get("save"));
        }
        System.out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(out));
    }

    /**
     * Dynamic evaluation (the model keeps learning while it reads, as the compressors adapt): the rate (and for the
     * RMS rule the decay) is chosen on the validation slice from a fixed grid, then the test slice is scored once
     * with it. The RMS rule's gradient statistics come from the last {@code statsChars} characters of the training
     * slice.
     */
    private static Map<String, Object> dynamic(CharLanguageModel model, TextSplit split, int context, int segment,
                                               DynamicEvaluation.Rule rule, double[] rates, double[] decays,
                                               int statsChars, boolean learnContext) {
        String statistics = TextSplit.tail(split.train(), statsChars);
        Map<String, Double> grid = new LinkedHashMap<>();
        DynamicEvaluation best = null;
        double bestBpc = Double.POSITIVE_INFINITY;
        for (double rate : rates) {
            for (double decay : decays) {
                DynamicEvaluation settings = rule == DynamicEvaluation.Rule.SGD
                        ? DynamicEvaluation.sgd(segment, rate)
                        : DynamicEvaluation.rms(segment, rate, decay, statistics);
                if (learnContext) {
                    settings = settings.learningFromContext();
                }
                double bpc = model.evaluateDynamic(TextSplit.tail(split.train(), context), split.validation(),
                        settings).bpc();
                String key = rule == DynamicEvaluation.Rule.SGD ? Double.toString(rate)
                        : "rate " + rate + ", decay " + decay;
                System.err.printf(Locale.ROOT, "dynamic evaluation, validation: %s -> %.4f bpc%n", key, bpc);
                grid.put(key, bpc);
                if (bpc < bestBpc) {
                    bestBpc = bpc;
                    best = settings;
                }
            }
        }
        Evaluation test = model.evaluateDynamic(TextSplit.tail(split.beforeTest(), context), split.test(), best);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segment", segment);
        m.put("rule", rule.name());
        m.put("context_chars", context);
        m.put("learns_from_context", learnContext);
        m.put("optimizer", rule == DynamicEvaluation.Rule.SGD ? "SGD, gradients clipped as in training"
                : "RMS-normalised steps with decay to the trained weights; statistics from the last " + statsChars
                + " training characters");
        m.put("validation_bpc_by_rate", grid);
        m.put("chosen_rate", best.learningRate());
        m.put("chosen_decay", best.decay());
        m.put("val_bpc", bestBpc);
        m.put("test_bpc", test.bpc());
        m.put("seconds", test.seconds());
        return m;
    }

    private static int integer(Map<String, String> a, String key, int otherwise) {
        return a.containsKey(key) ? Integer.parseInt(a.get(key)) : otherwise;
    }

    private static double number(Map<String, String> a, String key, double otherwise) {
        return a.containsKey(key) ? Double.parseDouble(a.get(key)) : otherwise;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; options look like --minutes 20");
            }
            String key = args[i].substring(2);
            if (key.equals("no-compressors") || key.equals("no-dynamic") || key.equals("eval-only")
                    || key.equals("dynamic-learn-context")) {
                m.put(key, "true");
            } else if (i + 1 < args.length) {
                m.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
        }
        return m;
    }
}
