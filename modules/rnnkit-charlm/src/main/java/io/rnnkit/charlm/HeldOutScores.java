package io.rnnkit.charlm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model's scores on the held-out parts of a {@link TextSplit}, each part read after the
 * {@code contextChars} characters just before it (so its first characters are predicted with history, as a
 * compressor coding the part after the rest of the text predicts them). {@code rnnkit charlm train} and the
 * benchmark both score through {@link CharLanguageModel#evaluateHeldOut}, so their figures are the same numbers.
 *
 * @param contextChars characters read before each part
 * @param validation   the validation part's score, or {@code null} when that part is too short to score
 * @param test         the test part's score, or {@code null} when that part is too short to score
 */
public record HeldOutScores(int contextChars, Evaluation validation, Evaluation test) {
    /** Context read before each part by default (the benchmark's and {@code builtin:charlm}'s figures). */
    public static final int DEFAULT_CONTEXT = 2000;

    /**
     * The figures a model file's manifest records: {@code val_bpc}, {@code test_bpc}, {@code unigram_bpc}, and for
     * parts with Hangul syllables {@code val_bits_per_syllable}, {@code test_bits_per_syllable} and
     * {@code unigram_bits_per_syllable}.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (validation != null) {
            m.put("val_bpc", validation.bpc());
            if (validation.syllables() > 0) {
                m.put("val_bits_per_syllable", validation.bitsPerSyllable());
            }
        }
        if (test != null) {
            m.put("test_bpc", test.bpc());
            m.put("unigram_bpc", test.unigramBpc());
            if (test.syllables() > 0) {
                m.put("test_bits_per_syllable", test.bitsPerSyllable());
                m.put("unigram_bits_per_syllable", test.unigramBitsPerSyllable());
            }
        }
        return m;
    }
}
