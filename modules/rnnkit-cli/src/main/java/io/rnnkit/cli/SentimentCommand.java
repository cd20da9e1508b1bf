package io.rnnkit.cli;

import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.sentiment.CrossValidation;
import io.rnnkit.sentiment.Encoder;
import io.rnnkit.sentiment.Readout;
import io.rnnkit.sentiment.Evaluation;
import io.rnnkit.sentiment.Sentiment;
import io.rnnkit.sentiment.SentimentClassifier;
import io.rnnkit.sentiment.SentimentConfig;
import io.rnnkit.text.embed.OovPolicy;
import io.rnnkit.text.WordTokenizer;
import io.rnnkit.text.embed.VectorFormat;
import io.rnnkit.text.embed.VectorSource;
import io.rnnkit.text.io.Column;
import io.rnnkit.text.io.LabelledText;
import io.rnnkit.text.io.LabelledTextReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rnnkit sentiment train|predict|eval}: the review sentiment classifier from the command line. */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Sentiment of reviews: train a recurrent classifier on labelled texts, predict, evaluate.",
        subcommands = {SentimentCommand.Train.class, SentimentCommand.Predict.class, SentimentCommand.Eval.class})
public final class SentimentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (train, predict or eval)");
    }

    static String json(Object value) {
        return JsonOutput.json(value);
    }

    /** The options that say how to read a labelled data file. */
    static final class DataOptions {
        @Option(names = "--data", required = true, paramLabel = "FILE",
                description = "Labelled texts: JSON (array or lines), CSV or TSV; repeat to pool several files read the same way.")
        List<Path> data;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "json, csv or tsv (default: from the file extension; .json/.jsonl json, .tsv tsv, else csv).")
        String format;

        @Option(names = "--text-column", paramLabel = "NAME|N", defaultValue = "text",
                description = "Field or column of the text: a name, or a 0-based number for CSV/TSV (default: ${DEFAULT-VALUE}).")
        String textColumn;

        @Option(names = "--label-column", paramLabel = "NAME|N", defaultValue = "label",
                description = "Field or column of the label (default: ${DEFAULT-VALUE}); labels may be any strings or numbers.")
        String labelColumn;

        @Option(names = "--no-header", description = "The CSV/TSV file has no header line (choose columns by number).")
        boolean noHeader;

        /** The texts of every {@code --data} file, in the order given. */
        List<LabelledText> read() {
            List<LabelledText> all = new java.util.ArrayList<>();
            for (Path file : data) {
                all.addAll(read(file));
            }
            return all;
        }

        private List<LabelledText> read(Path data) {
            LabelledTextReader reader;
            if (format == null) {
                reader = LabelledTextReader.forFile(data, textColumn, labelColumn);
            } else {
                reader = switch (format.toLowerCase(Locale.ROOT)) {
                    case "json", "jsonl" -> LabelledTextReader.json(textColumn, labelColumn);
                    case "csv" -> LabelledTextReader.csv(column(textColumn), column(labelColumn));
                    case "tsv" -> LabelledTextReader.tsv(column(textColumn), column(labelColumn));
                    default -> throw new IllegalArgumentException("unknown --format '" + format + "'; expected json, csv or tsv");
                };
            }
            if (reader.format() != LabelledTextReader.Format.JSON) {
                reader = reader.withHeader(!noHeader);
            }
            InputFiles.requireFile(data, "data file");
            return reader.readAll(data).records();
        }

        private static Column column(String s) {
            return !s.isEmpty() && s.chars().allMatch(Character::isDigit) ? Column.at(Integer.parseInt(s)) : Column.named(s);
        }
    }

    /**
     * Shows {@link SentimentConfig#defaults()} as the defaults of {@code sentiment train}'s model options, so the
     * help text and the values parsed come from the one configuration object and no default is written twice.
     */
    static final class TrainDefaults extends ConfigDefaults {
        @Override
        Map<String, Object> defaults() {
            SentimentConfig d = SentimentConfig.defaults();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("--encoder", d.encoder().id());
            m.put("--readout", d.readout().id());
            m.put("--embedding-dim", String.valueOf(d.embeddingDim()));
            m.put("--units", String.valueOf(d.units()));
            m.put("--dropout", String.valueOf(d.dropout()));
            m.put("--max-length", String.valueOf(d.maxLength()));
            m.put("--epochs", String.valueOf(d.training().epochs()));
            m.put("--learning-rate", String.valueOf(d.training().learningRate()));
            m.put("--seed", String.valueOf(d.training().seed()));
            m.put("--vectors", d.vectors() == null ? VectorSource.NONE : d.vectors());
            m.put("--vector-vocabulary", String.valueOf(d.vectorVocabulary()));
            m.put("--contractions", d.contractions().name().toLowerCase(Locale.ROOT));
            m.put("--train-embeddings", String.valueOf(d.trainEmbeddings()));
            return m;
        }
    }

    /** {@code rnnkit sentiment train}. */
    @Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = TrainDefaults.class,
            description = "Train a sentiment model on labelled texts and save it as one model file. Model options "
                    + "default to SentimentConfig.defaults(), as shown.")
    static final class Train implements Callable<Integer> {
        @ParentCommand
        SentimentCommand parent;

        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        MonitoringOptions monitoring;

        @ArgGroup(exclusive = false, multiplicity = "1")
        DataOptions data;

        @Option(names = "--out", required = true, paramLabel = "MODEL", converter = InputFiles.OutputFile.class, description = "Where to write the model (.rnnk).")
        Path out;

        // Model options are nullable: a null keeps SentimentConfig.defaults() (TrainDefaults fills them when parsed
        // from a command line, from the same object), so the CLI and the library train the same model.
        @Option(names = {"--cell", "--encoder"}, paramLabel = "KIND",
                description = "lstm, gru, bidirectional-lstm or bidirectional-gru (default: ${DEFAULT-VALUE}).")
        String encoder;

        @Option(names = "--readout", paramLabel = "KIND",
                description = "last (the encoder's last step), max or avg (pooling over all words) (default: ${DEFAULT-VALUE}).")
        String readout;

        @Option(names = "--embedding-dim", paramLabel = "N",
                description = "Word vector size; must be that of --vectors (default: ${DEFAULT-VALUE}).")
        Integer embeddingDim;

        @Option(names = "--units", paramLabel = "N", description = "Recurrent units per direction (default: ${DEFAULT-VALUE}).")
        Integer units;

        @Option(names = "--dropout", paramLabel = "RATE", description = "Dropout before the softmax (default: ${DEFAULT-VALUE}).")
        Double dropout;

        @Option(names = "--max-length", paramLabel = "WORDS",
                description = "Longer texts keep their last WORDS words (default: ${DEFAULT-VALUE}).")
        Integer maxLength;

        @Option(names = "--epochs", paramLabel = "N",
                description = "Most epochs; training stops earlier when the held-out 10%% stops improving (default: ${DEFAULT-VALUE}).")
        Integer epochs;

        @Option(names = "--learning-rate", paramLabel = "RATE", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
        Double learningRate;

        @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
        Long seed;

        @Option(names = "--vectors", paramLabel = "VECTORS",
                description = "Pretrained word vectors that start the embedding: builtin:glove-100d (shipped with rnnkit), "
                        + "a dataset name (wink-glove-100d), a word2vec text or binary file, a GloVe text file, or none "
                        + "for random embeddings (default: ${DEFAULT-VALUE}).")
        String vectors;

        @Option(names = "--vectors-format", paramLabel = "FORMAT",
                description = "Format of a --vectors file: auto (from its first bytes), word2vec-text, word2vec-binary, "
                        + "glove-text or compact (default: auto).")
        String vectorsFormat;

        @Option(names = "--vector-vocabulary", paramLabel = "N",
                description = "Also add the first N words of the vectors that the training data lacks, so words first met "
                        + "in prediction keep their vector (default: ${DEFAULT-VALUE}).")
        Integer vectorVocabulary;

        @Option(names = "--contractions", paramLabel = "keep|split",
                description = "keep \"don't\" one word, or split it into \"do\" + \"n't\" as GloVe does (default: ${DEFAULT-VALUE}).")
        String contractions;

        @Option(names = "--train-embeddings", paramLabel = "true|false", arity = "1",
                description = "Whether pretrained vectors are fine-tuned (default: ${DEFAULT-VALUE}).")
        Boolean trainEmbeddings;

        @Option(names = "--cross-validate", paramLabel = "K",
                description = "First score these settings by stratified K-fold cross-validation on the data and record "
                        + "cv_accuracy, cv_accuracy_std and cv_macro_f1 in the model's manifest; then train on everything.")
        Integer crossValidate;

        @Option(names = "--json", description = "Print the training summary as JSON.")
        boolean json;

        /** {@link SentimentConfig#defaults()} with the options given on the command line. */
        SentimentConfig config() {
            SentimentConfig defaults = SentimentConfig.defaults();
            TrainingConfig.Builder training = defaults.training().toBuilder()
                    .progress(json ? TrainingConfig.Progress.QUIET : TrainingConfig.Progress.AUTO);
            if (seed != null) {
                training.seed(seed);
            }
            if (epochs != null) {
                training.epochs(epochs);
            }
            if (learningRate != null) {
                training.learningRate(learningRate);
            }
            SentimentConfig.Builder b = defaults.toBuilder().training(training.build());
            if (encoder != null) {
                b.encoder(Encoder.of(encoder));
            }
            if (readout != null) {
                b.readout(Readout.of(readout));
            }
            if (embeddingDim != null) {
                b.embeddingDim(embeddingDim);
            }
            if (units != null) {
                b.units(units);
            }
            if (dropout != null) {
                b.dropout(dropout);
            }
            if (maxLength != null) {
                b.maxLength(maxLength);
            }
            if (vectors != null) {
                b.vectors(vectors);
            }
            if (vectorVocabulary != null) {
                b.vectorVocabulary(vectorVocabulary);
            }
            if (contractions != null) {
                b.contractions(contractions(contractions));
            }
            if (trainEmbeddings != null) {
                b.trainEmbeddings(trainEmbeddings);
            }
            return b.build();
        }

        private static WordTokenizer.Contractions contractions(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "keep" -> WordTokenizer.Contractions.KEEP;
                case "split" -> WordTokenizer.Contractions.SPLIT;
                default -> throw new IllegalArgumentException("unknown --contractions '" + value + "'; expected keep or split");
            };
        }

        /** The vectors read in the {@code --vectors-format} given, or null to let the configuration read them. */
        private SentimentClassifier.EmbeddingInitializer initializer(SentimentConfig config) {
            VectorFormat format = vectorsFormat == null ? null
                    : UsageException.fromOptions(() -> VectorSource.format(vectorsFormat));
            if (format == null || config.vectors() == null) {
                return null;
            }
            return SentimentClassifier.EmbeddingInitializer.of(VectorSource.load(config.vectors(), format),
                    OovPolicy.RANDOM, config.training().seed());
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<LabelledText> texts = data.read();
            SentimentConfig config = UsageException.fromOptions(this::config);
            SentimentClassifier.EmbeddingInitializer init = initializer(config);
            Map<String, Object> summary = new LinkedHashMap<>();
            Map<String, Double> cvScores = new LinkedHashMap<>();
            if (crossValidate != null) {
                SentimentConfig quiet = config.toBuilder().training(config.training().toBuilder()
                        .progress(TrainingConfig.Progress.QUIET).build()).build();
                CrossValidation cv = SentimentClassifier.crossValidate(quiet, texts, crossValidate,
                        config.training().seed(), init, (fold, e) -> {
                            if (!json) {
                                out.printf(Locale.ROOT, "cross-validation fold %d/%d: accuracy %.4f%n", fold,
                                        crossValidate, e.accuracy());
                                out.flush();
                            }
                        });
                cvScores.put("cv_accuracy", cv.meanAccuracy());
                cvScores.put("cv_accuracy_std", cv.stdAccuracy());
                cvScores.put("cv_macro_f1", cv.meanMacroF1());
                cvScores.put("cv_folds", (double) crossValidate);
            }
            SentimentClassifier model = SentimentClassifier.train(config, texts, init).withScores(cvScores);
            model.save(this.out);
            summary.put("model", this.out.toString());
            summary.put("n", texts.size());
            summary.put("labels", model.labels());
            summary.put("vocabulary", model.vocabulary().size());
            summary.put("vectors", config.vectors() == null ? VectorSource.NONE : config.vectors());
            summary.put("epochs", model.trainingHistory().size());
            summary.put("parameters", model.summary().totalParams());
            summary.putAll(model.scores());
            if (json) {
                out.println(json(summary));
                return Rnnkit.OK;
            }
            out.print(model.summary());
            model.validation().ifPresent(v -> out.printf(Locale.ROOT,
                    "validation: accuracy %.4f, macro F1 %.4f on %d held-out texts (they chose the epoch)%n",
                    v.accuracy(), v.macroF1(), v.n()));
            if (!cvScores.isEmpty()) {
                out.printf(Locale.ROOT, "%d-fold cross-validation: accuracy %.4f ± %.4f, macro F1 %.4f%n", crossValidate,
                        cvScores.get("cv_accuracy"), cvScores.get("cv_accuracy_std"), cvScores.get("cv_macro_f1"));
            }
            out.printf(Locale.ROOT, "trained on %d texts, labels %s, vectors %s, vocabulary %d, %d epochs; saved %s%n",
                    texts.size(), model.labels(), summary.get("vectors"), model.vocabulary().size(),
                    model.trainingHistory().size(), this.out);
            return Rnnkit.OK;
        }
    }

    /** {@code rnnkit sentiment predict}. */
    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Predict the sentiment of the given texts, or of each non-blank line of standard input.")
    static final class Predict implements Callable<Integer> {
        @ParentCommand
        SentimentCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:sentiment", paramLabel = "MODEL",
                description = "A sentiment model file, or builtin:sentiment (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--json", description = "One JSON object per text: text, label, probabilities.")
        boolean json;

        @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to classify (default: lines of standard input; blank lines are passed over).")
        List<String> texts = new ArrayList<>();

        @Option(names = "--skip-bad", description = "Answer every other text when one has no words to classify "
                + "(it is named on stderr), instead of stopping at it.")
        boolean skipBad;

        /** Lines of standard input classified together: large enough for the engine, small enough to stream. */
        private static final int STDIN_BATCH = 256;

        @Override
        public Integer call() {
            SentimentClassifier classifier = SentimentClassifier.load(model);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!texts.isEmpty()) {
                classify(classifier, texts, 1, "text", out, err);
                return Rnnkit.OK;
            }
            long[] classified = {0};
            StandardInput.forEachBatch(System.in, STDIN_BATCH, out, (lines, first) -> {
                List<String> batch = new ArrayList<>(lines.size());
                List<Long> numbers = new ArrayList<>(lines.size());
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        batch.add(lines.get(i));
                        numbers.add(first + i);
                    }
                }
                classified[0] += classify(classifier, batch, numbers, "standard input, line", out, err);
            });
            if (classified[0] == 0 && !skipBad) {
                throw new IllegalArgumentException("no text to classify: give texts as arguments or lines on standard input");
            }
            return Rnnkit.OK;
        }

        private int classify(SentimentClassifier classifier, List<String> inputs, long first, String what,
                             PrintWriter out, PrintWriter err) {
            List<Long> numbers = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                numbers.add(first + i);
            }
            return classify(classifier, inputs, numbers, what, out, err);
        }

        /** Classifies {@code inputs} (numbered as the user counts them) and prints one line each; returns how many. */
        private int classify(SentimentClassifier classifier, List<String> inputs, List<Long> numbers, String what,
                             PrintWriter out, PrintWriter err) {
            List<String> good = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                if (classifier.hasWords(inputs.get(i))) {
                    good.add(inputs.get(i));
                } else if (skipBad) {
                    err.println("rnnkit: " + what + " " + numbers.get(i) + " skipped: it has no words to classify");
                } else {
                    throw new IllegalArgumentException(what + " " + numbers.get(i) + " has no words to classify "
                            + "(--skip-bad answers the other texts)");
                }
            }
            List<Sentiment> results = classifier.predictAll(good);
            for (int i = 0; i < good.size(); i++) {
                Sentiment s = results.get(i);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("text", good.get(i));
                    m.put("label", s.label());
                    m.put("probabilities", s.probabilities());
                    m.put("unknown_words", s.unknownWords());
                    m.put("truncated", s.truncated());
                    out.println(json(m));
                } else {
                    out.printf(Locale.ROOT, "%s\t%.3f\t%s%n", s.label(), s.confidence(), good.get(i));
                }
            }
            return good.size();
        }
    }

    /** {@code rnnkit sentiment eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Score a sentiment model on labelled texts: accuracy, per-class precision/recall/F1, confusion matrix.")
    static final class Eval implements Callable<Integer> {
        @ParentCommand
        SentimentCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:sentiment", paramLabel = "MODEL",
                description = "A sentiment model file, or builtin:sentiment (default: ${DEFAULT-VALUE}).")
        String model;

        @ArgGroup(exclusive = false, multiplicity = "1")
        DataOptions data;

        @Option(names = "--json", description = "Print the scores as JSON (keys accuracy, macro_f1, n, per_class, confusion).")
        boolean json;

        @Override
        public Integer call() {
            SentimentClassifier classifier = SentimentClassifier.load(model);
            Evaluation e = classifier.evaluate(data.read());
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? json(e.toMap()) + System.lineSeparator() : e.report());
            return Rnnkit.OK;
        }
    }
}
