package io.rnnkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.rnnkit.translate.AttentionHeatMap;
import io.rnnkit.translate.SentencePair;
import io.rnnkit.translate.Translation;
import io.rnnkit.translate.TranslationEvaluation;
import io.rnnkit.translate.Translator;
import io.rnnkit.translate.TranslatorConfig;
import io.rnnkit.translate.text.Subwords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit translate}: English → Korean translation. Given a model, the command translates its text arguments
 * (or each line of standard input, streaming); {@code translate train} and {@code translate eval} train and score
 * translators on sentence-pair files.
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate English to Korean with an encoder-decoder with attention, or train and evaluate one.",
        subcommands = {TranslateCommand.Train.class, TranslateCommand.Eval.class})
public final class TranslateCommand implements Callable<Integer> {
    /** Lines of standard input translated together: enough to decode in parallel, few enough to stream. */
    private static final int STDIN_BATCH = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "builtin:translate-en-ko",
            description = "A translation model file or builtin:translate-en-ko (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--beam", paramLabel = "N",
            description = "Beam width, 1 = greedy (default: the model's, 4 for builtin:translate-en-ko).")
    Integer beam;

    @Option(names = "--attention-png", paramLabel = "FILE",
            description = "Write the attention heat map of the translation to FILE (with several texts: FILE-1.png, "
                    + "FILE-2.png, …). Needs text arguments.")
    Path attentionPng;

    @Option(names = "--json", description = "One JSON object per translation: source, translation, log_prob, tokens.")
    boolean json;

    @Parameters(paramLabel = "TEXT", arity = "0..*",
            description = "Sentences to translate (default: each line of standard input; a blank line gives a blank line).")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() {
        if (beam != null && beam < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--beam must be at least 1, got " + beam);
        }
        if (attentionPng != null && texts.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--attention-png needs the sentences as arguments, not on standard input");
        }
        if (attentionPng != null) {
            String problem = InputFiles.unwritable(attentionPng);
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), problem);
            }
        }
        Translator translator = Translator.load(model);
        int width = beam != null ? beam : translator.config().beamWidth();
        PrintWriter out = spec.commandLine().getOut();
        if (!texts.isEmpty()) {
            List<Translation> done = print(translator, texts, width, out);
            if (attentionPng != null) {
                for (int i = 0; i < done.size(); i++) {
                    Path file = done.size() == 1 ? attentionPng : numbered(attentionPng, i + 1);
                    AttentionHeatMap.writePng(done.get(i), file);
                    if (!AttentionHeatMap.labelsReadable(done.get(i))) {
                        spec.commandLine().getErr().println("rnnkit: no installed font shows every token of the "
                                + "heat map (for Hangul: apt-get install fonts-nanum); its labels show as boxes");
                    }
                }
            }
            return Rnnkit.OK;
        }
        StandardInput.forEachBatch(System.in, STDIN_BATCH, out, (batch, first) -> print(translator, batch, width, out));
        return Rnnkit.OK;
    }

    static Path numbered(Path file, int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        return file.resolveSibling(numbered);
    }

    private List<Translation> print(Translator translator, List<String> lines, int width, PrintWriter out) {
        List<Translation> done = translator.translateAll(lines, width);
        for (Translation t : done) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", t.source());
                m.put("translation", t.text());
                m.put("log_prob", t.logProb());
                m.put("source_tokens", t.sourceTokens());
                m.put("target_tokens", t.targetTokens());
                out.println(JsonOutput.json(m));
            } else {
                out.println(t.text());
            }
        }
        out.flush();
        return done;
    }

    /** The sentence-pair files of {@code train} and {@code eval}. */
    static List<SentencePair> pairs(Path file) {
        InputFiles.requireFile(file, "sentence-pair file");
        List<SentencePair> p = SentencePair.readTsv(file);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("sentence-pair file " + file + " has no pairs (expected a header line, "
                    + "then source<TAB>target per line)");
        }
        return p;
    }

    /** The manifest metrics of a test-set evaluation. */
    static Map<String, Double> testScores(TranslationEvaluation e, int beamWidth) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test_chrf", e.chrF());
        m.put("test_bleu", e.bleu());
        m.put("test_pairs", (double) e.sentences());
        m.put("test_beam_width", (double) beamWidth);
        return m;
    }

    /** {@code rnnkit translate train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a translator on sentence pairs (a TSV file: a header line, then "
                    + "source<TAB>target per line, e.g. datasets/en-ko-help-pairs/train.tsv) and save it as one model "
                    + "file. Without --valid, every 10th pair is held out to pick the best epoch. With --test, the "
                    + "test pairs are translated after training and test_chrf and test_bleu go into the manifest.",
                "The defaults are TranslatorConfig.defaults(), the settings builtin:translate-en-ko was trained with."},
            defaultValueProvider = TranslateCommand.TrainDefaults.class)
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        MonitoringOptions monitoring;

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "Training pairs (TSV).")
        Path data;

        @Option(names = "--valid", paramLabel = "FILE", description = "Validation pairs (TSV) for the best epoch.")
        Path valid;

        @Option(names = "--test", paramLabel = "FILE", description = "Test pairs (TSV) scored after training.")
        Path test;

        @Option(names = "--out", required = true, paramLabel = "MODEL", converter = InputFiles.OutputFile.class,
                description = "Where to write the model (.rnnk).")
        Path out;

        @Option(names = "--source-unit", paramLabel = "UNIT",
                description = "Source tokens: char or bpe (default: ${DEFAULT-VALUE}).")
        String sourceUnit;

        @Option(names = "--source-merges", paramLabel = "N",
                description = "BPE merges learned on the source side (default: ${DEFAULT-VALUE}).")
        Integer sourceMerges;

        @Option(names = "--target-unit", paramLabel = "UNIT",
                description = "Target tokens: char (Hangul syllables) or bpe (default: ${DEFAULT-VALUE}).")
        String targetUnit;

        @Option(names = "--target-merges", paramLabel = "N",
                description = "BPE merges learned on the target side (default: ${DEFAULT-VALUE}).")
        Integer targetMerges;

        @Option(names = "--embedding-dim", paramLabel = "N", description = "Embedding size (default: ${DEFAULT-VALUE}).")
        Integer embedding;

        @Option(names = "--encoder-units", paramLabel = "N",
                description = "Encoder GRU units per direction (default: ${DEFAULT-VALUE}).")
        Integer encoderUnits;

        @Option(names = "--decoder-units", paramLabel = "N",
                description = "Units of each decoder GRU (default: ${DEFAULT-VALUE}).")
        Integer decoderUnits;

        @Option(names = "--attention-size", paramLabel = "N",
                description = "Attention projection size (default: ${DEFAULT-VALUE}).")
        Integer attentionSize;

        @Option(names = "--minutes", paramLabel = "N",
                description = "Stop training after N minutes, keeping the best epoch so far (default: ${DEFAULT-VALUE}).")
        Double minutes;

        @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: ${DEFAULT-VALUE}).")
        Integer epochs;

        @Option(names = "--batch", paramLabel = "N", description = "Pairs per batch (default: ${DEFAULT-VALUE}).")
        Integer batch;

        @Option(names = {"--learning-rate", "--lr"}, paramLabel = "RATE",
                description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
        Double learningRate;

        @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
        Long seed;

        @Option(names = "--beam", paramLabel = "N",
                description = "Beam width the model translates with, 1 = greedy (default: ${DEFAULT-VALUE}).")
        Integer beam;

        @Option(names = "--json", description = "Print the training summary as JSON.")
        boolean json;

        @Override
        public Integer call() {
            TranslatorConfig config = UsageException.fromOptions(this::config);
            List<SentencePair> training = new ArrayList<>(pairs(data));
            List<SentencePair> validation = new ArrayList<>();
            if (valid != null) {
                validation.addAll(pairs(valid));
            } else {
                List<SentencePair> all = training;
                training = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    (i % 10 == 9 ? validation : training).add(all.get(i));
                }
            }
            List<SentencePair> testPairs = test == null ? List.of() : pairs(test);
            PrintWriter err = spec.commandLine().getErr();
            Translator translator = Translator.train(config, training, validation,
                    json ? io.rnnkit.nn.train.TrainingConfig.Progress.QUIET : io.rnnkit.nn.train.TrainingConfig.Progress.AUTO,
                    new io.rnnkit.nn.train.TrainingListener() {
                        @Override
                        public void onEpochEnd(io.rnnkit.nn.train.EpochMetrics m) {
                            if (!json) {
                                err.printf(Locale.ROOT, "epoch %d: loss %.4f, validation loss %.4f, %.0f s%n",
                                        m.epoch(), m.trainLoss(), m.validationLoss(), m.seconds());
                                err.flush();
                            }
                        }
                    });
            if (!testPairs.isEmpty()) {
                translator = translator.withMetrics(testScores(translator.evaluate(testPairs), config.beamWidth()));
            }
            translator.save(out);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("model", out.toString());
            summary.put("pairs", training.size());
            summary.put("validation_pairs", validation.size());
            summary.put("source_vocabulary", translator.sourceVocabulary().size());
            summary.put("target_vocabulary", translator.targetVocabulary().size());
            summary.put("parameters", translator.parameterCount());
            summary.putAll(translator.metrics());
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(JsonOutput.json(summary));
            } else {
                Double loss = translator.metrics().get("validLossPerToken");
                o.printf(Locale.ROOT, "trained on %,d pairs (%,.0f within the length limits), %s; saved %s%n",
                        training.size(), translator.metrics().get("trainingPairs"), loss == null
                                ? "no validation pairs"
                                : String.format(Locale.ROOT, "validation loss %.4f per token", loss), out);
                if (translator.metrics().containsKey("test_chrf")) {
                    o.printf(Locale.ROOT, "test pairs: chrF %.2f, BLEU %.2f on %,.0f pairs (beam %d)%n",
                            translator.metrics().get("test_chrf"), translator.metrics().get("test_bleu"),
                            translator.metrics().get("test_pairs"), config.beamWidth());
                }
            }
            return Rnnkit.OK;
        }

        /** The config of the options; an option left out keeps {@link TranslatorConfig#defaults()}' value. */
        TranslatorConfig config() {
            TranslatorConfig d = TranslatorConfig.defaults();
            TranslatorConfig.Builder b = d.toBuilder()
                    .source(sourceUnit != null ? Subwords.Unit.parse(sourceUnit) : d.sourceUnit(),
                            sourceMerges != null ? sourceMerges : d.sourceMerges())
                    .target(targetUnit != null ? Subwords.Unit.parse(targetUnit) : d.targetUnit(),
                            targetMerges != null ? targetMerges : d.targetMerges())
                    .sizes(embedding != null ? embedding : d.embedding(),
                            encoderUnits != null ? encoderUnits : d.encoderUnits(),
                            decoderUnits != null ? decoderUnits : d.decoderUnits(),
                            attentionSize != null ? attentionSize : d.attentionSize());
            if (epochs != null) {
                b.epochs(epochs);
            }
            if (batch != null) {
                b.batchSize(batch);
            }
            if (learningRate != null) {
                b.learningRate(learningRate);
            }
            if (seed != null) {
                b.seed(seed);
            }
            if (beam != null) {
                b.beamWidth(beam);
            }
            if (minutes != null) {
                if (!(minutes > 0)) {
                    throw new IllegalArgumentException("--minutes must be positive");
                }
                b.timeBudget(Duration.ofMillis(Math.round(minutes * 60_000)));
            }
            return b.build();
        }
    }

    /** {@code translate train}'s option defaults: those of {@link TranslatorConfig#defaults()}. */
    static final class TrainDefaults extends ConfigDefaults {
        @Override
        Map<String, Object> defaults() {
            TranslatorConfig d = TranslatorConfig.defaults();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("--source-unit", d.sourceUnit().id());
            m.put("--source-merges", d.sourceMerges());
            m.put("--target-unit", d.targetUnit().id());
            m.put("--target-merges", d.targetMerges());
            m.put("--embedding-dim", d.embedding());
            m.put("--encoder-units", d.encoderUnits());
            m.put("--decoder-units", d.decoderUnits());
            m.put("--attention-size", d.attentionSize());
            m.put("--minutes", d.timeBudget() == null ? null : d.timeBudget().toSeconds() / 60.0);
            m.put("--epochs", d.epochs());
            m.put("--batch", d.batchSize());
            m.put("--learning-rate", d.learningRate());
            m.put("--seed", d.seed());
            m.put("--beam", d.beamWidth());
            return m;
        }
    }

    /** {@code rnnkit translate eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Score a translator on sentence pairs: corpus chrF (character 6-grams, beta 2) and BLEU-4.")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:translate-en-ko", paramLabel = "MODEL",
                description = "A translation model file or builtin:translate-en-ko (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "Pairs to score (TSV).")
        Path data;

        @Option(names = "--beam", paramLabel = "N", description = "Beam width, 1 = greedy (default: the model's).")
        Integer beam;

        @Option(names = "--translations", paramLabel = "FILE",
                description = "Also write the translations, one per line, to FILE.")
        Path translations;

        @Option(names = "--json", description = "Print the scores as JSON (chrf, bleu, pairs, seconds, pairs_per_second).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (beam != null && beam < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--beam must be at least 1, got " + beam);
            }
            List<SentencePair> pairs = pairs(data);
            Translator translator = Translator.load(model);
            int width = beam != null ? beam : translator.config().beamWidth();
            TranslationEvaluation e = translator.evaluate(pairs, width);
            if (translations != null) {
                io.rnnkit.text.io.AtomicFiles.writeLines(translations,
                        e.translations().stream().map(Translation::text).toList());
            }
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("pairs", e.sentences());
            m.put("beam_width", width);
            m.put("chrf", e.chrF());
            m.put("bleu", e.bleu());
            m.put("seconds", e.seconds());
            m.put("pairs_per_second", e.sentences() / Math.max(1e-9, e.seconds()));
            if (json) {
                out.println(JsonOutput.json(m));
            } else {
                out.printf(Locale.ROOT, "%,d pairs, beam %d: chrF %.2f, BLEU %.2f (%.1f s, %.1f pairs/s)%n",
                        e.sentences(), width, e.chrF(), e.bleu(), e.seconds(), e.sentences() / Math.max(1e-9, e.seconds()));
            }
            return Rnnkit.OK;
        }
    }
}
