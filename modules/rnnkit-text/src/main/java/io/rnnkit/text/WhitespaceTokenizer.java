package io.rnnkit.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits on whitespace only, for corpora that are already tokenized (one space between tokens).
 * Whitespace is any char for which {@link Character#isWhitespace(int)} or
 * {@link Character#isSpaceChar(int)} holds, so a no-break space also separates tokens. Invisible format characters
 * (Unicode category Cf: zero-width space U+200B, the direction marks U+200E/U+200F, a byte-order mark U+FEFF, the
 * word joiner U+2060, a soft hyphen U+00AD, ...) separate tokens too and are never part of one: pasted text is full
 * of them, and a token made of nothing visible must not be tagged or classified. The zero-width (non-)joiners
 * U+200C and U+200D are kept inside tokens, where Persian, Indic scripts and emoji sequences need them.
 *
 * @param lowerCase whether token text is lower-cased ({@link Locale#ROOT}); offsets are unchanged
 */
public record WhitespaceTokenizer(boolean lowerCase) implements Tokenizer {
    static final String KIND_NAME = "whitespace";

    /** A whitespace tokenizer that keeps case. */
    public WhitespaceTokenizer() {
        this(false);
    }

    @Override
    public List<Token> tokenize(String text) {
        Settings.requireText(text);
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && !isSpace(cp = text.codePointAt(i))) {
                i += Character.charCount(cp);
            }
            String s = text.substring(start, i);
            out.add(new Token(lowerCase ? s.toLowerCase(Locale.ROOT) : s, start, i));
        }
        return out;
    }

    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || (Character.getType(cp) == Character.FORMAT && cp != '\u200C' && cp != '\u200D');
    }

    @Override
    public Map<String, String> toSettings() {
        return Map.of(KIND, KIND_NAME, "lowerCase", Boolean.toString(lowerCase));
    }

    static WhitespaceTokenizer fromSettings(Map<String, String> settings) {
        Settings.checkKeys(settings, KIND_NAME, Set.of("lowerCase"));
        return new WhitespaceTokenizer(Settings.bool(settings, "lowerCase", false));
    }
}
