package io.rnnkit.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into characters, keeping every character (spaces and newlines included), so joining the
 * tokens gives back the input exactly when case is kept.
 *
 * <p>What a "character" is depends on {@link Unit}:
 * <ul>
 *   <li>{@link Unit#CODE_POINT} (default): one token per Unicode code point. A precomposed Hangul syllable
 *       such as 한 (U+D55C) is one token; the same syllable written as conjoining jamo (ᄒ ᅡ ᆫ) is three;
 *       "é" written as e + U+0301 is two; 👍🏽 (thumb + skin tone) is two; a family ZWJ sequence is five.
 *       Surrogate pairs are never split. This is the classic char-RNN unit: a small, stable vocabulary.</li>
 *   <li>{@link Unit#GRAPHEME}: one token per extended grapheme cluster (what a reader sees as one
 *       character): e + U+0301, conjoining jamo syllables, emoji with skin tones, ZWJ sequences and flags
 *       are each one token. Implemented with the regex {@code \X}, because Java 17's
 *       {@link java.text.BreakIterator} still splits emoji modifier, ZWJ and flag sequences.</li>
 *   <li>{@link Unit#JAMO}: Korean by its letters. Each precomposed syllable gives its conjoining jamo (한 → ᄒ ᅡ ᆫ),
 *       each token carrying the syllable's offsets; everything else is one token per code point. A text that
 *       already holds conjoining jamo is refused (see {@link Hangul}). {@link Unit#CODE_POINT} is the syllable
 *       granularity: one token per syllable.</li>
 * </ul>
 * No Unicode normalisation is applied: it would move offsets. Normalise (NFC) before tokenizing if
 * decomposed and precomposed spellings should share vocabulary entries.
 *
 * @param unit      the character unit
 * @param lowerCase whether token text is lower-cased ({@link Locale#ROOT}); offsets are unchanged
 */
public record CharTokenizer(Unit unit, boolean lowerCase) implements Tokenizer {
    static final String KIND_NAME = "char";
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    /** What one character token is. */
    public enum Unit {
        /** One Unicode code point. */
        CODE_POINT,
        /** One extended grapheme cluster (user-perceived character). */
        GRAPHEME,
        /**
         * One Hangul letter: a syllable becomes its two or three conjoining jamo ({@link Hangul#decompose}), every
         * other character one code point; joined and {@link Hangul#compose composed}, the tokens give the text back.
         */
        JAMO
    }

    /** Validates the unit. */
    public CharTokenizer {
        if (unit == null) {
            throw new IllegalArgumentException("char tokenizer unit must not be null");
        }
    }

    /** Code points, case kept. */
    public CharTokenizer() {
        this(Unit.CODE_POINT, false);
    }

    /** The given unit, case kept. */
    public CharTokenizer(Unit unit) {
        this(unit, false);
    }

    @Override
    public List<Token> tokenize(String text) {
        Settings.requireText(text);
        List<Token> out = new ArrayList<>(text.length());
        if (unit == Unit.CODE_POINT) {
            int i = 0;
            while (i < text.length()) {
                int next = i + Character.charCount(text.codePointAt(i));
                out.add(token(text, i, next));
                i = next;
            }
        } else if (unit == Unit.JAMO) {
            Hangul.requireNoConjoiningJamo(text, "text");
            StringBuilder jamo = new StringBuilder(3);
            for (int i = 0; i < text.length(); ) {
                char c = text.charAt(i);
                if (Hangul.isSyllable(c)) {
                    jamo.setLength(0);
                    Hangul.appendJamo(c, jamo);
                    for (int k = 0; k < jamo.length(); k++) {
                        out.add(new Token(String.valueOf(jamo.charAt(k)), i, i + 1));
                    }
                    i++;
                } else {
                    int next = i + Character.charCount(text.codePointAt(i));
                    out.add(token(text, i, next));
                    i = next;
                }
            }
        } else {
            Matcher m = GRAPHEME.matcher(text);
            while (m.find()) {
                out.add(token(text, m.start(), m.end()));
            }
        }
        return out;
    }

    private Token token(String text, int start, int end) {
        String s = text.substring(start, end);
        return new Token(lowerCase ? s.toLowerCase(Locale.ROOT) : s, start, end);
    }

    @Override
    public Map<String, String> toSettings() {
        return Map.of(KIND, KIND_NAME, "unit", unit.name().toLowerCase(Locale.ROOT),
                "lowerCase", Boolean.toString(lowerCase));
    }

    static CharTokenizer fromSettings(Map<String, String> settings) {
        Settings.checkKeys(settings, KIND_NAME, Set.of("unit", "lowerCase"));
        return new CharTokenizer(Settings.choice(settings, "unit", Unit.class, Unit.CODE_POINT),
                Settings.bool(settings, "lowerCase", false));
    }
}
