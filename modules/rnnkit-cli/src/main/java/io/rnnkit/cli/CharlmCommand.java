package io.rnnkit.cli;

import io.rnnkit.charlm.Cell;
import io.rnnkit.charlm.CharLanguageModel;
import io.rnnkit.charlm.CharacterStream;
import io.rnnkit.charlm.DynamicEvaluation;
import io.rnnkit.charlm.CharLmConfig;
import io.rnnkit.charlm.Evaluation;
import io.rnnkit.charlm.EvaluationOptions;
import io.rnnkit.charlm.GeneratedText;
import io.rnnkit.charlm.HeldOutScores;
import io.rnnkit.charlm.SamplingOptions;
import io.rnnkit.charlm.TextSplit;
import io.rnnkit.charlm.TrainingSummary;
import io.rnnkit.charlm.UnknownCharPolicy;
import io.rnnkit.charlm.bench.CompressorBaseline;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingListener;
import io.rnnkit.text.CharTokenizer;
import io.rnnkit.text.Hangul;
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
import java.time.Duration;
import java.time.Instant;
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

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (train, sample or eval)");
    }

    static String readText(Path file) {
        InputFiles.requireFile(file, "text file");
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

    /**
     * The compressor peers on {@code text} after {@code context}: {@code <name>_bpc} per character of the text and,
     * when it holds Hangul syllables, {@code <name>_bits_per_syllable}; "not installed" for a missing program.
     */
    static Map<String, Object> compressorScores(String context, String text) {
        Map<String, Object> peers = new LinkedHashMap<>();
        long chars = text.codePointCount(0, text.length());
        long syllables = Hangul.countSyllables(text);
        for (CompressorBaseline c : List.of(CompressorBaseline.bzip2(), CompressorBaseline.xz(),
                CompressorBaseline.ppmd8())) {
            if (!c.available()) {
                peers.put(c.name() + "_bpc", "not installed");
                continue;
            }
            double bpc = c.bitsPerChar(context, text);
            peers.put(c.name() + "_bpc", bpc);
            if (syllables > 0) {
                peers.put(c.name() + "_bits_per_syllable", bpc * chars / syllables);
            }
        }
        return peers;
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
        return JsonOutput.json(value);
    }

    /**
     * The train verb's defaults, read from {@link CharLmConfig#defaults()} (and {@link TextSplit}'s standard split,
     * {@link HeldOutScores#DEFAULT_CONTEXT}) rather than repeated as strings, so help and behaviour follow the
     * library; without options the command trains {@code builtin:charlm}'s settings.
     */
    static final class TrainDefaults extends ConfigDefaults {
        @Override
        Map<String, Object> defaults() {
            CharLmConfig d = CharLmConfig.defaults();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("--cell", d.cell().name().toLowerCase(Locale.ROOT));
            m.put("--layers", Integer.toString(d.layers()));
            m.put("--units", Integer.toString(d.units()));
            m.put("--dropout", Double.toString(d.dropout()));
            m.put("--embedding-dim", Integer.toString(d.embeddingDim()));
            m.put("--seq-length", Integer.toString(d.sequenceLength()));
            m.put("--tbptt", Integer.toString(d.tbpttLength()));
            m.put("--batch", Integer.toString(d.batchSize()));
            m.put("--learning-rate", Double.toString(d.learningRate()));
            m.put("--clip", Double.toString(d.gradientClipNorm()));
            m.put("--epochs", Integer.toString(d.epochs()));
            m.put("--minutes", d.timeBudget() == null ? null : Double.toString(d.timeBudget().toMillis() / 60_000.0));
            m.put("--patience", Integer.toString(d.patience()));
            m.put("--min-count", Integer.toString(d.minCharCount()));
            m.put("--seed", Long.toString(d.seed()));
            m.put("--train-fraction", Double.toString(TextSplit.STANDARD_TRAIN));
            m.put("--validation-fraction", Double.toString(d.validationFraction()));
            m.put("--context", Integer.toString(HeldOutScores.DEFAULT_CONTEXT));
            m.put("--unit", d.unit().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            return m;
        }
    }

    /** {@code rnnkit charlm train}. */
    @Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = TrainDefaults.class,
            description = {"Train a character model on a UTF-8 text file and save it; the defaults are "
                    + "builtin:charlm's settings.",
                "The text is split by position: the first --train-fraction trains, the next --validation-fraction "
                        + "validates (early stopping), the rest is the test part. Validation and test bpc, each "
                        + "part read after the --context characters before it, are printed and recorded in the "
                        + "model file."})
    static final class Train implements Callable<Integer> {
        @ParentCommand
        CharlmCommand parent;

        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        MonitoringOptions monitoring;

        @Option(names = "--text", required = true, paramLabel = "FILE", description = "UTF-8 training text.")
        Path text;

        @Option(names = "--out", required = true, paramLabel = "MODEL", converter = InputFiles.OutputFile.class, description = "Model file to write (.rnnk).")
        Path out;

        @Option(names = "--cell", paramLabel = "lstm|gru", description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
        String cell;

        @Option(names = "--layers", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--units", description = "Units per layer (default: ${DEFAULT-VALUE}).")
        int units;

        @Option(names = "--dropout", description = "Dropout after each layer (default: ${DEFAULT-VALUE}).")
        double dropout;

        @Option(names = {"--embedding-dim", "--embedding"}, paramLabel = "DIM",
                description = "Learned character embedding size; 0 feeds characters one-hot "
                        + "(default: ${DEFAULT-VALUE}).")
        int embedding;

        @Option(names = "--seq-length", description = "Characters per training window (default: ${DEFAULT-VALUE}).")
        int sequenceLength;

        @Option(names = "--tbptt",
                description = "Truncated-BPTT segment inside a window; 0 = full window (default: ${DEFAULT-VALUE}).")
        int tbptt;

        @Option(names = "--batch", description = "Windows per batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = {"--learning-rate", "--lr"}, description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--clip", description = "Gradient norm clip, 0 = off (default: ${DEFAULT-VALUE}).")
        double clip;

        @Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--minutes", description = "Wall-clock budget of the whole command in minutes: training stops "
                + "at 85%% of it, the held-out scores use the rest, on as much text as fits (default: ${DEFAULT-VALUE}).")
        Double minutes;

        @Option(names = "--patience",
                description = "Early stopping after this many epochs without improvement; 0 = off "
                        + "(default: ${DEFAULT-VALUE}).")
        int patience;

        @Option(names = "--min-count", description = "Rarer characters become <unk> (default: ${DEFAULT-VALUE}).")
        int minCount;

        @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--train-fraction", description = "Default: ${DEFAULT-VALUE}.")
        double trainFraction;

        @Option(names = "--validation-fraction", description = "Default: ${DEFAULT-VALUE}.")
        double validationFraction;

        @Option(names = "--context", paramLabel = "N",
                description = "Characters read before the validation and test parts when scoring them "
                        + "(default: ${DEFAULT-VALUE}).")
        int context;

        @Option(names = "--unit", paramLabel = "code-point|jamo",
                description = "What one character of the model is: code-point (a Hangul syllable is one character; "
                        + "'syllable' means the same) or jamo (Korean read and written letter by letter, samples "
                        + "composed back into syllables) (default: ${DEFAULT-VALUE}).")
        String unit;

        @Option(names = "--validation-text", paramLabel = "FILE", description = "UTF-8 validation text (early "
                + "stopping, val_bpc); with it or --test-text, all of --text trains and the fractions are not used.")
        Path validationText;

        @Option(names = "--test-text", paramLabel = "FILE", description = "UTF-8 test text, scored after the "
                + "validation text (test_bpc); see --validation-text.")
        Path testText;

        @Option(names = "--compressors", description = "Also code the test part with bzip2 -9, xz -9e and 7-Zip "
                + "PPMd (given all the text before it) and record their bpc beside the model's.")
        boolean compressors;

        @Option(names = "--checkpoints", paramLabel = "DIR", description = "Write a checkpoint after every epoch.")
        Path checkpoints;

        @Option(names = "--json", description = "Print one JSON object with the results instead of text.")
        boolean json;

        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        /** The configuration the options describe; a value out of its range is a usage error. */
        CharLmConfig config() {
            return UsageException.fromOptions(this::buildConfig);
        }

        private CharLmConfig buildConfig() {
            Cell c;
            try {
                c = Cell.valueOf(cell.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--cell must be lstm or gru, got '"
                        + cell + "'");
            }
            CharTokenizer.Unit u = switch (unit.toLowerCase(Locale.ROOT)) {
                case "code-point", "code_point", "syllable" -> CharTokenizer.Unit.CODE_POINT;
                case "jamo" -> CharTokenizer.Unit.JAMO;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--unit must be code-point (or syllable) or jamo, got '" + unit + "'");
            };
            CharLmConfig.Builder b = CharLmConfig.builder().cell(c).unit(u).layers(layers).units(units).dropout(dropout)
                    .embeddingDim(embedding).sequenceLength(sequenceLength).tbpttLength(tbptt).batchSize(batch)
                    .learningRate(learningRate).gradientClipNorm(clip).epochs(epochs).patience(patience)
                    .validationFraction(validationFraction).minCharCount(minCount).seed(seed)
                    .checkpointDir(checkpoints)
                    .progress(quiet || json ? TrainingConfig.Progress.QUIET : TrainingConfig.Progress.AUTO);
            if (minutes != null) {
                b.minutes(minutes);
            }
            return b.build();
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Instant started = Instant.now();
            CharLmConfig config = config();
            // --minutes bounds the command, not only the training: the final scoring of a large validation and test
            // text used to run for minutes after the budget. Training keeps TRAINING_SHARE of it.
            Instant deadline = config.timeBudget() == null ? null : started.plus(config.timeBudget());
            if (config.timeBudget() != null) {
                config = config.toBuilder().timeBudget(Duration.ofMillis(Math.max(1,
                        Math.round(config.timeBudget().toMillis() * TRAINING_SHARE)))).build();
            }
            if (context < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--context must be >= 0, got " + context);
            }
            String all = readText(text);
            TextSplit split = validationText != null || testText != null
                    ? new TextSplit(all, validationText == null ? "" : readText(validationText),
                            testText == null ? "" : readText(testText))
                    : UsageException.fromOptions(() -> TextSplit.byPosition(all, trainFraction, validationFraction));
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
            HeldOutScores heldOut = model.evaluateHeldOut(split, context, deadline);
            Map<String, Double> metrics = new LinkedHashMap<>(heldOut.metrics());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", this.out.toString());
            result.put("epochs", t.history().size());
            result.put("stop_reason", t.stopReason().name().toLowerCase(Locale.ROOT));
            result.put("train_chars", t.trainChars());
            result.put("train_chars_per_second", t.charsPerSecond());
            result.put("seconds", t.seconds());
            result.putAll(heldOut.metrics());
            if (heldOut.validation() != null) {
                result.put("validation_chars", heldOut.validation().chars());
            }
            if (heldOut.test() != null) {
                result.put("test_chars", heldOut.test().chars());
            }
            long heldOutChars = split.validation().codePointCount(0, split.validation().length())
                    + split.test().codePointCount(0, split.test().length());
            long scored = (heldOut.validation() == null ? 0 : heldOut.validation().chars())
                    + (heldOut.test() == null ? 0 : heldOut.test().chars());
            // Scoring skips each part's first character (it has no history): a part scored to its end scores n - 1.
            boolean cut = deadline != null && Instant.now().isAfter(deadline) && scored + 2 < heldOutChars;
            result.put("held_out_cut_by_time_budget", cut);
            result.put("context_chars", context);
            // The benchmark's peers: each compressor codes the test part after all the text before it.
            Map<String, Object> peers = new LinkedHashMap<>();
            if (compressors && heldOut.test() != null && (deadline == null || Instant.now().isBefore(deadline))) {
                peers.putAll(compressorScores(split.beforeTest(), split.test()));
                peers.forEach((k, v) -> {
                    if (v instanceof Double d) {
                        metrics.put(k, d);
                    }
                });
                result.put("compressors_given_all_text_before_test", peers);
            }
            result.put("params", model.summary().totalParams());
            model.save(this.out, metrics);
            if (json) {
                out.println(json(result));
            } else {
                out.print(model.summary());
                out.printf(Locale.ROOT, "saved %s after %d epoch(s) (%s), %.0f training chars/s%n", this.out,
                        t.history().size(), t.stopReason().name().toLowerCase(Locale.ROOT), t.charsPerSecond());
                if (heldOut.validation() != null) {
                    out.printf(Locale.ROOT, "validation: %.3f bpc on %d characters%n", heldOut.validation().bpc(),
                            heldOut.validation().chars());
                }
                if (cut) {
                    out.printf(Locale.ROOT, "(the --minutes budget ended the held-out scoring after %d of its %d "
                            + "characters)%n", scored, heldOutChars);
                }
                if (heldOut.test() != null) {
                    out.printf(Locale.ROOT, "test: %.3f bpc on %d characters (unigram baseline %.3f bpc)%n",
                            heldOut.test().bpc(), heldOut.test().chars(), heldOut.test().unigramBpc());
                    if (heldOut.test().syllables() > 0) {
                        out.printf(Locale.ROOT, "test: %.3f bits per syllable on %d Hangul syllables (unigram %.3f)%n",
                                heldOut.test().bitsPerSyllable(), heldOut.test().syllables(),
                                heldOut.test().unigramBitsPerSyllable());
                    }
                }
                peers.forEach((name, bpc) -> out.printf(Locale.ROOT, "%s: %s%n", name, bpc));
            }
            out.flush();
            return Rnnkit.OK;
        }
    }

    /** The share of a {@code --minutes} budget that training may use; the held-out scoring gets the rest. */
    static final double TRAINING_SHARE = 0.85;

    /** Most characters {@code sample} holds in memory (with {@code --json} or several samples): 100 MB of text. */
    static final long MAX_KEPT_CHARS = 50_000_000L;

    /** {@code rnnkit charlm sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Generate text from a character model, streaming it as it is produced.")
    static final class Sample implements Callable<Integer> {
        @ParentCommand
        CharlmCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:charlm", paramLabel = "MODEL",
                description = "Model file, builtin:charlm or builtin:charlm-ko (default: ${DEFAULT-VALUE}).")
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
            SamplingOptions options = UsageException.fromOptions(b::build);
            if ((json || count > 1) && (long) length * count > MAX_KEPT_CHARS) {
                throw new UsageException("--length × --count is " + (long) length * count + " characters, more than the "
                        + MAX_KEPT_CHARS + " kept in memory for --json or several samples; stream one sample instead");
            }
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
                // Streamed: nothing is kept, and drawing stops as soon as the reader has gone away.
                CharacterStream stream = m.characters(options);
                stream.warnings().forEach(w -> err.println("rnnkit: warning: " + w));
                out.print(options.prefix());
                out.flush();
                for (int n = 1; stream.hasNext(); n++) {
                    String ch = stream.next();
                    out.print(ch);
                    if ((n & 63) == 0 || ch.equals("\n")) {
                        out.flush();
                        if (out.checkError()) {
                            return Rnnkit.OK;
                        }
                    }
                }
                out.println();
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
                description = "Model file, builtin:charlm or builtin:charlm-ko (default: ${DEFAULT-VALUE}).")
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

        @Option(names = "--compressors", description = "Also code the text with bzip2 -9, xz -9e and 7-Zip PPMd "
                + "(those installed), each after the --compressor-context text, and print their bpc (and bits per "
                + "syllable) beside the model's.")
        boolean compressors;

        @Option(names = "--compressor-context", paramLabel = "FILE", description = "UTF-8 text the compressors read "
                + "before the scored text, e.g. the model's training text, as the model has seen it (default: "
                + "none).")
        Path compressorContext;

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
            InputFiles.requireFile(file, "text file");
            if (compressorContext != null) {
                InputFiles.requireFile(compressorContext, "compressor context file");
            }
            EvaluationOptions options = evaluationOptions();
            DynamicEvaluation settings = dynamicLr == null ? null : dynamicSettings();
            CharLanguageModel m = CharLanguageModel.load(model);
            Evaluation e = evaluate(m, file, options);
            // Dynamic evaluation learns through DL4J's training passes, and the compressors code whole files: both
            // need the whole text at once, read once for the two.
            String whole = settings != null || compressors ? readText(file) : null;
            Evaluation dynamic = settings == null ? null : m.evaluateDynamic("", whole, settings);
            Map<String, Object> peers = compressors ? compressorScores(
                    compressorContext == null ? "" : readText(compressorContext), whole) : Map.of();
            if (json) {
                Map<String, Object> map = new LinkedHashMap<>(e.toMap());
                map.put("chars_per_second", e.chars() / Math.max(e.seconds(), 1e-9));
                map.put("mode", options.isSequential() ? "sequential" : "batched");
                map.put("parts", options.parts());
                map.put("part_context", options.isSequential() ? 0 : options.partContext());
                if (dynamic != null) {
                    map.put("dynamic_bpc", dynamic.bpc());
                    if (dynamic.syllables() > 0) {
                        map.put("dynamic_bits_per_syllable", dynamic.bitsPerSyllable());
                    }
                    map.put("dynamic_lr", dynamicLr);
                    map.put("dynamic_segment", dynamicSegment);
                    map.put("dynamic_rule", settings.rule().name().toLowerCase(Locale.ROOT));
                    if (settings.rule() == DynamicEvaluation.Rule.RMS) {
                        map.put("dynamic_decay", dynamicDecay);
                    }
                }
                map.putAll(peers);
                out.println(json(map));
            } else {
                out.printf(Locale.ROOT, "%.4f bits per character (perplexity %.3f) on %d characters%s%n", e.bpc(),
                        e.perplexity(), e.chars(), e.unknownChars() > 0 ? ", " + e.unknownChars()
                                + " of them unknown to the model" : "");
                out.printf(Locale.ROOT, "unigram baseline: %.4f bits per character%n", e.unigramBpc());
                if (e.syllables() > 0) {
                    out.printf(Locale.ROOT, "%.4f bits per syllable on %d Hangul syllables (unigram %.4f)%n",
                            e.bitsPerSyllable(), e.syllables(), e.unigramBitsPerSyllable());
                }
                out.printf(Locale.ROOT, "%s, %.0f characters per second%n", options.isSequential() ? "sequential"
                        : String.format(Locale.ROOT, "batched: %d parts, %d characters of context each",
                        options.parts(), options.partContext()), e.chars() / Math.max(e.seconds(), 1e-9));
                if (dynamic != null) {
                    out.printf(Locale.ROOT, "dynamic evaluation (%s): %.4f bits per character%n", settings,
                            dynamic.bpc());
                    if (dynamic.syllables() > 0) {
                        out.printf(Locale.ROOT, "dynamic evaluation: %.4f bits per syllable%n",
                                dynamic.bitsPerSyllable());
                    }
                }
                peers.forEach((name, value) -> out.printf(Locale.ROOT, "%s: %s%n", name, value));
            }
            out.flush();
            return Rnnkit.OK;
        }
    }
}
