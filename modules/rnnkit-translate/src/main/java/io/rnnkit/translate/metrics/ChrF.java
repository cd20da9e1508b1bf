package io.rnnkit.translate.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * chrF, the character n-gram F-score (Popović, 2015), on a 0–100 scale: for each order n from 1 to
 * {@link #maxOrder()} (6 by default), the precision and recall of the hypothesis' character n-grams against the
 * reference's (clipped counts), combined as F_β = (1 + β²)·P·R / (β²·P + R) with β = 2 by default (recall weighs
 * four times as much as precision), then averaged over the orders.
 *
 * <p>The choices, stated because implementations differ:
 * <ul>
 *   <li>Characters are Unicode code points with whitespace removed (as NLTK's {@code ignore_whitespace=True} and
 *       sacreBLEU's default do), so a Hangul syllable is one character.</li>
 *   <li>The average is over the orders for which both texts have at least one n-gram ("effective order", as in
 *       sacreBLEU), so an exact match scores 100 whatever its length. NLTK's {@code sentence_chrf} averages over
 *       all six orders, so a two-syllable exact match gets 33.3 there; the two agree on texts of six characters or
 *       more (tested against NLTK 3.8).</li>
 *   <li>{@link #corpus} sums the n-gram statistics over all sentences before computing F (micro average, as
 *       sacreBLEU's corpus chrF); {@link #meanSentenceScore} is the mean of the sentence scores (NLTK's
 *       {@code corpus_chrf}).</li>
 * </ul>
 *
 * @param maxOrder the largest n-gram order, at least 1
 * @param beta     the recall weight β, positive
 */
public record ChrF(int maxOrder, double beta) {
    /** The usual setting: character 6-grams, β = 2. */
    public static final ChrF STANDARD = new ChrF(6, 2.0);

    /** Validates the settings. */
    public ChrF {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("chrF order must be at least 1, got " + maxOrder);
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("chrF beta must be a positive number, got " + beta);
        }
    }

    /**
     * The n-gram counts of one or more sentence pairs, per order (index 0 is order 1): hypothesis n-grams,
     * reference n-grams and matches (each n-gram counted at most as often as it occurs in the reference).
     */
    public record Statistics(long[] hypothesis, long[] reference, long[] matches) {
        /** Validates that the three arrays have one entry per order. */
        public Statistics {
            if (hypothesis.length != reference.length || hypothesis.length != matches.length) {
                throw new IllegalArgumentException("chrF statistics need one count per order in each array");
            }
        }

        /** The sum of these and {@code other}'s counts (the same orders). */
        public Statistics plus(Statistics other) {
            long[] h = hypothesis.clone();
            long[] r = reference.clone();
            long[] m = matches.clone();
            for (int i = 0; i < h.length; i++) {
                h[i] += other.hypothesis[i];
                r[i] += other.reference[i];
                m[i] += other.matches[i];
            }
            return new Statistics(h, r, m);
        }
    }

    /** The n-gram statistics of one hypothesis against its reference. */
    public Statistics statistics(String hypothesis, String reference) {
        Objects.requireNonNull(hypothesis, "hypothesis");
        Objects.requireNonNull(reference, "reference");
        int[] hyp = characters(hypothesis);
        int[] ref = characters(reference);
        long[] h = new long[maxOrder];
        long[] r = new long[maxOrder];
        long[] m = new long[maxOrder];
        for (int n = 1; n <= maxOrder; n++) {
            Map<NGram, Integer> refCounts = counts(ref, n);
            Map<NGram, Integer> hypCounts = counts(hyp, n);
            h[n - 1] = Math.max(0, hyp.length - n + 1);
            r[n - 1] = Math.max(0, ref.length - n + 1);
            long match = 0;
            for (Map.Entry<NGram, Integer> e : hypCounts.entrySet()) {
                match += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
            }
            m[n - 1] = match;
        }
        return new Statistics(h, r, m);
    }

    /** chrF of one hypothesis against its reference, 0–100. */
    public double sentence(String hypothesis, String reference) {
        return score(statistics(hypothesis, reference));
    }

    /** chrF of statistics (one sentence's or a corpus' summed), 0–100; 0 when no order has n-grams on both sides. */
    public double score(Statistics s) {
        double sum = 0;
        int orders = 0;
        for (int i = 0; i < s.hypothesis().length; i++) {
            if (s.hypothesis()[i] == 0 || s.reference()[i] == 0) {
                continue;
            }
            orders++;
            sum += fScore(i, s);
        }
        return orders == 0 ? 0 : 100 * sum / orders;
    }

    /** F_β of order {@code index + 1} of {@code s} (0 when nothing matches); both sides must have n-grams. */
    double fScore(int index, Statistics s) {
        double precision = (double) s.matches()[index] / s.hypothesis()[index];
        double recall = (double) s.matches()[index] / s.reference()[index];
        double b2 = beta * beta;
        double denominator = b2 * precision + recall;
        return denominator == 0 ? 0 : (1 + b2) * precision * recall / denominator;
    }

    /** Corpus chrF, 0–100: the statistics of every pair summed, then scored (micro average). */
    public double corpus(List<String> hypotheses, List<String> references) {
        requireSameSize(hypotheses, references);
        Statistics total = new Statistics(new long[maxOrder], new long[maxOrder], new long[maxOrder]);
        for (int i = 0; i < hypotheses.size(); i++) {
            total = total.plus(statistics(hypotheses.get(i), references.get(i)));
        }
        return score(total);
    }

    /** The mean of the sentence scores, 0–100 (macro average; NLTK's {@code corpus_chrf} on long texts). */
    public double meanSentenceScore(List<String> hypotheses, List<String> references) {
        requireSameSize(hypotheses, references);
        if (hypotheses.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            sum += sentence(hypotheses.get(i), references.get(i));
        }
        return sum / hypotheses.size();
    }

    static void requireSameSize(List<?> hypotheses, List<?> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses for " + references.size()
                    + " references: give one hypothesis per reference");
        }
    }

    /** The code points of {@code text} without whitespace (Python's {@code \s}: Java's whitespace and space chars). */
    static int[] characters(String text) {
        return text.codePoints().filter(c -> !(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85))
                .toArray();
    }

    private static Map<NGram, Integer> counts(int[] chars, int n) {
        Map<NGram, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= chars.length; i++) {
            counts.merge(new NGram(chars, i, n), 1, Integer::sum);
        }
        return counts;
    }

    /** A window of a code-point array, compared by content (no copy per n-gram). */
    private static final class NGram {
        private final int[] chars;
        private final int start;
        private final int length;
        private final int hash;

        NGram(int[] chars, int start, int length) {
            this.chars = chars;
            this.start = start;
            this.length = length;
            int h = 1;
            for (int i = start; i < start + length; i++) {
                h = 31 * h + chars[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof NGram other) || other.length != length || other.hash != hash) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (chars[start + i] != other.chars[other.start + i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
