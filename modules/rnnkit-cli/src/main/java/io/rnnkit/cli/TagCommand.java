package io.rnnkit.cli;

import io.rnnkit.tagger.PosTagger;
import io.rnnkit.tagger.TaggedText;
import io.rnnkit.tagger.TaggerConfig;
import io.rnnkit.tagger.corpus.BrownSplit;
import io.rnnkit.tagger.corpus.CorpusFormat;
import io.rnnkit.tagger.corpus.TaggedCorpus;
import io.rnnkit.tagger.eval.TaggingEvaluation;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.tagger.tagset.UniversalTags;
import io.rnnkit.text.io.TaggedSentence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rnnkit tag}: part-of-speech tagging. Given a model, the command itself tags its text arguments (or the
 * lines of standard input); {@code tag train} and {@code tag eval} train and score taggers on tagged corpora.
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Part-of-speech tagging: tag text with a model, or train and evaluate taggers on tagged corpora.",
        subcommands = {TagCommand.Train.class, TagCommand.Eval.class})
public final class TagCommand implements Callable<Integer> {
    /** Lines of standard input tagged together, so large inputs run in batches but output still streams. */
    private static final int STDIN_BATCH = 512;

    @ParentCommand
    Rnnkit root;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "builtin:tagger",
            description = "A tagger model file or builtin:tagger (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--pretokenized",
            description = "Each text is one sentence of tokens separated by spaces, kept exactly (no tokenizer).")
    boolean pretokenized;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "slash",
            description = "Output: slash (I/PRON work/VERB, one line per text) or conllu (default: ${DEFAULT-VALUE}).")
    String format;

    @Parameters(paramLabel = "TEXT", arity = "0..*",
            description = "Texts to tag (default: each line of standard input; a blank line gives a blank line).")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() {
        boolean conllu = switch (format.toLowerCase(Locale.ROOT)) {
            case "slash" -> false;
            case "conllu" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --format '" + format + "'; expected slash or conllu");
        };
        PosTagger tagger = PosTagger.load(model);
        PrintWriter out = spec.commandLine().getOut();
        if (!texts.isEmpty()) {
            print(tagger, texts, conllu, out);
            return Rnnkit.OK;
        }
        StandardInput.forEachBatch(System.in, STDIN_BATCH, out, (batch, first) -> print(tagger, batch, conllu, out));
        return Rnnkit.OK;
    }

    private void print(PosTagger tagger, List<String> lines, boolean conllu, PrintWriter out) {
        List<TaggedText> tagged;
        if (pretokenized) {
            tagged = new ArrayList<>(lines.size());
            List<List<String>> sentences = new ArrayList<>(lines.size());
            for (String line : lines) {
                String t = line.strip();
                sentences.add(t.isEmpty() ? List.of() : List.of(t.split("[ \\t]+")));
            }
            tagged = tagger.tagTokens(sentences);
        } else {
            tagged = tagger.tagTexts(lines);
        }
        for (int i = 0; i < lines.size(); i++) {
            TaggedText t = tagged.get(i);
            if (conllu) {
                if (!t.tokens().isEmpty()) {
                    out.println("# text = " + lines.get(i).strip().replace('\t', ' '));
                    out.print(t.toConllu());
                }
            } else {
                out.println(t.toSlashFormat());
            }
        }
        out.flush();
    }

    /** The corpus options shared by {@code train} and {@code eval}. */
    static final class CorpusOptions {
        @Option(names = "--corpus", required = true, arity = "1..*", paramLabel = "PATH",
                description = "Tagged corpus files or folders (a Brown folder: its ca01 … cr09 files).")
        List<Path> corpus;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "brown",
                description = "brown (word/tag) or conllu (UPOS column) (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--brown-split",
                description = "With one Brown folder: use the fixed split (train: 405 files, validation: 45, test: 50).")
        boolean brownSplit;

        CorpusFormat corpusFormat() {
            return CorpusFormat.parse(format);
        }

        BrownSplit split() {
            if (corpus.size() != 1) {
                throw new IllegalArgumentException("--brown-split takes exactly one Brown folder as --corpus");
            }
            if (corpusFormat() != CorpusFormat.BROWN) {
                throw new IllegalArgumentException("--brown-split needs --format brown");
            }
            return BrownSplit.of(corpus.get(0));
        }
    }

    /** {@code rnnkit tag train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a tagger on a tagged corpus and save it as one model file. Without --brown-split, "
                    + "every 10th sentence is held out to pick the best epoch; with it, the 45 validation files pick it "
                    + "and the 50 test files are scored after training (test_accuracy and test_unknown_accuracy in "
                    + "the model's manifest).",
                "The defaults are TaggerConfig.defaults(), the settings builtin:tagger was trained with."},
            defaultValueProvider = TagCommand.TrainDefaults.class)
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        MonitoringOptions monitoring;

        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        CorpusOptions corpus;

        @Option(names = "--tagset", paramLabel = "TAGSET", defaultValue = "universal",
                description = "universal (12 tags) or raw (the corpus' own tags) (default: ${DEFAULT-VALUE}).")
        String tagset;

        @Option(names = "--out", required = true, paramLabel = "MODEL", converter = InputFiles.OutputFile.class, description = "Where to write the model (.rnnk).")
        Path out;

        @Option(names = "--minutes", paramLabel = "N", description = "Stop training after N minutes, keeping the best epoch so far "
                + "(default: ${DEFAULT-VALUE}).")
        Double minutes;

        @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: ${DEFAULT-VALUE}).")
        Integer epochs;

        @Option(names = {"--units", "--hidden"}, paramLabel = "N", description = "LSTM units per direction (default: ${DEFAULT-VALUE}).")
        Integer hidden;

        @Option(names = {"--embedding-dim", "--word-dim"}, paramLabel = "N", description = "Word embedding size (default: ${DEFAULT-VALUE}).")
        Integer wordDim;

        @Option(names = "--feature-dim", paramLabel = "N",
                description = "Size of each shape/prefix/suffix embedding (default: ${DEFAULT-VALUE}).")
        Integer featureDim;

        @Option(names = "--max-words", paramLabel = "N", description = "Largest word vocabulary (default: ${DEFAULT-VALUE}).")
        Integer maxWords;

        @Option(names = "--buckets", paramLabel = "N",
                description = "Hash buckets per prefix/suffix feature (default: ${DEFAULT-VALUE}).")
        Integer buckets;

        @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
        Long seed;

        @Option(names = {"--learning-rate", "--lr"}, paramLabel = "RATE",
                description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
        Double learningRate;

        @Option(names = "--batch", paramLabel = "N", description = "Sentences per batch (default: ${DEFAULT-VALUE}).")
        Integer batch;

        @Option(names = "--json", description = "Print the training summary as JSON.")
        boolean json;

        @Override
        public Integer call() {
            CorpusOptions c = corpus;
            TagSet tagSet = switch (tagset.toLowerCase(Locale.ROOT)) {
                case "universal" -> TagSet.UNIVERSAL;
                case "raw" -> TagSet.RAW;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown --tagset '" + tagset + "'; expected universal or raw");
            };
            TaggerConfig config = UsageException.fromOptions(this::config);
            List<TaggedSentence> training = new ArrayList<>();
            List<TaggedSentence> validation = new ArrayList<>();
            List<TaggedSentence> test = List.of();
            if (c.brownSplit) {
                BrownSplit split = c.split();
                training.addAll(TaggedCorpus.read(split.train(), CorpusFormat.BROWN, tagSet));
                validation.addAll(TaggedCorpus.read(split.validation(), CorpusFormat.BROWN, tagSet));
                test = TaggedCorpus.read(split.test(), CorpusFormat.BROWN, tagSet);
            } else {
                List<TaggedSentence> all = TaggedCorpus.read(c.corpus, c.corpusFormat(), tagSet);
                for (int i = 0; i < all.size(); i++) {
                    (i % 10 == 9 ? validation : training).add(all.get(i));
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            PosTagger tagger = PosTagger.train(config, training, validation, p -> {
                if (!json) {
                    err.printf(Locale.ROOT, "epoch %d: loss %.4f, validation accuracy %.2f %%, %.0f tokens/s%n",
                            p.epoch(), p.meanLoss(), 100 * p.validationAccuracy(), p.tokensPerSecond());
                    err.flush();
                }
            }, !json);
            if (!test.isEmpty()) {
                // the held-out test files, read once training is over: the scores docs/tagger.md quotes, kept in the file
                tagger = tagger.withMetrics(testScores(tagger.evaluate(test)));
            }
            tagger.save(out);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("model", out.toString());
            summary.put("sentences", training.size());
            summary.put("validation_sentences", validation.size());
            summary.put("tags", tagger.labels());
            summary.put("parameters", tagger.parameterCount());
            summary.putAll(tagger.metrics());
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(SentimentCommand.json(summary));
            } else {
                Double accuracy = tagger.metrics().get("validation_accuracy");
                // Without validation sentences there is no figure to print, not a NaN.
                o.printf(Locale.ROOT, "trained on %,d sentences, %d tags, %s; saved %s%n", training.size(),
                        tagger.labels().size(), accuracy == null
                                ? "no validation (every 10th sentence is held out: give at least 10 sentences)"
                                : String.format(Locale.ROOT, "validation accuracy %.2f %%", 100 * accuracy), out);
                if (tagger.metrics().containsKey("test_accuracy")) {
                    o.printf(Locale.ROOT, "test files: accuracy %.2f %%, %.2f %% on %,.0f unknown of %,.0f tokens%n",
                            100 * tagger.metrics().get("test_accuracy"),
                            100 * tagger.metrics().get("test_unknown_accuracy"),
                            tagger.metrics().get("test_unknown_tokens"), tagger.metrics().get("test_tokens"));
                }
            }
            return Rnnkit.OK;
        }

        /** The config of the options; an option left out keeps {@link TaggerConfig#defaults()}' value. */
        TaggerConfig config() {
            TaggerConfig d = TaggerConfig.defaults();
            TaggerConfig config = d.withSeed(seed != null ? seed : d.seed())
                    .withOptimizer(batch != null ? batch : d.batchSize(),
                            learningRate != null ? learningRate : d.learningRate())
                    .withEpochs(epochs != null ? epochs : d.epochs())
                    .withHiddenSize(hidden != null ? hidden : d.hiddenSize())
                    .withEmbeddings(wordDim != null ? wordDim : d.wordDim(), featureDim != null ? featureDim : d.featureDim())
                    .withVocabulary(maxWords != null ? maxWords : d.maxVocabulary(),
                            buckets != null ? buckets : d.hashBuckets());
            if (minutes != null) {
                if (!(minutes > 0)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--minutes must be positive");
                }
                config = config.withTimeBudget(Duration.ofMillis(Math.round(minutes * 60_000)));
            }
            return config;
        }
    }

    /** The manifest metrics of a test-set evaluation. */
    static Map<String, Double> testScores(TaggingEvaluation e) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test_accuracy", e.accuracy());
        m.put("test_unknown_accuracy", e.unknownAccuracy());
        m.put("test_tokens", (double) e.tokens());
        m.put("test_unknown_tokens", (double) e.unknownTokens());
        return m;
    }

    /** {@code tag train}'s option defaults: those of {@link TaggerConfig#defaults()}. */
    static final class TrainDefaults extends ConfigDefaults {
        @Override
        Map<String, Object> defaults() {
            TaggerConfig d = TaggerConfig.defaults();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("--epochs", d.epochs());
            m.put("--hidden", d.hiddenSize());
            m.put("--word-dim", d.wordDim());
            m.put("--feature-dim", d.featureDim());
            m.put("--max-words", d.maxVocabulary());
            m.put("--buckets", d.hashBuckets());
            m.put("--seed", d.seed());
            m.put("--learning-rate", d.learningRate());
            m.put("--batch", d.batchSize());
            m.put("--minutes", d.timeBudget() == null ? null : d.timeBudget().toSeconds() / 60.0);
            return m;
        }
    }

    /** {@code rnnkit tag eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Score a tagger on a tagged corpus: accuracy, accuracy on words unseen in training, per-tag F1, confusions.")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:tagger", paramLabel = "MODEL",
                description = "A tagger model file or builtin:tagger (default: ${DEFAULT-VALUE}).")
        String model;

        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        CorpusOptions corpus;

        @Option(names = "--json", description = "Print the scores as JSON (accuracy, unknown_accuracy, tokens, per_tag, confusions …).")
        boolean json;

        @Option(names = "--save-scores", paramLabel = "MODEL", description = "Write a copy of the model whose manifest "
                + "records these scores as test_accuracy, test_unknown_accuracy, test_tokens and test_unknown_tokens "
                + "(for a model trained before tag train recorded them; the network is unchanged).")
        Path saveScores;

        @Override
        public Integer call() {
            CorpusOptions c = corpus;
            PosTagger tagger = PosTagger.load(model);
            // A model trained on universal tags is scored against the corpus mapped to them; otherwise raw tags.
            TagSet tagSet = UniversalTags.ALL.containsAll(tagger.labels()) ? TagSet.UNIVERSAL : TagSet.RAW;
            List<TaggedSentence> gold = c.brownSplit
                    ? TaggedCorpus.read(c.split().test(), CorpusFormat.BROWN, tagSet)
                    : TaggedCorpus.read(c.corpus, c.corpusFormat(), tagSet);
            TaggingEvaluation e = tagger.evaluate(gold);
            if (saveScores != null) {
                tagger.withMetrics(testScores(e)).save(saveScores);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(SentimentCommand.json(e.toMap()));
            } else {
                out.print(e.summary());
            }
            return Rnnkit.OK;
        }
    }
}
