package io.rnnkit.bench.translate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.datasets.DerivedDatasets;
import io.rnnkit.translate.SentencePair;
import io.rnnkit.translate.memory.TranslationMemory;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The translation baselines on the English–Korean help pairs, as JSON on stdout: copy-the-source (much UI text
 * keeps English names) and the translation memory ({@link TranslationMemory}: the Korean of the training pair
 * whose English is most similar), each scored by corpus chrF, mean sentence chrF and BLEU.
 *
 * <pre>
 * java -cp modules/rnnkit-cli/target/rnnkit.jar:modules/rnnkit-bench/target/classes \
 *   io.rnnkit.bench.translate.TranslationBaselines [--split valid|test] [--sweep]
 * </pre>
 *
 * {@code --sweep} scores the memory's n-gram sizes on the validation pairs only (how its default was chosen).
 */
public final class TranslationBaselines {
    /** The n-gram size ranges {@code --sweep} compares, {min, max}. */
    static final int[][] SWEEP = {{1, 3}, {2, 3}, {3, 3}, {2, 4}, {3, 5}, {2, 5}};

    private TranslationBaselines() {
    }

    /** Prints {@link #run}'s JSON; {@code --help} prints the usage. */
    public static void main(String[] args) throws Exception {
        String split = "test";
        boolean sweep = false;
        String pairs = DerivedDatasets.EN_KO_HELP_PAIRS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--split" -> split = args[++i];
                case "--sweep" -> sweep = true;
                case "--pairs" -> pairs = args[++i];
                case "-h", "--help" -> {
                    System.out.println("usage: TranslationBaselines [--split valid|test] [--sweep] "
                            + "[--pairs en-ko-help-pairs|en-fr-help-pairs]");
                    return;
                }
                default -> {
                    System.err.println("TranslationBaselines: unknown argument " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        if (!split.equals("valid") && !split.equals("test")) {
            System.err.println("TranslationBaselines: --split must be valid or test, got " + split);
            System.exit(2);
        }
        if (!pairs.equals(DerivedDatasets.EN_KO_HELP_PAIRS) && !pairs.equals(DerivedDatasets.EN_FR_HELP_PAIRS)) {
            System.err.println("TranslationBaselines: --pairs must be " + DerivedDatasets.EN_KO_HELP_PAIRS + " or "
                    + DerivedDatasets.EN_FR_HELP_PAIRS + ", got " + pairs);
            System.exit(2);
        }
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                run(pairs, split, sweep)));
    }

    /** The baselines on the English–Korean {@code split} ({@code valid} or {@code test}); see {@link #run(String, String, boolean)}. */
    public static ObjectNode run(String split, boolean sweep) {
        return run(DerivedDatasets.EN_KO_HELP_PAIRS, split, sweep);
    }

    /** The baselines on {@code split} of the pairs dataset {@code pairs}, and with {@code sweep} the n-gram sweep. */
    public static ObjectNode run(String pairs, String split, boolean sweep) {
        List<SentencePair> train = SentencePair.readTsv(Datasets.file(pairs, "train.tsv"));
        List<SentencePair> eval = SentencePair.readTsv(Datasets.file(pairs, split + ".tsv"));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        out.put("pairs_dataset", pairs);
        out.put("split", split);
        out.put("pairs", eval.size());
        out.put("train_pairs", train.size());
        out.put("chrf", "character 6-grams, beta 2, whitespace removed, 0-100 (ChrF.STANDARD)");
        out.put("bleu", "corpus BLEU-4 on WordTokenizer tokens, no smoothing, 0-100 (Bleu.STANDARD)");
        out.set("copy_source", score(mapper, eval, source -> source, 0));
        long start = System.nanoTime();
        TranslationMemory memory = TranslationMemory.of(train);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        ObjectNode tm = score(mapper, eval, memory::translate, buildSeconds);
        tm.put("min_n", memory.minN());
        tm.put("max_n", memory.maxN());
        out.set("translation_memory", tm);
        if (sweep) {
            List<SentencePair> valid = SentencePair.readTsv(Datasets.file(pairs, "valid.tsv"));
            ArrayNode rows = out.putArray("sweep_on_valid");
            for (int[] n : SWEEP) {
                TranslationMemory m = TranslationMemory.of(train, n[0], n[1]);
                ObjectNode row = score(mapper, valid, m::translate, 0);
                row.put("min_n", n[0]);
                row.put("max_n", n[1]);
                rows.add(row);
            }
        }
        return out;
    }

    private static ObjectNode score(ObjectMapper mapper, List<SentencePair> pairs, UnaryOperator<String> translate,
                                    double setupSeconds) {
        long start = System.nanoTime();
        List<String> hyp = pairs.stream().map(p -> translate.apply(p.source())).toList();
        ObjectNode node = TranslationBenchmark.score(mapper, pairs, hyp, (System.nanoTime() - start) / 1e9);
        node.put("setup_seconds", setupSeconds);
        return node;
    }
}
