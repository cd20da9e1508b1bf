package io.rnnkit.charlm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well a model predicts a text, one character at a time with its state carried through the whole text (or,
 * scored batched, through each part after the context it reads; see {@link EvaluationOptions}).
 *
 * @param bpc          mean bits per predicted character, {@code -log2 p(c | everything before it)}
 * @param perplexity   per-character perplexity, {@code 2^bpc}
 * @param chars        number of predicted characters (code points)
 * @param unknownChars how many of them are not in the model's vocabulary (scored as {@code <unk>})
 * @param unigramBpc   bits per character of the add-one-smoothed unigram model of the training text on the same
 *                     characters: the "knows only character frequencies" baseline
 * @param seconds      wall-clock time of the evaluation
 */
public record Evaluation(double bpc, double perplexity, long chars, long unknownChars, double unigramBpc,
                         double seconds) {

    /** The figures under the JSON keys of {@code rnnkit charlm eval --json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bpc", bpc);
        m.put("perplexity", perplexity);
        m.put("chars", chars);
        m.put("unknown_chars", unknownChars);
        m.put("unigram_bpc", unigramBpc);
        m.put("seconds", seconds);
        return m;
    }
}
