package io.rnnkit.sentiment.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.nn.runtime.NativeThreads;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.sentiment.CrossValidation;
import io.rnnkit.sentiment.SentimentConfig;
import io.rnnkit.sentiment.SentimentData;
import io.rnnkit.sentiment.StratifiedSplit;
import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.WordTokenizer;
import io.rnnkit.text.io.Column;
import io.rnnkit.text.io.LabelledText;
import io.rnnkit.text.io.LabelledTextReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The sentiment part of {@code scripts/bench-quality}: rnnkit with the CLI's defaults ({@link SentimentConfig#defaults()},
 * which {@code rnnkit sentiment train} uses when no model option is given) beside the majority class and OpenNLP
 * doccat (words + bigrams, cutoff 5 and 1), every contender on the same splits in one run, nothing tuned on them:
 * <ul>
 *   <li>{@code cross_domain}: train on one UCI source, score on the other two, each of the three ways round;</li>
 *   <li>{@code cv10}: stratified 10-fold cross-validation (seed 42) on all 3,000 sentences;</li>
 *   <li>{@code user_csv}: the IMDb sentences written as a CSV file with {@code text,label} columns, read back as
 *       {@code --format csv --text-column text --label-column label} reads them, a stratified 75/25 split with
 *       seed 42.</li>
 * </ul>
 * Prints one JSON object on stdout, progress on stderr. {@code --parts cross_domain,cv10,user_csv} runs some,
 * {@code --threads N} sets the native threads.
 */
public final class SentimentQuality {
    private static final Set<String> ALL_PEERS = Set.of("majority", "opennlp");

    private SentimentQuality() {
    }

    public static void main(String[] args) throws IOException {
        Set<String> parts = new TreeSet<>(List.of("cross_domain", "cv10", "user_csv"));
        Integer threads = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--parts" -> parts = new TreeSet<>(Arrays.asList(args[i + 1].split(",")));
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (--parts, --threads)");
            }
        }
        NativeThreads.configure(threads);
        SentimentConfig config = SentimentConfig.defaults().toBuilder().training(SentimentConfig.defaults().training()
                .toBuilder().progress(TrainingConfig.Progress.QUIET).build()).build();
        Tokenizer tokenizer = new WordTokenizer(config.lowerCase(), config.contractions());
        long start = System.nanoTime();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("config", config.toMap());
        out.put("threads", NativeThreads.current().openMp());
        if (parts.contains("cross_domain")) {
            Map<String, Object> directions = new LinkedHashMap<>();
            Path dir = Datasets.dir(Datasets.UCI_SENTENCES);
            List<List<LabelledText>> sources = new ArrayList<>();
            for (String file : SentimentData.UCI_FILES) {
                sources.add(LabelledTextReader.json("text", "class").readAll(dir.resolve(file)).records());
            }
            for (int s = 0; s < sources.size(); s++) {
                List<LabelledText> data = new ArrayList<>(sources.get(s));
                List<String> targets = new ArrayList<>();
                for (int t = 0; t < sources.size(); t++) {
                    if (t != s) {
                        data.addAll(sources.get(t));
                        targets.add(name(t));
                    }
                }
                int n = sources.get(s).size();
                StratifiedSplit.Split split = new StratifiedSplit.Split(IntStream.range(0, n).toArray(),
                        IntStream.range(n, data.size()).toArray());
                directions.put(name(s) + "->" + String.join("+", targets),
                        contenders(name(s) + "->" + String.join("+", targets), List.of(split), data, config, tokenizer));
            }
            out.put("cross_domain", directions);
        }
        if (parts.contains("cv10")) {
            List<LabelledText> data = SentimentData.uciSentences();
            out.put("cv10", contenders("cv10", StratifiedSplit.folds(labels(data), 10, 42), data, config, tokenizer));
        }
        if (parts.contains("user_csv")) {
            List<LabelledText> data = userCsv();
            Map<String, Object> r = contenders("user csv", List.of(StratifiedSplit.holdOut(labels(data), 0.25, 42)),
                    data, config, tokenizer);
            r.put("data", "imdb.json written as CSV (text,label), " + data.size() + " rows; stratified 75/25, seed 42");
            out.put("user_csv", r);
        }
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    }

    private static String name(int source) {
        return SentimentData.UCI_FILES.get(source).replace(".json", "");
    }

    private static List<String> labels(List<LabelledText> data) {
        return data.stream().map(LabelledText::label).toList();
    }

    /** rnnkit with {@code config} and the peers, on the same splits. */
    private static Map<String, Object> contenders(String name, List<StratifiedSplit.Split> splits, List<LabelledText> data,
                                                  SentimentConfig config, Tokenizer tokenizer) {
        List<String> labels = new ArrayList<>(new TreeSet<>(labels(data)));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("train_n", splits.get(0).train().length);
        r.put("test_n", splits.get(0).test().length);
        CrossValidation rnnkit = SentimentBenchmark.rnnkit("rnnkit " + name, splits, data, config, null);
        r.put("rnnkit", rnnkit.toMap());
        r.putAll(SentimentBenchmark.peers(ALL_PEERS, splits, data, labels, tokenizer));
        return r;
    }

    /** The IMDb sentences through a {@code text,label} CSV file, read back as the CLI reads {@code --format csv}. */
    private static List<LabelledText> userCsv() throws IOException {
        List<LabelledText> imdb = LabelledTextReader.json("text", "class")
                .readAll(Datasets.dir(Datasets.UCI_SENTENCES).resolve("imdb.json")).records();
        Path csv = Files.createTempFile("rnnkit-imdb-", ".csv");
        try {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("text", "label").build())) {
                for (LabelledText t : imdb) {
                    p.printRecord(t.text(), t.label());
                }
            }
            return LabelledTextReader.csv(Column.named("text"), Column.named("label")).withHeader(true).readAll(csv).records();
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
