package io.rnnkit.charlm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well a model predicts a text, one character at a time with its state carried through the whole text (or,
 * scored batched, through each part after the context it reads; see {@link EvaluationOptions}).
 *
 * <p>The unit of every figure is a character of the text (a code point), whatever the model reads: a jamo model's
 * bits for a Hangul syllable are the sum over its two or three jamo, so a syllable model and a jamo model score the
 * same text in the same units, and {@link #bitsPerSyllable()} compares them with compressors.
 *
 * @param bpc          mean bits per predicted character of the text, {@code -log2 p(c | everything before it)}
 * @param perplexity   per-character perplexity, {@code 2^bpc}
 * @param chars        number of predicted characters of the text (code points; without context the first one only
 *                     serves as context)
 * @param unknownChars how many predicted symbols are not in the model's vocabulary (scored as {@code <unk>})
 * @param unigramBpc   bits per character of the add-one-smoothed unigram model of the training text's symbols on the
 *                     same text: the "knows only character frequencies" baseline
 * @param seconds      wall-clock time of the evaluation
 * @param symbols      number of predicted model symbols: {@code chars} for a code-point model, jamo and other
 *                     characters for a jamo model
 * @param syllables    Hangul syllables among the predicted characters
 */
public record Evaluation(double bpc, double perplexity, long chars, long unknownChars, double unigramBpc,
                         double seconds, long symbols, long syllables) {

    /** An evaluation of a code-point model on text without Hangul syllables (symbols = chars). */
    public Evaluation(double bpc, double perplexity, long chars, long unknownChars, double unigramBpc,
                      double seconds) {
        this(bpc, perplexity, chars, unknownChars, unigramBpc, seconds, chars, 0);
    }

    /** Total bits spent on the text. */
    public double bits() {
        return bpc * chars;
    }

    /** Bits per Hangul syllable: all bits of the text (spaces and Latin included) over its syllables; NaN without any. */
    public double bitsPerSyllable() {
        return syllables == 0 ? Double.NaN : bits() / syllables;
    }

    /** The unigram baseline's bits per Hangul syllable; NaN without any. */
    public double unigramBitsPerSyllable() {
        return syllables == 0 ? Double.NaN : unigramBpc * chars / syllables;
    }

    /**
     * The figures under the JSON keys of {@code rnnkit charlm eval --json}; {@code bits_per_syllable} and
     * {@code unigram_bits_per_syllable} only for a text with Hangul syllables.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bpc", bpc);
        m.put("perplexity", perplexity);
        m.put("chars", chars);
        m.put("unknown_chars", unknownChars);
        m.put("unigram_bpc", unigramBpc);
        m.put("seconds", seconds);
        m.put("symbols", symbols);
        m.put("syllables", syllables);
        if (syllables > 0) {
            m.put("bits_per_syllable", bitsPerSyllable());
            m.put("unigram_bits_per_syllable", unigramBitsPerSyllable());
        }
        return m;
    }
}
