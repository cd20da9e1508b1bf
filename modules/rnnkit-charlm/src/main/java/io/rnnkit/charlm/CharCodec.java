package io.rnnkit.charlm;

import io.rnnkit.text.Vocabulary;
import java.util.HashMap;
import java.util.Map;

/** Code points ↔ vocabulary indices for a code-point character vocabulary. */
final class CharCodec {
    private final Vocabulary vocabulary;
    private final Map<Integer, Integer> index;

    CharCodec(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.index = new HashMap<>(vocabulary.size() * 2);
        for (int i = Vocabulary.RESERVED; i < vocabulary.size(); i++) {
            String token = vocabulary.token(i);
            if (token.codePointCount(0, token.length()) != 1) {
                throw new IllegalArgumentException("vocabulary entry " + i + " ('" + token
                        + "') is not a single character; a character model needs a code-point vocabulary");
            }
            index.put(token.codePointAt(0), i);
        }
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    int size() {
        return vocabulary.size();
    }

    /** The index of a code point, or {@link Vocabulary#UNK}. */
    int indexOf(int codePoint) {
        return index.getOrDefault(codePoint, Vocabulary.UNK);
    }

    boolean knows(int codePoint) {
        return index.containsKey(codePoint);
    }

    /** Indices of every code point of {@code text}; unknown ones become {@link Vocabulary#UNK}. */
    int[] encode(CharSequence text) {
        int[] out = new int[Character.codePointCount(text, 0, text.length())];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            out[n++] = indexOf(cp);
            i += Character.charCount(cp);
        }
        return out;
    }

    /** The character of index {@code i} (PAD and UNK give their token strings). */
    String decode(int i) {
        return vocabulary.token(i);
    }
}
