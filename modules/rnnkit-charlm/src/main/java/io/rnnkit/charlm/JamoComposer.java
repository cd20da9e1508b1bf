package io.rnnkit.charlm;

import io.rnnkit.text.Hangul;

/**
 * Turns the symbols one sample draws into text characters. For a code-point model every symbol is a character. For
 * a jamo model the drawing is kept to sequences that compose ({@link #restrict}: a vowel only after a leading
 * consonant, a trailing consonant only after a vowel, nothing but a vowel after a leading consonant) and the jamo
 * are given back as whole syllables, so a sample never holds a stray jamo. One instance per sample; not
 * thread-safe.
 */
final class JamoComposer {
    private static final int FREE = 0;
    private static final int AFTER_LEADING = 1;
    private static final int AFTER_VOWEL = 2;

    private final CharCodec codec;
    private final StringBuilder pending = new StringBuilder(3);
    private int state = FREE;

    JamoComposer(CharCodec codec) {
        this.codec = codec;
    }

    /**
     * Zeroes in {@code p} the symbols that cannot come next (nothing for a code-point model). The text before the
     * first symbol (the prefix) counts as complete: a sample does not add a trailing consonant to the prefix's
     * last syllable.
     */
    void restrict(double[] p) {
        if (!codec.isJamo()) {
            return;
        }
        boolean any = false;
        for (int i = 0; i < p.length; i++) {
            byte kind = codec.kind(i);
            boolean allowed = switch (state) {
                case AFTER_LEADING -> kind == CharCodec.VOWEL;
                case AFTER_VOWEL -> kind != CharCodec.VOWEL;
                default -> kind != CharCodec.VOWEL && kind != CharCodec.TRAILING;
            };
            if (!allowed) {
                p[i] = 0;
            } else if (p[i] > 0 && i >= io.rnnkit.text.Vocabulary.RESERVED) {
                any = true;
            }
        }
        if (!any && state == AFTER_LEADING) {
            // Every vowel underflowed to 0: draw among them uniformly rather than leave a lone consonant.
            for (int i = 0; i < p.length; i++) {
                if (codec.kind(i) == CharCodec.VOWEL) {
                    p[i] = 1;
                }
            }
        }
    }

    /** Whether a syllable is begun but not yet complete (its jamo are held back). */
    boolean midSyllable() {
        return state != FREE;
    }

    /**
     * Takes the drawn symbol {@code id}; returns the text characters it completes: nothing (a syllable is still
     * open), one or two characters (a syllable closed by what follows it, and that character).
     */
    String add(int id) {
        String symbol = codec.decode(id);
        if (!codec.isJamo()) {
            return symbol;
        }
        byte kind = codec.kind(id);
        switch (state) {
            case AFTER_LEADING -> {
                if (kind == CharCodec.VOWEL) {
                    pending.append(symbol);
                    state = AFTER_VOWEL;
                    return "";
                }
                // Not reachable through restrict(); kept exact rather than guessed: the lone consonant as it is.
                String out = flush();
                return out + add(id);
            }
            case AFTER_VOWEL -> {
                if (kind == CharCodec.TRAILING) {
                    pending.append(symbol);
                    return flush();
                }
                String out = flush();
                return out + add(id);
            }
            default -> {
                if (kind == CharCodec.LEADING) {
                    pending.append(symbol);
                    state = AFTER_LEADING;
                    return "";
                }
                return symbol;
            }
        }
    }

    /** The open syllable's jamo, composed as far as they go, and a fresh start. */
    String flush() {
        String out = Hangul.compose(pending);
        pending.setLength(0);
        state = FREE;
        return out;
    }
}
