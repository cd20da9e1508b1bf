package io.rnnkit.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits on whitespace only, for corpora that are already tokenized (one space between tokens).
 * Whitespace is any char for which {@link Character#isWhitespace(int)} or
 * {@link Character#isSpaceChar(int)} holds, so a no-break space also separates tokens.
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
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
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
