package io.rnnkit.text.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.WordTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures how much padding length bucketing saves on the UCI sentiment sentences (IMDb + Yelp + Amazon),
 * with the word tokenizer and batches of 32. Run with
 * {@code mvn -pl modules/rnnkit-text exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.rnnkit.text.encode.PaddingSavingReport}
 * or through {@code PaddingSavingTest}.
 */
public final class PaddingSavingReport {
    /** Padded-cell fractions for one batching strategy. */
    public record Result(int sentences, int skipped, double fixedWidth, double shuffled, double bucketed) {
        /** A one-line summary. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "%d sentences (%d non-sentence entries skipped), batch 32: padded cells %.1f%% padded to the corpus "
                            + "maximum, %.1f%% shuffled batches padded to their longest, %.1f%% length-bucketed",
                    sentences, skipped, 100 * fixedWidth, 100 * shuffled, 100 * bucketed);
        }
    }

    private PaddingSavingReport() {
    }

    /** Token lengths of every labelled sentence; entries whose class is null are counted in {@code skipped}. */
    static int[] lengths(Tokenizer tokenizer, int[] skipped) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Integer> lengths = new ArrayList<>();
        for (String name : List.of("imdb.json", "yelp.json", "amazon.json")) {
            Path file = Datasets.file(Datasets.UCI_SENTENCES, name);
            for (JsonNode node : mapper.readTree(file.toFile())) {
                if (node.get("class") == null || node.get("class").isNull()) {
                    skipped[0]++;
                    continue;
                }
                lengths.add(tokenizer.tokenize(node.get("text").asText()).size());
            }
        }
        return lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Runs the measurement (averaged over 5 epochs of shuffling with seed 42). */
    public static Result measure() throws IOException {
        int[] skipped = new int[1];
        int[] lengths = lengths(new WordTokenizer(true, WordTokenizer.Contractions.KEEP), skipped);
        PadSpec perBatch = PadSpec.upTo(PadSpec.NO_LIMIT);
        int longest = java.util.Arrays.stream(lengths).max().orElseThrow();
        double fixed = Batching.paddingFraction(lengths, Batching.sequential(32).plan(lengths, 0), PadSpec.keras(longest));
        double shuffled = 0;
        double bucketed = 0;
        int epochs = 5;
        for (int e = 0; e < epochs; e++) {
            shuffled += Batching.paddingFraction(lengths, Batching.shuffled(32, 42).plan(lengths, e), perBatch) / epochs;
            bucketed += Batching.paddingFraction(lengths, Batching.bucketed(32, 42).plan(lengths, e), perBatch) / epochs;
        }
        return new Result(lengths.length, skipped[0], fixed, shuffled, bucketed);
    }

    /** Prints the measurement. */
    public static void main(String[] args) throws IOException {
        System.out.println(measure().summary());
    }
}
