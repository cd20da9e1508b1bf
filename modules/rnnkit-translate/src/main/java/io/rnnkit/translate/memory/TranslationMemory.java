package io.rnnkit.translate.memory;

import io.rnnkit.translate.SentencePair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A translation memory, the baseline translation tools use for in-domain text: the translation of a sentence is
 * the target side of the stored pair whose source is most similar to it, by the cosine of character n-gram TF-IDF
 * vectors (lower-cased, the text padded with one space each side so that word starts and ends count; term
 * frequency as counted, idf {@code ln((1 + N) / (1 + df)) + 1}). Lookups go through an inverted index, so a query
 * touches only the stored sentences that share an n-gram with it. Immutable and safe to share between threads.
 */
public final class TranslationMemory {
    /**
     * The default n-gram sizes: 1 to 3 characters, the best corpus chrF on the validation pairs among 1–3, 2–3,
     * 3–3, 2–4, 3–5 and 2–5 ({@code TranslationBaselines --split valid --sweep} in rnnkit-bench: 22.2 against
     * 19.7–21.8).
     */
    public static final int DEFAULT_MIN_N = 1;
    /** See {@link #DEFAULT_MIN_N}. */
    public static final int DEFAULT_MAX_N = 3;

    private final List<SentencePair> pairs;
    private final int minN;
    private final int maxN;
    private final Map<String, Integer> ids = new HashMap<>();
    private final double[] idf;
    /** Per n-gram id: the stored sentences holding it and their weights (tf · idf / norm). */
    private final int[][] postingSentences;
    private final float[][] postingWeights;

    /** What a lookup found: the stored pair and the cosine similarity of its source to the query (0–1). */
    public record Match(int index, SentencePair pair, double similarity) {
    }

    private TranslationMemory(List<SentencePair> pairs, int minN, int maxN) {
        this.pairs = List.copyOf(pairs);
        this.minN = minN;
        this.maxN = maxN;
        List<Map<Integer, Integer>> counts = new ArrayList<>(pairs.size());
        List<Integer> df = new ArrayList<>();
        for (SentencePair p : this.pairs) {
            Map<Integer, Integer> c = new HashMap<>();
            for (String g : ngrams(p.source())) {
                Integer id = ids.get(g);
                if (id == null) {
                    id = ids.size();
                    ids.put(g, id);
                    df.add(0);
                }
                if (c.merge(id, 1, Integer::sum) == 1) {
                    df.set(id, df.get(id) + 1);
                }
            }
            counts.add(c);
        }
        int n = this.pairs.size();
        idf = new double[ids.size()];
        for (int id = 0; id < idf.length; id++) {
            idf[id] = Math.log((1.0 + n) / (1.0 + df.get(id))) + 1;
        }
        int[] fill = new int[idf.length];
        postingSentences = new int[idf.length][];
        postingWeights = new float[idf.length][];
        for (int id = 0; id < idf.length; id++) {
            postingSentences[id] = new int[df.get(id)];
            postingWeights[id] = new float[df.get(id)];
        }
        for (int s = 0; s < n; s++) {
            Map<Integer, Integer> c = counts.get(s);
            double norm = 0;
            for (Map.Entry<Integer, Integer> e : c.entrySet()) {
                double w = e.getValue() * idf[e.getKey()];
                norm += w * w;
            }
            norm = Math.sqrt(norm);
            for (Map.Entry<Integer, Integer> e : c.entrySet()) {
                int id = e.getKey();
                postingSentences[id][fill[id]] = s;
                postingWeights[id][fill[id]++] = (float) (e.getValue() * idf[id] / norm);
            }
        }
    }

    /** A memory of {@code pairs} with the default n-gram sizes. */
    public static TranslationMemory of(List<SentencePair> pairs) {
        return of(pairs, DEFAULT_MIN_N, DEFAULT_MAX_N);
    }

    /**
     * A memory of {@code pairs} on character n-grams of {@code minN} to {@code maxN} characters.
     *
     * @throws IllegalArgumentException for no pairs or sizes out of order
     */
    public static TranslationMemory of(List<SentencePair> pairs, int minN, int maxN) {
        Objects.requireNonNull(pairs, "pairs");
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a translation memory needs at least one sentence pair");
        }
        if (minN < 1 || maxN < minN) {
            throw new IllegalArgumentException("n-gram sizes must satisfy 1 <= min <= max, got " + minN + ".." + maxN);
        }
        return new TranslationMemory(pairs, minN, maxN);
    }

    /** The stored pair most similar to {@code source} (the first stored one on ties; similarity 0 when none is). */
    public Match lookup(String source) {
        Map<Integer, Integer> c = new HashMap<>();
        Map<String, Integer> unknown = new HashMap<>();
        for (String g : ngrams(source)) {
            Integer id = ids.get(g);
            if (id != null) {
                c.merge(id, 1, Integer::sum);
            } else {
                unknown.merge(g, 1, Integer::sum);
            }
        }
        double[] scores = new double[pairs.size()];
        double norm = 0;
        for (Map.Entry<Integer, Integer> e : c.entrySet()) {
            double w = e.getValue() * idf[e.getKey()];
            norm += w * w;
        }
        // n-grams the memory never saw (document frequency 0) still count in the query's norm: a query that is
        // mostly unknown is far from every stored sentence.
        double unseenIdf = Math.log(1.0 + pairs.size()) + 1;
        for (int count : unknown.values()) {
            norm += (count * unseenIdf) * (count * unseenIdf);
        }
        for (Map.Entry<Integer, Integer> e : c.entrySet()) {
            int id = e.getKey();
            double w = e.getValue() * idf[id];
            int[] sentences = postingSentences[id];
            float[] weights = postingWeights[id];
            for (int k = 0; k < sentences.length; k++) {
                scores[sentences[k]] += w * weights[k];
            }
        }
        int best = 0;
        for (int s = 1; s < scores.length; s++) {
            if (scores[s] > scores[best]) {
                best = s;
            }
        }
        double similarity = norm == 0 ? 0 : scores[best] / Math.sqrt(norm);
        return new Match(best, pairs.get(best), Math.min(1, similarity));
    }

    /** The target side of the stored pair most similar to {@code source}. */
    public String translate(String source) {
        return lookup(source).pair().target();
    }

    /** The smallest n-gram size. */
    public int minN() {
        return minN;
    }

    /** The largest n-gram size. */
    public int maxN() {
        return maxN;
    }

    /** How many pairs the memory holds. */
    public int size() {
        return pairs.size();
    }

    /** The character n-grams of {@code text}, lower-cased and padded with one space each side, with repeats. */
    List<String> ngrams(String text) {
        String padded = " " + text.toLowerCase(Locale.ROOT) + " ";
        int[] cps = padded.codePoints().toArray();
        List<String> out = new ArrayList<>();
        for (int n = minN; n <= maxN; n++) {
            for (int i = 0; i + n <= cps.length; i++) {
                out.add(new String(cps, i, n));
            }
        }
        return out;
    }
}
