package io.rnnkit.tagger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.tagger.MostFrequentTagger;
import io.rnnkit.tagger.PosTagger;
import io.rnnkit.tagger.Tagger;
import io.rnnkit.tagger.TaggerConfig;
import io.rnnkit.tagger.corpus.BrownSplit;
import io.rnnkit.tagger.corpus.CorpusFormat;
import io.rnnkit.tagger.corpus.TaggedCorpus;
import io.rnnkit.text.io.TaggedSentence;
import io.rnnkit.tagger.eval.TaggingEvaluation;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.tagger.tagset.UniversalTags;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSSample;
import opennlp.tools.postag.POSTaggerFactory;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Brown-corpus POS benchmark, all peers on the same fixed split ({@link BrownSplit}) in one run, universal tags:
 * (a) most-frequent tag, (b) Apache OpenNLP {@code POSTaggerME} perceptron trained on the same files,
 * (c) OpenNLP's pretrained UD-EWT model with UPOS mapped to the 12 tags, (d) rnnkit's {@link PosTagger}.
 * Prints one JSON object: per peer accuracy, unknown-word accuracy, training seconds and tagging tokens/s
 * (batched over the whole test set, and one sentence at a time): the median of {@code --repeats} timed passes (default
 * 5) after a first, untimed pass that scores the peer and warms the JIT up (its speed is reported too).
 *
 * <p>Peers without early stopping train on train+validation (450 files); rnnkit trains on the 405 training
 * files and uses the 45 validation files to keep its best epoch. "Unknown" words are those absent from the
 * 450 files, the same set for every peer.
 *
 * <pre>
 * java ... io.rnnkit.tagger.bench.TaggerBenchmark [--budget-seconds N] [--epochs N] [--hidden N]
 *     [--word-dim N] [--feature-dim N] [--max-words N] [--buckets N]
 *     [--skip opennlp,ud] [--single-sentences N] [--repeats N] [--save MODEL] [--out result.json] [--model MODEL]
 * </pre>
 *
 * <p>{@code --model} scores and times a saved tagger (a path or {@code builtin:tagger}) instead of training one;
 * its training time is then the one recorded in the model.
 */
public final class TaggerBenchmark {
    private TaggerBenchmark() {
    }

    /** Runs the benchmark and prints JSON; see the class comment for options. */
    public static void main(String[] args) throws IOException {
        Map<String, String> opts = options(args);
        Map<String, Object> result = run(opts);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        System.out.println(json);
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), json);
        }
    }

    /** Runs the benchmark with parsed options and returns the result as an ordered map. */
    public static Map<String, Object> run(Map<String, String> opts) {
        BrownSplit split = BrownSplit.of(Datasets.dir(Datasets.BROWN));
        List<TaggedSentence> train = TaggedCorpus.read(split.train(), CorpusFormat.BROWN, TagSet.UNIVERSAL);
        List<TaggedSentence> validation = TaggedCorpus.read(split.validation(), CorpusFormat.BROWN, TagSet.UNIVERSAL);
        List<TaggedSentence> test = TaggedCorpus.read(split.test(), CorpusFormat.BROWN, TagSet.UNIVERSAL);
        List<TaggedSentence> trainAndValidation = new ArrayList<>(train);
        trainAndValidation.addAll(validation);
        Set<String> known = TaggingEvaluation.vocabulary(trainAndValidation);
        Set<String> skip = Set.of(opts.getOrDefault("skip", "").split(","));
        int singles = Integer.parseInt(opts.getOrDefault("single-sentences", "1000"));
        int repeats = Integer.parseInt(opts.getOrDefault("repeats", "5"));

        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("split", "Brown, sorted file index % 10 == 0 -> test; of the rest index % 10 == 0 -> validation");
        data.put("train_files", split.train().size());
        data.put("validation_files", split.validation().size());
        data.put("test_files", split.test().size());
        data.put("train_tokens", tokens(train));
        data.put("validation_tokens", tokens(validation));
        data.put("test_tokens", tokens(test));
        data.put("ompThreads", System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
        data.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("data", data);

        List<Map<String, Object>> peers = new ArrayList<>();
        peers.add(measure("most-frequent-tag", () -> MostFrequentTagger.train(trainAndValidation), test, known,
                singles, repeats));
        if (!skip.contains("opennlp")) {
            peers.add(measure("opennlp-perceptron", () -> trainOpenNlp(trainAndValidation), test, known,
                    singles, repeats));
        }
        if (!skip.contains("ud")) {
            peers.add(measure("opennlp-ud-ewt-pretrained", TaggerBenchmark::pretrainedUd, test, known,
                    singles, repeats));
        }
        if (opts.containsKey("model")) {
            // A saved rnnkit tagger, scored and timed beside the peers (its training time is in its manifest).
            PosTagger saved = PosTagger.load(opts.get("model"));
            Map<String, Object> row = measure("rnnkit-bilstm (" + opts.get("model") + ")", () -> saved, test, known,
                    singles, repeats);
            row.put("train_seconds", saved.metrics().getOrDefault("training_seconds", Double.NaN));
            row.put("config", saved.config().toMap());
            row.put("parameters", saved.parameterCount());
            peers.add(row);
        } else if (!skip.contains("rnnkit")) {
            TaggerConfig d = TaggerConfig.defaults();
            TaggerConfig config = d
                    .withEpochs(Integer.parseInt(opts.getOrDefault("epochs", "" + d.epochs())))
                    .withHiddenSize(Integer.parseInt(opts.getOrDefault("hidden", "" + d.hiddenSize())))
                    .withEmbeddings(Integer.parseInt(opts.getOrDefault("word-dim", "" + d.wordDim())),
                            Integer.parseInt(opts.getOrDefault("feature-dim", "" + d.featureDim())))
                    .withVocabulary(Integer.parseInt(opts.getOrDefault("max-words", "" + d.maxVocabulary())),
                            Integer.parseInt(opts.getOrDefault("buckets", "" + d.hashBuckets())));
            if (opts.containsKey("budget-seconds")) {
                config = config.withTimeBudget(Duration.ofSeconds(Long.parseLong(opts.get("budget-seconds"))));
            }
            TaggerConfig finalConfig = config;
            List<Object> epochs = new ArrayList<>();
            Object[] lastTagger = new Object[1];
            Map<String, Object> row = measure("rnnkit-bilstm", () -> {
                PosTagger t = PosTagger.train(finalConfig, train, validation, p -> {
                    System.err.println(p);
                    epochs.add(p);
                });
                lastTagger[0] = t;
                if (opts.containsKey("save")) {
                    t.save(Path.of(opts.get("save")));
                }
                return t;
            }, test, known, singles, repeats);
            row.put("config", finalConfig.toMap());
            row.put("parameters", ((PosTagger) lastTagger[0]).parameterCount());
            row.put("epochs", epochs);
            peers.add(row);
        }
        out.put("peers", peers);
        return out;
    }

    private static Map<String, Object> measure(String name, Supplier<Tagger> trainer, List<TaggedSentence> test,
                                               Set<String> known, int singles, int repeats) {
        System.err.println("benchmark: " + name);
        long t0 = System.nanoTime();
        Tagger tagger = trainer.get();
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        List<List<String>> words = test.stream().map(TaggedSentence::words).toList();
        // The first pass scores the tagger and warms the JIT up; the timed passes follow, median reported.
        long t1 = System.nanoTime();
        List<List<String>> predicted = tagger.tagAll(words);
        double coldSeconds = (System.nanoTime() - t1) / 1e9;
        TaggingEvaluation ev = TaggingEvaluation.score(test, predicted, known);
        double[] batch = new double[repeats];
        double[] single = new double[repeats];
        List<List<String>> few = words.subList(0, Math.min(singles, words.size()));
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            tagger.tagAll(words);
            batch[r] = ev.tokens() / ((System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            for (List<String> s : few) {
                tagger.tag(s);
            }
            single[r] = tokens(few) / ((System.nanoTime() - t) / 1e9);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("accuracy", ev.accuracy());
        row.put("unknown_accuracy", ev.unknownAccuracy());
        row.put("tokens", ev.tokens());
        row.put("unknown_tokens", ev.unknownTokens());
        row.put("macro_f1", ev.macroF1());
        row.put("train_seconds", trainSeconds);
        row.put("batched_tokens_per_second", median(batch));
        row.put("single_sentence_tokens_per_second", median(single));
        row.put("batched_tokens_per_second_runs", batch);
        row.put("single_sentence_tokens_per_second_runs", single);
        row.put("first_pass_tokens_per_second", ev.tokens() / coldSeconds);
        row.put("confusions", ev.toMap(5).get("confusions"));
        System.err.println(name + ": " + ev.summary().lines().findFirst().orElse(""));
        return row;
    }

    /** OpenNLP's perceptron POS tagger (default features, 100 iterations, cutoff 5) on the given sentences. */
    static Tagger trainOpenNlp(List<TaggedSentence> training) {
        List<POSSample> samples = training.stream()
                .map(s -> new POSSample(s.words().toArray(String[]::new), s.tags().toArray(String[]::new)))
                .toList();
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ALGORITHM_PARAM, "PERCEPTRON");
        try {
            POSModel model = POSTaggerME.train("en", new CollectionObjectStream<>(samples), params, new POSTaggerFactory());
            POSTaggerME me = new POSTaggerME(model);
            return words -> Arrays.asList(me.tag(words.toArray(String[]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OpenNLP's pretrained English UD-EWT model; its UPOS output mapped to the 12 universal tags. */
    static Tagger pretrainedUd() {
        try (InputStream in = TaggerBenchmark.class.getResourceAsStream("/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin")) {
            if (in == null) {
                throw new IllegalStateException("opennlp-models-pos-en is not on the class path");
            }
            POSTaggerME me = new POSTaggerME(new POSModel(in));
            return words -> Arrays.stream(me.tag(words.toArray(String[]::new))).map(TaggerBenchmark::upos).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String upos(String tag) {
        try {
            return UniversalTags.fromUpos(tag);
        } catch (IllegalArgumentException e) {
            return UniversalTags.X;
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long tokens(List<?> sentences) {
        long n = 0;
        for (Object s : sentences) {
            n += s instanceof TaggedSentence t ? t.size() : ((List<?>) s).size();
        }
        return n;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: TaggerBenchmark [--budget-seconds N] [--epochs N] [--hidden N]"
                        + " [--word-dim N] [--feature-dim N] [--max-words N] [--buckets N] [--skip opennlp,ud,rnnkit] [--single-sentences N] [--save MODEL] [--out FILE] [--model MODEL]; bad argument '"
                        + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
