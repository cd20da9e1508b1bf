package io.rnnkit.charlm;

import io.rnnkit.text.CharTokenizer;
import io.rnnkit.text.Hangul;
import io.rnnkit.text.Vocabulary;
import java.util.HashMap;
import java.util.Map;

/**
 * Text ↔ vocabulary indices for a character model. With {@link CharTokenizer.Unit#CODE_POINT} every code point is one
 * symbol; with {@link CharTokenizer.Unit#JAMO} a Hangul syllable is its two or three conjoining jamo
 * ({@link Hangul#decompose}) and every other code point one symbol, so the model reads Korean letter by letter.
 * Text that already holds conjoining jamo is refused for a jamo model (it could not be given back unchanged).
 */
final class CharCodec {
    /** Symbol kinds of a jamo vocabulary, for {@link JamoComposer}: not a jamo, leading, vowel, trailing. */
    static final byte OTHER = 0;
    static final byte LEADING = 1;
    static final byte VOWEL = 2;
    static final byte TRAILING = 3;

    private final Vocabulary vocabulary;
    private final CharTokenizer.Unit unit;
    private final Map<Integer, Integer> index;
    private final byte[] kinds;

    /** A code-point codec. */
    CharCodec(Vocabulary vocabulary) {
        this(vocabulary, CharTokenizer.Unit.CODE_POINT);
    }

    CharCodec(Vocabulary vocabulary, CharTokenizer.Unit unit) {
        this.vocabulary = vocabulary;
        this.unit = unit;
        this.index = new HashMap<>(vocabulary.size() * 2);
        this.kinds = new byte[vocabulary.size()];
        for (int i = Vocabulary.RESERVED; i < vocabulary.size(); i++) {
            String token = vocabulary.token(i);
            if (token.codePointCount(0, token.length()) != 1) {
                throw new IllegalArgumentException("vocabulary entry " + i + " ('" + token
                        + "') is not a single character; a character model needs a code-point vocabulary");
            }
            int cp = token.codePointAt(0);
            index.put(cp, i);
            kinds[i] = unit == CharTokenizer.Unit.JAMO ? jamoKind(cp) : OTHER;
        }
    }

    private static byte jamoKind(int cp) {
        if (cp >= 0x1100 && cp <= 0x1112) {
            return LEADING;
        } else if (cp >= 0x1161 && cp <= 0x1175) {
            return VOWEL;
        } else if (cp >= 0x11A8 && cp <= 0x11C2) {
            return TRAILING;
        }
        return OTHER;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    CharTokenizer.Unit unit() {
        return unit;
    }

    boolean isJamo() {
        return unit == CharTokenizer.Unit.JAMO;
    }

    int size() {
        return vocabulary.size();
    }

    /** The jamo kind of symbol {@code i} ({@link #OTHER} for every symbol of a code-point codec). */
    byte kind(int i) {
        return i < kinds.length ? kinds[i] : OTHER;
    }

    /** The index of a model symbol (a code point, a jamo for a jamo model), or {@link Vocabulary#UNK}. */
    int indexOf(int codePoint) {
        return index.getOrDefault(codePoint, Vocabulary.UNK);
    }

    boolean knows(int codePoint) {
        return index.containsKey(codePoint);
    }

    /** The text this codec's model reads; see {@link #modelText(CharTokenizer.Unit, String, String)}. */
    String modelText(String text, String what) {
        return modelText(unit, text, what);
    }

    /**
     * The text a model of {@code unit} reads: {@code text} itself for code points, its syllables decomposed for
     * jamo (null stays null).
     *
     * @param what names the text in the refusal of conjoining jamo
     * @throws IllegalArgumentException for jamo and text with conjoining jamo of its own
     */
    static String modelText(CharTokenizer.Unit unit, String text, String what) {
        if (unit != CharTokenizer.Unit.JAMO || text == null) {
            return text;
        }
        Hangul.requireNoConjoiningJamo(text, what);
        return Hangul.decompose(text);
    }

    /** Indices of every symbol of {@code text}; unknown ones become {@link Vocabulary#UNK}. */
    int[] encode(CharSequence text) {
        return encode(text, null);
    }

    /**
     * As {@link #encode(CharSequence)}, adding the text's characters and Hangul syllables to {@code counts} (if not
     * null).
     */
    int[] encode(CharSequence text, TextCounts counts) {
        if (isJamo()) {
            Hangul.requireNoConjoiningJamo(text, "text");
        }
        int size = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            size += isJamo() && Hangul.isSyllable(cp) ? Hangul.jamoCount((char) cp) : 1;
        }
        int[] out = new int[size];
        int n = 0;
        StringBuilder jamo = new StringBuilder(3);
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (counts != null) {
                counts.add(cp);
            }
            if (isJamo() && Hangul.isSyllable(cp)) {
                jamo.setLength(0);
                Hangul.appendJamo((char) cp, jamo);
                for (int k = 0; k < jamo.length(); k++) {
                    out[n++] = indexOf(jamo.charAt(k));
                }
            } else {
                out[n++] = indexOf(cp);
            }
        }
        return out;
    }

    /** The model symbols of one code point of the text: its jamo for a syllable read by a jamo model, else itself. */
    String symbols(int codePoint) {
        if (isJamo() && Hangul.isSyllable(codePoint)) {
            StringBuilder b = new StringBuilder(3);
            Hangul.appendJamo((char) codePoint, b);
            return b.toString();
        }
        return new String(Character.toChars(codePoint));
    }

    /** The symbol of index {@code i} (PAD and UNK give their token strings). */
    String decode(int i) {
        return vocabulary.token(i);
    }

    /** Characters (code points) and Hangul syllables of a text, counted as it is read. */
    static final class TextCounts {
        long chars;
        long syllables;

        void add(int codePoint) {
            chars++;
            if (Hangul.isSyllable(codePoint)) {
                syllables++;
            }
        }
    }
}
