package io.rnnkit.translate.metrics;

import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.WordTokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU (Papineni et al., 2002) on a 0–100 scale, one reference per hypothesis: the geometric mean of the
 * clipped n-gram precisions for n = 1 to {@link #maxOrder()} (4 by default), each summed over the whole corpus,
 * times the brevity penalty {@code exp(1 - r/c)} when the hypotheses' total length c is below the references' r.
 * No smoothing: a corpus with no match of some order scores 0 (as NLTK's {@code corpus_bleu} without a smoothing
 * function, against which it is tested).
 *
 * <p>BLEU counts tokens, so its figure depends on the tokenisation; {@link #corpusOfTexts} uses rnnkit's
 * {@link WordTokenizer}: words split at spaces and punctuation, a Korean word keeping its particles ("파일을" is one
 * token), which makes Korean BLEU a strict, word-level figure; chrF is the usual metric for Korean.
 *
 * @param maxOrder the largest n-gram order, at least 1
 */
public record Bleu(int maxOrder) {
    /** BLEU-4. */
    public static final Bleu STANDARD = new Bleu(4);

    /** Validates the order. */
    public Bleu {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("BLEU order must be at least 1, got " + maxOrder);
        }
    }

    /** The BLEU of token lists, 0–100. */
    public double corpus(List<List<String>> hypotheses, List<List<String>> references) {
        ChrF.requireSameSize(hypotheses, references);
        long[] matches = new long[maxOrder];
        long[] totals = new long[maxOrder];
        long hypothesisLength = 0;
        long referenceLength = 0;
        for (int s = 0; s < hypotheses.size(); s++) {
            List<String> hyp = hypotheses.get(s);
            List<String> ref = references.get(s);
            hypothesisLength += hyp.size();
            referenceLength += ref.size();
            for (int n = 1; n <= maxOrder; n++) {
                Map<List<String>, Integer> refCounts = counts(ref, n);
                for (Map.Entry<List<String>, Integer> e : counts(hyp, n).entrySet()) {
                    matches[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
                }
                totals[n - 1] += Math.max(0, hyp.size() - n + 1);
            }
        }
        double logSum = 0;
        for (int i = 0; i < maxOrder; i++) {
            if (matches[i] == 0) {
                return 0;
            }
            logSum += Math.log((double) matches[i] / totals[i]);
        }
        double brevity = hypothesisLength >= referenceLength ? 1
                : Math.exp(1 - (double) referenceLength / hypothesisLength);
        return 100 * brevity * Math.exp(logSum / maxOrder);
    }

    /** The BLEU of texts, each tokenized by {@link WordTokenizer} (case kept), 0–100. */
    public double corpusOfTexts(List<String> hypotheses, List<String> references) {
        return corpus(tokenized(hypotheses), tokenized(references));
    }

    private static List<List<String>> tokenized(List<String> texts) {
        Tokenizer words = new WordTokenizer();
        List<List<String>> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(words.tokenize(t).stream().map(io.rnnkit.text.Token::text).toList());
        }
        return out;
    }

    private static Map<List<String>, Integer> counts(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return counts;
    }
}
