package io.rnnkit.text.encode;

import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Text → index sequence with a tokenizer and a vocabulary. Unknown tokens become {@link Vocabulary#UNK};
 * text without tokens becomes an empty sequence (a many-to-one iterator rejects it with the example number).
 *
 * @param tokenizer  splits text into tokens
 * @param vocabulary maps tokens to indices
 */
public record SequenceEncoder(Tokenizer tokenizer, Vocabulary vocabulary) {
    /** Validates the parts. */
    public SequenceEncoder {
        if (tokenizer == null || vocabulary == null) {
            throw new IllegalArgumentException("tokenizer and vocabulary must not be null");
        }
    }

    /** The indices of the tokens of {@code text}. */
    public int[] encode(String text) {
        return vocabulary.encode(tokenizer.words(text));
    }

    /** {@link #encode(String)} for every text. */
    public List<int[]> encodeAll(List<String> texts) {
        List<int[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(encode(text));
        }
        return out;
    }

    /** The fraction of tokens in {@code texts} that map to UNK (0 when there are no tokens). */
    public double unknownRate(List<String> texts) {
        long unknown = 0;
        long total = 0;
        for (String text : texts) {
            for (int i : encode(text)) {
                total++;
                if (i == Vocabulary.UNK) {
                    unknown++;
                }
            }
        }
        return total == 0 ? 0 : (double) unknown / total;
    }
}
