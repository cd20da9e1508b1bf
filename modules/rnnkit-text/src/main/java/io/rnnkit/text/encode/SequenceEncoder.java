package io.rnnkit.text.encode;

import io.rnnkit.text.Token;
import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Text → index sequence with a tokenizer and a vocabulary. Text without tokens becomes an empty sequence
 * (the many-to-one iterator rejects it, naming the example).
 *
 * @param tokenizer  splits text into tokens
 * @param vocabulary maps tokens to indices
 * @param onUnknown  what a token missing from the vocabulary becomes
 */
public record SequenceEncoder(Tokenizer tokenizer, Vocabulary vocabulary, OnUnknown onUnknown) {

    /** The policy for tokens the vocabulary lacks. */
    public enum OnUnknown {
        /** Map to {@link Vocabulary#UNK} (the usual choice for words). */
        USE_UNK,
        /** Throw an {@link IllegalArgumentException} naming the token and its offset (for closed sets such as characters of a fixed alphabet). */
        FAIL
    }

    /** Validates the parts. */
    public SequenceEncoder {
        if (tokenizer == null || vocabulary == null || onUnknown == null) {
            throw new IllegalArgumentException("tokenizer, vocabulary and unknown-token policy must not be null");
        }
    }

    /** Unknown tokens map to {@link Vocabulary#UNK}. */
    public SequenceEncoder(Tokenizer tokenizer, Vocabulary vocabulary) {
        this(tokenizer, vocabulary, OnUnknown.USE_UNK);
    }

    /**
     * The indices of the tokens of {@code text}.
     *
     * @throws IllegalArgumentException under {@link OnUnknown#FAIL} for a token the vocabulary lacks
     */
    public int[] encode(String text) {
        List<Token> tokens = tokenizer.tokenize(text);
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            Token t = tokens.get(i);
            out[i] = vocabulary.indexOf(t.text());
            if (out[i] == Vocabulary.UNK && onUnknown == OnUnknown.FAIL && !t.text().equals(Vocabulary.UNK_TOKEN)) {
                throw new IllegalArgumentException("unknown token '" + t.text() + "' at offset " + t.start()
                        + " (vocabulary of " + vocabulary.size() + ")");
            }
        }
        return out;
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
            for (Token t : tokenizer.tokenize(text)) {
                total++;
                if (vocabulary.indexOf(t.text()) == Vocabulary.UNK) {
                    unknown++;
                }
            }
        }
        return total == 0 ? 0 : (double) unknown / total;
    }
}
