package io.rnnkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.sentiment.Encoder;
import io.rnnkit.sentiment.Readout;
import io.rnnkit.sentiment.Evaluation;
import io.rnnkit.sentiment.Sentiment;
import io.rnnkit.sentiment.SentimentClassifier;
import io.rnnkit.sentiment.SentimentConfig;
import io.rnnkit.text.embed.OovPolicy;
import io.rnnkit.text.embed.VectorFormat;
import io.rnnkit.text.embed.WordVectors;
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
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (train, predict or eval)");
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
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
            if (!Files.isRegularFile(data)) {
                throw new IllegalArgumentException("data file not found: " + data);
            }
            return reader.readAll(data).records();
        }

        private static Column column(String s) {
            return !s.isEmpty() && s.chars().allMatch(Character::isDigit) ? Column.at(Integer.parseInt(s)) : Column.named(s);
        }
    }

    /** {@code rnnkit sentiment train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a sentiment model on labelled texts and save it as one model file.")
    static final class Train implements Callable<Integer> {
        @ParentCommand
        SentimentCommand parent;

        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        MonitoringOptions monitoring;

        @ArgGroup(exclusive = false, multiplicity = "1")
        DataOptions data;

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model (.rnnk).")
        Path out;

        // Unset options keep SentimentConfig.defaults(), so the CLI and the library train the same model.
        @Option(names = "--encoder", paramLabel = "KIND",
                description = "lstm, gru, bidirectional-lstm or bidirectional-gru (default: as SentimentConfig.defaults()).")
        String encoder;

        @Option(names = "--readout", paramLabel = "KIND",
                description = "last (the encoder's last step), max or avg (pooling over all words) (default: as SentimentConfig.defaults()).")
        String readout;

        @Option(names = "--embedding-dim", paramLabel = "N", description = "Word vector size (default: as SentimentConfig.defaults()).")
        Integer embeddingDim;

        @Option(names = "--units", paramLabel = "N", description = "Recurrent units per direction (default: as SentimentConfig.defaults()).")
        Integer units;

        @Option(names = "--dropout", paramLabel = "RATE", description = "Dropout before the softmax (default: as SentimentConfig.defaults()).")
        Double dropout;

        @Option(names = "--max-length", paramLabel = "WORDS",
                description = "Longer texts keep their last WORDS words (default: as SentimentConfig.defaults()).")
        Integer maxLength;

        @Option(names = "--epochs", paramLabel = "N",
                description = "Most epochs; training stops earlier when the held-out 10% stops improving (default: as SentimentConfig.defaults()).")
        Integer epochs;

        @Option(names = "--learning-rate", paramLabel = "RATE", description = "Adam learning rate (default: as SentimentConfig.defaults()).")
        Double learningRate;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--vectors", paramLabel = "FILE",
                description = "Start the embedding from word2vec binary vectors of --embedding-dim dimensions.")
        Path vectors;

        @Option(names = "--json", description = "Print the training summary as JSON.")
        boolean json;

        /** {@link SentimentConfig#defaults()} with the options given on the command line. */
        SentimentConfig config() {
            SentimentConfig defaults = SentimentConfig.defaults();
            TrainingConfig.Builder training = defaults.training().toBuilder().seed(seed)
                    .progress(json ? TrainingConfig.Progress.QUIET : TrainingConfig.Progress.AUTO);
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
            return b.build();
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<LabelledText> texts = data.read();
            SentimentConfig config = config();
            SentimentClassifier.EmbeddingInitializer init = vectors == null ? null
                    : SentimentClassifier.EmbeddingInitializer.of(WordVectors.load(vectors, VectorFormat.WORD2VEC_BINARY),
                    OovPolicy.RANDOM, seed);
            SentimentClassifier model = SentimentClassifier.train(config, texts, init);
            model.save(this.out);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("model", this.out.toString());
            summary.put("n", texts.size());
            summary.put("labels", model.labels());
            summary.put("vocabulary", model.vocabulary().size());
            summary.put("epochs", model.trainingHistory().size());
            summary.put("parameters", model.summary().totalParams());
            if (json) {
                out.println(json(summary));
            } else {
                out.print(model.summary());
                out.printf(Locale.ROOT, "trained on %d texts, labels %s, %d epochs; saved %s%n", texts.size(),
                        model.labels(), model.trainingHistory().size(), this.out);
            }
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

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A sentiment model file, or builtin:sentiment.")
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

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A sentiment model file, or builtin:sentiment.")
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
