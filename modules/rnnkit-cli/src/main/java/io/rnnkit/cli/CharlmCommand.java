package io.rnnkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.charlm.Cell;
import io.rnnkit.charlm.CharLanguageModel;
import io.rnnkit.charlm.DynamicEvaluation;
import io.rnnkit.charlm.CharLmConfig;
import io.rnnkit.charlm.Evaluation;
import io.rnnkit.charlm.EvaluationOptions;
import io.rnnkit.charlm.GeneratedText;
import io.rnnkit.charlm.SamplingOptions;
import io.rnnkit.charlm.TextSplit;
import io.rnnkit.charlm.TrainingSummary;
import io.rnnkit.charlm.UnknownCharPolicy;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rnnkit charlm train|sample|eval}: the character-level language model from the command line. */
@Command(name = "charlm", mixinStandardHelpOptions = true,
        description = "Character-level language model: train on a text, sample from it, score it in bits per "
                + "character.",
        subcommands = {CharlmCommand.Train.class, CharlmCommand.Sample.class, CharlmCommand.Eval.class})
public final class CharlmCommand implements Runnable {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (train, sample or eval)");
    }

    static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("text file not found: " + file);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + " is not valid UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Scores a file read as a stream, with {@link #readText}'s one-line messages for unreadable files. */
    static Evaluation evaluate(CharLanguageModel model, Path file, EvaluationOptions options) {
        try {
            return model.evaluate(file, options);
        } catch (UncheckedIOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoSuchFileException) {
                throw new IllegalArgumentException("text file not found: " + file);
            } else if (cause instanceof CharacterCodingException) {
                throw new IllegalArgumentException(file + " is not valid UTF-8 text");
            }
            throw new IllegalArgumentException("cannot read " + file + ": " + cause.getMessage());
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** {@code rnnkit charlm train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a character model on a UTF-8 text file and save it.",
                "The text is split by position: the first --train-fraction trains, the next --validation-fraction "
                        + "validates (early stopping), the rest is the test part whose bpc is reported."})
    static final class Train implements Callable<Integer> {
        @ParentCommand
        CharlmCommand parent;

        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        MonitoringOptions monitoring;

        @Option(names = "--text", required = true, paramLabel = "FILE", description = "UTF-8 training text.")
        Path text;

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write (.rnnk).")
        Path out;

        @Option(names = "--cell", paramLabel = "lstm|gru", defaultValue = "lstm", description = "Recurrent cell "
                + "(default: ${DEFAULT-VALUE}).")
        String cell;

        @Option(names = "--layers", defaultValue = "2", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--units", defaultValue = "256", description = "Units per layer (default: ${DEFAULT-VALUE}).")
        int units;

        @Option(names = "--dropout", defaultValue = "0", description = "Dropout after each layer (default: ${DEFAULT-VALUE}).")
        double dropout;

        @Option(names = "--embedding", defaultValue = "0", paramLabel = "DIM",
                description = "Learned character embedding size; 0 feeds characters one-hot (default).")
        int embedding;

        @Option(names = "--seq-length", defaultValue = "100",
                description = "Characters per training window (default: ${DEFAULT-VALUE}).")
        int sequenceLength;

        @Option(names = "--tbptt", defaultValue = "0",
                description = "Truncated-BPTT segment inside a window; 0 = full window (default).")
        int tbptt;

        @Option(names = "--batch", defaultValue = "32", description = "Windows per batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--clip", defaultValue = "5", description = "Gradient norm clip, 0 = off (default: ${DEFAULT-VALUE}).")
        double clip;

        @Option(names = "--epochs", defaultValue = "10", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--minutes", description = "Wall-clock training budget in minutes (default: none).")
        Double minutes;

        @Option(names = "--patience", defaultValue = "2",
                description = "Early stopping after this many epochs without improvement; 0 = off (default: ${DEFAULT-VALUE}).")
        int patience;

        @Option(names = "--min-count", defaultValue = "1",
                description = "Rarer characters become <unk> (default: ${DEFAULT-VALUE}).")
        int minCount;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--train-fraction", defaultValue = "0.9", description = "Default: ${DEFAULT-VALUE}.")
        double trainFraction;

        @Option(names = "--validation-fraction", defaultValue = "0.05", description = "Default: ${DEFAULT-VALUE}.")
        double validationFraction;

        @Option(names = "--checkpoints", paramLabel = "DIR", description = "Write a checkpoint after every epoch.")
        Path checkpoints;

        @Option(names = "--json", description = "Print one JSON object with the results instead of text.")
        boolean json;

        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Cell c;
            try {
                c = Cell.valueOf(cell.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--cell must be lstm or gru, got '"
                        + cell + "'");
            }
            CharLmConfig.Builder b = CharLmConfig.builder().cell(c).layers(layers).units(units).dropout(dropout)
                    .embeddingDim(embedding).sequenceLength(sequenceLength).tbpttLength(tbptt).batchSize(batch)
                    .learningRate(learningRate).gradientClipNorm(clip).epochs(epochs).patience(patience)
                    .minCharCount(minCount).seed(seed).checkpointDir(checkpoints)
                    .progress(quiet || json ? TrainingConfig.Progress.QUIET : TrainingConfig.Progress.AUTO);
            if (minutes != null) {
                b.minutes(minutes);
            }
            CharLmConfig config = b.build();
            TextSplit split = TextSplit.byPosition(readText(text), trainFraction, validationFraction);
            String validation = split.validation().codePointCount(0, split.validation().length()) >= 2
                    ? split.validation() : null;
            TrainingListener progress = new TrainingListener() {
                @Override
                public void onEpochEnd(EpochMetrics m) {
                    err.printf(Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f, %.0f s%n", m.epoch(),
                            m.trainLoss(), m.validationLoss(), m.seconds());
                    err.flush();
                }
            };
            CharLanguageModel model = CharLanguageModel.train(config, split.train(), validation,
                    json ? List.of() : List.of(progress));
            TrainingSummary t = model.training().orElseThrow();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", this.out.toString());
            result.put("epochs", t.history().size());
            result.put("stop_reason", t.stopReason().name().toLowerCase(Locale.ROOT));
            result.put("train_chars", t.trainChars());
            result.put("train_chars_per_second", t.charsPerSecond());
            result.put("seconds", t.seconds());
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (validation != null) {
                Evaluation v = model.evaluate(validation);
                result.put("val_bpc", v.bpc());
                metrics.put("val_bpc", v.bpc());
            }
            if (split.test().codePointCount(0, split.test().length()) >= 2) {
                Evaluation e = model.evaluate(split.test());
                result.put("test_bpc", e.bpc());
                result.put("test_chars", e.chars());
                result.put("unigram_bpc", e.unigramBpc());
                metrics.put("test_bpc", e.bpc());
                metrics.put("unigram_bpc", e.unigramBpc());
            }
            result.put("params", model.summary().totalParams());
            model.save(this.out, metrics);
            if (json) {
                out.println(json(result));
            } else {
                out.print(model.summary());
                out.printf(Locale.ROOT, "saved %s after %d epoch(s) (%s), %.0f training chars/s%n", this.out,
                        t.history().size(), t.stopReason().name().toLowerCase(Locale.ROOT), t.charsPerSecond());
                if (result.containsKey("val_bpc")) {
                    out.printf(Locale.ROOT, "validation: %.3f bpc%n", (Double) result.get("val_bpc"));
                }
                if (result.containsKey("test_bpc")) {
                    out.printf(Locale.ROOT, "test: %.3f bpc on %d characters (unigram baseline %.3f bpc)%n",
                            (Double) result.get("test_bpc"), (Long) result.get("test_chars"),
                            (Double) result.get("unigram_bpc"));
                }
            }
            out.flush();
            return Rnnkit.OK;
        }
    }

    /** {@code rnnkit charlm sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Generate text from a character model, streaming it as it is produced.")
    static final class Sample implements Callable<Integer> {
        @ParentCommand
        CharlmCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:charlm", paramLabel = "MODEL",
                description = "Model file or builtin:charlm (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--prefix", defaultValue = "", description = "Text to continue.")
        String prefix;

        @Option(names = "--length", defaultValue = "300", description = "Characters to generate (default: ${DEFAULT-VALUE}).")
        int length;

        @Option(names = "--temperature", defaultValue = "0.8",
                description = "Below 1 safer, above 1 wilder (default: ${DEFAULT-VALUE}).")
        double temperature;

        @Option(names = "--top-k", defaultValue = "0", description = "Keep the k likeliest characters; 0 = all.")
        int topK;

        @Option(names = "--top-p", defaultValue = "1", description = "Nucleus mass in (0, 1]; 1 = no cut.")
        double topP;

        @Option(names = "--seed", description = "Random seed for reproducible text (default: random, printed with --json).")
        Long seed;

        @Option(names = "--count", defaultValue = "1", description = "Number of samples, generated as one batch.")
        int count;

        @Option(names = "--unknown", defaultValue = "skip", paramLabel = "skip|unk|fail",
                description = "Prefix characters the model does not know (default: ${DEFAULT-VALUE}).")
        String unknown;

        @Option(names = "--json", description = "Print one JSON object instead of streaming text.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            UnknownCharPolicy policy;
            try {
                policy = UnknownCharPolicy.valueOf(unknown.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--unknown must be skip, unk or fail, got '"
                        + unknown + "'");
            }
            SamplingOptions.Builder b = SamplingOptions.builder().prefix(prefix).length(length)
                    .temperature(temperature).topK(topK).topP(topP).count(count).unknownChars(policy);
            if (seed != null) {
                b.seed(seed);
            }
            SamplingOptions options = b.build();
            CharLanguageModel m = CharLanguageModel.load(model);
            if (json) {
                GeneratedText g = m.sample(options);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("prefix", g.prefix());
                result.put("samples", g.samples());
                result.put("seed", g.seed());
                result.put("chars_per_second", g.charsPerSecond());
                result.put("warnings", g.warnings());
                out.println(json(result));
            } else if (count == 1) {
                GeneratedText[] done = new GeneratedText[1];
                out.print(options.prefix());
                out.flush();
                done[0] = m.sample(options, (s, ch) -> {
                    out.print(ch);
                    out.flush();
                });
                out.println();
                done[0].warnings().forEach(w -> err.println("rnnkit: warning: " + w));
            } else {
                GeneratedText g = m.sample(options);
                g.warnings().forEach(w -> err.println("rnnkit: warning: " + w));
                for (int s = 0; s < g.samples().size(); s++) {
                    out.println("--- sample " + (s + 1) + " ---");
                    out.println(g.prefix() + g.samples().get(s));
                }
            }
            out.flush();
            return Rnnkit.OK;
        }
    }

    /** {@code rnnkit charlm eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Bits per character of a model on a text, beside the unigram baseline of its training "
                    + "text.",
                "The text is read as a stream (memory stays bounded whatever its size) and scored in --parts "
                        + "contiguous parts side by side, each reading the --part-context characters before it "
                        + "first; --sequential carries one state through the whole text instead (exact, slower)."})
    static final class Eval implements Callable<Integer> {
        @ParentCommand
        CharlmCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:charlm", paramLabel = "MODEL",
                description = "Model file or builtin:charlm (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--text", paramLabel = "FILE", description = "UTF-8 text to score (or give FILE alone).")
        Path text;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "UTF-8 text to score, as --text.")
        Path textArgument;

        @Option(names = "--sequential", description = "Score strictly sequentially: one state through the whole "
                + "text, one character at a time (exact; several times slower).")
        boolean sequential;

        @Option(names = "--parts", defaultValue = "" + EvaluationOptions.DEFAULT_PARTS, paramLabel = "N",
                description = "Parts of the text scored side by side (default: ${DEFAULT-VALUE}).")
        int parts;

        @Option(names = "--part-context", defaultValue = "" + EvaluationOptions.DEFAULT_PART_CONTEXT,
                paramLabel = "N", description = "Characters each part reads, unscored, before its first scored one "
                + "(default: ${DEFAULT-VALUE}).")
        int partContext;

        @Option(names = "--json", description = "Print one JSON object (bpc, perplexity, chars, unknown_chars, "
                + "unigram_bpc, seconds, chars_per_second, mode, parts, part_context).")
        boolean json;

        @Option(names = "--dynamic-lr", paramLabel = "RATE", description = "Also score with dynamic evaluation: "
                + "the model keeps learning (at RATE) while it reads, as an adaptive compressor does; adds "
                + "dynamic_bpc to the output.")
        Double dynamicLr;

        @Option(names = "--dynamic-segment", defaultValue = "100", paramLabel = "N",
                description = "Characters scored before each dynamic-evaluation update (default: ${DEFAULT-VALUE}).")
        int dynamicSegment;

        @Option(names = "--dynamic-rule", defaultValue = "sgd", paramLabel = "RULE",
                description = "Dynamic-evaluation update: sgd, or rms (steps scaled by training-time gradient "
                        + "statistics, from --dynamic-stats; see DynamicEvaluation) (default: ${DEFAULT-VALUE}).")
        String dynamicRule;

        @Option(names = "--dynamic-decay", defaultValue = "0", paramLabel = "LAMBDA",
                description = "rms rule: pull back towards the trained weights per segment (default: ${DEFAULT-VALUE}).")
        double dynamicDecay;

        @Option(names = "--dynamic-stats", paramLabel = "FILE",
                description = "rms rule: UTF-8 text whose gradients give the statistics, normally the end of the "
                        + "training text.")
        Path dynamicStats;

        private DynamicEvaluation dynamicSettings() {
            DynamicEvaluation.Rule rule;
            try {
                rule = DynamicEvaluation.Rule.valueOf(dynamicRule.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--dynamic-rule must be sgd or rms, got '" + dynamicRule + "'");
            }
            if (rule == DynamicEvaluation.Rule.SGD) {
                return DynamicEvaluation.sgd(dynamicSegment, dynamicLr);
            }
            if (dynamicStats == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--dynamic-rule rms needs "
                        + "--dynamic-stats FILE (normally the end of the training text)");
            }
            return DynamicEvaluation.rms(dynamicSegment, dynamicLr, dynamicDecay, readText(dynamicStats));
        }

        private EvaluationOptions evaluationOptions() {
            try {
                EvaluationOptions batched = EvaluationOptions.batched().withParts(parts).withPartContext(partContext);
                Integer threads = ((Rnnkit) spec.root().userObject()).threads();
                if (threads != null) {
                    // --threads also bounds the Java threads scoring the parts.
                    batched = batched.withThreads(Math.min(threads, parts));
                }
                return sequential ? EvaluationOptions.sequential() : batched;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private Path textFile() {
            if ((text == null) == (textArgument == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), text == null
                        ? "missing the text to score: --text FILE or FILE" : "give the text once: --text FILE or FILE");
            }
            return text != null ? text : textArgument;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path file = textFile();
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("text file not found: " + file);
            }
            EvaluationOptions options = evaluationOptions();
            DynamicEvaluation settings = dynamicLr == null ? null : dynamicSettings();
            CharLanguageModel m = CharLanguageModel.load(model);
            Evaluation e = evaluate(m, file, options);
            // Dynamic evaluation learns through DL4J's training passes, which need the whole text at once.
            Evaluation dynamic = settings == null ? null : m.evaluateDynamic("", readText(file), settings);
            if (json) {
                Map<String, Object> map = new LinkedHashMap<>(e.toMap());
                map.put("chars_per_second", e.chars() / Math.max(e.seconds(), 1e-9));
                map.put("mode", options.isSequential() ? "sequential" : "batched");
                map.put("parts", options.parts());
                map.put("part_context", options.isSequential() ? 0 : options.partContext());
                if (dynamic != null) {
                    map.put("dynamic_bpc", dynamic.bpc());
                    map.put("dynamic_lr", dynamicLr);
                    map.put("dynamic_segment", dynamicSegment);
                    map.put("dynamic_rule", settings.rule().name().toLowerCase(Locale.ROOT));
                    if (settings.rule() == DynamicEvaluation.Rule.RMS) {
                        map.put("dynamic_decay", dynamicDecay);
                    }
                }
                out.println(json(map));
            } else {
                out.printf(Locale.ROOT, "%.4f bits per character (perplexity %.3f) on %d characters%s%n", e.bpc(),
                        e.perplexity(), e.chars(), e.unknownChars() > 0 ? ", " + e.unknownChars()
                                + " of them unknown to the model" : "");
                out.printf(Locale.ROOT, "unigram baseline: %.4f bits per character%n", e.unigramBpc());
                out.printf(Locale.ROOT, "%s, %.0f characters per second%n", options.isSequential() ? "sequential"
                        : String.format(Locale.ROOT, "batched: %d parts, %d characters of context each",
                        options.parts(), options.partContext()), e.chars() / Math.max(e.seconds(), 1e-9));
                if (dynamic != null) {
                    out.printf(Locale.ROOT, "dynamic evaluation (%s): %.4f bits per character%n", settings,
                            dynamic.bpc());
                }
            }
            out.flush();
            return Rnnkit.OK;
        }
    }
}
