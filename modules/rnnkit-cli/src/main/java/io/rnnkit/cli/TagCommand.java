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

    @Option(names = "--model", paramLabel = "MODEL",
            description = "A tagger model file or builtin:tagger.")
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
        if (model == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing --model (or a subcommand: train, eval)");
        }
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
            description = "Train a tagger on a tagged corpus and save it as one model file. Without --brown-split, "
                    + "every 10th sentence is held out to pick the best epoch.")
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

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model (.rnnk).")
        Path out;

        @Option(names = "--minutes", paramLabel = "N", description = "Stop training after N minutes (default: no limit).")
        Double minutes;

        @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: as TaggerConfig.defaults()).")
        Integer epochs;

        @Option(names = "--hidden", paramLabel = "N", description = "LSTM units per direction (default: as TaggerConfig.defaults()).")
        Integer hidden;

        @Option(names = "--word-dim", paramLabel = "N", description = "Word embedding size (default: as TaggerConfig.defaults()).")
        Integer wordDim;

        @Option(names = "--feature-dim", paramLabel = "N",
                description = "Size of each shape/prefix/suffix embedding (default: as TaggerConfig.defaults()).")
        Integer featureDim;

        @Option(names = "--max-words", paramLabel = "N", description = "Largest word vocabulary (default: as TaggerConfig.defaults()).")
        Integer maxWords;

        @Option(names = "--buckets", paramLabel = "N",
                description = "Hash buckets per prefix/suffix feature (default: as TaggerConfig.defaults()).")
        Integer buckets;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

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
            TaggerConfig config = TaggerConfig.defaults().withSeed(seed);
            if (epochs != null) {
                config = config.withEpochs(epochs);
            }
            if (hidden != null) {
                config = config.withHiddenSize(hidden);
            }
            if (wordDim != null || featureDim != null) {
                config = config.withEmbeddings(wordDim != null ? wordDim : config.wordDim(),
                        featureDim != null ? featureDim : config.featureDim());
            }
            if (maxWords != null || buckets != null) {
                config = config.withVocabulary(maxWords != null ? maxWords : config.maxVocabulary(),
                        buckets != null ? buckets : config.hashBuckets());
            }
            if (minutes != null) {
                if (!(minutes > 0)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--minutes must be positive");
                }
                config = config.withTimeBudget(Duration.ofMillis(Math.round(minutes * 60_000)));
            }
            List<TaggedSentence> training = new ArrayList<>();
            List<TaggedSentence> validation = new ArrayList<>();
            if (c.brownSplit) {
                BrownSplit split = c.split();
                training.addAll(TaggedCorpus.read(split.train(), CorpusFormat.BROWN, tagSet));
                validation.addAll(TaggedCorpus.read(split.validation(), CorpusFormat.BROWN, tagSet));
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
                o.printf(Locale.ROOT, "trained on %,d sentences, %d tags, validation accuracy %.2f %%; saved %s%n",
                        training.size(), tagger.labels().size(),
                        100 * tagger.metrics().getOrDefault("validation_accuracy", Double.NaN), out);
            }
            return Rnnkit.OK;
        }
    }

    /** {@code rnnkit tag eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Score a tagger on a tagged corpus: accuracy, accuracy on words unseen in training, per-tag F1, confusions.")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A tagger model file or builtin:tagger.")
        String model;

        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        CorpusOptions corpus;

        @Option(names = "--json", description = "Print the scores as JSON (accuracy, unknown_accuracy, tokens, per_tag, confusions …).")
        boolean json;

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
