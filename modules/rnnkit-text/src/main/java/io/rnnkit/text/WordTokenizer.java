package io.rnnkit.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unicode-aware word tokenizer: words, numbers, punctuation and symbols become separate tokens;
 * whitespace separates tokens and is dropped.
 *
 * <p>Rules, in the user's terms:
 * <ul>
 *   <li>A word is a run of letters, digits and combining marks in any script ({@link Character#isLetterOrDigit}),
 *       so "naïve", "한국어" and "東京" are single words. "I work at google" gives {@code I | work | at | google}.</li>
 *   <li>Korean is split on spaces and punctuation only: a particle or an ending stays on its word, so
 *       "파일을 선택합니다." gives {@code 파일을 | 선택합니다 | .} (not 파일 + 을), and so do particles written after
 *       Latin letters or digits ("ID가", "1234인"). These space-separated units (eojeol) are what Korean text
 *       separates itself; splitting particles off needs a morphological analyser, which rnnkit does not have.</li>
 *   <li>A zero-width non-joiner or joiner (U+200C, U+200D) between two word characters stays inside the word, as
 *       Persian and Indic spelling needs ("می‌روم" is one word).</li>
 *   <li>A hyphen between two letters or digits stays inside the word ("state-of-the-art", "covid-19"),
 *       as in the Brown corpus; "." and "," between digits stay inside a number ("3.14", "1,000").</li>
 *   <li>An apostrophe (' or ’) between letters is a contraction. {@link Contractions#KEEP} (default, Brown
 *       convention) keeps "don't" whole; {@link Contractions#SPLIT} follows the Penn Treebank:
 *       "don't" → "do" + "n't", "can't" → "ca" + "n't", "it's" → "it" + "'s", "we'll" → "we" + "'ll"
 *       (also 're, 've, 'd, 'm). Other apostrophe words ("o'clock") are kept.</li>
 *   <li>Whitespace and invisible format characters (zero-width space, direction marks, a byte-order mark; see
 *       {@link WhitespaceTokenizer}) separate tokens and are dropped.</li>
 *   <li>Every other visible character is punctuation or a symbol: one token per grapheme cluster, so an
 *       emoji with a skin tone or a ZWJ family stays one token; a run of the same punctuation mark
 *       ("...", "!!", "--") is one token.</li>
 * </ul>
 *
 * @param lowerCase    whether token text is lower-cased ({@link Locale#ROOT}); offsets are unchanged
 * @param contractions whether contractions are kept whole or split
 */
public record WordTokenizer(boolean lowerCase, Contractions contractions) implements Tokenizer {
    static final String KIND_NAME = "word";
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final String[] CLITICS = {"'s", "'re", "'ve", "'ll", "'d", "'m"};

    /** What happens to English contractions such as "don't". */
    public enum Contractions {
        /** "don't" stays one token (Brown corpus convention). */
        KEEP,
        /** "don't" becomes "do" + "n't" (Penn Treebank convention). */
        SPLIT
    }

    /** Validates the contraction policy. */
    public WordTokenizer {
        if (contractions == null) {
            throw new IllegalArgumentException("word tokenizer contractions policy must not be null");
        }
    }

    /** Case kept, contractions kept. */
    public WordTokenizer() {
        this(false, Contractions.KEEP);
    }

    @Override
    public List<Token> tokenize(String text) {
        Settings.requireText(text);
        List<Token> out = new ArrayList<>();
        Matcher grapheme = GRAPHEME.matcher(text);
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (WhitespaceTokenizer.isSpace(cp)) {
                i += Character.charCount(cp);
            } else if (isWordChar(cp)) {
                int end = wordEnd(text, i);
                addWord(text, i, end, out);
                i = end;
            } else {
                int end = symbolEnd(text, i, cp, grapheme);
                out.add(token(text, i, end));
                i = end;
            }
        }
        return out;
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || isMark(cp);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019';
    }

    /** End of the word starting at {@code start}, following the joiner rules in the class comment. */
    private static int wordEnd(String text, int start) {
        int n = text.length();
        int i = start;
        int prev = -1;
        while (i < n) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (isWordChar(cp)) {
                prev = cp;
                i += width;
                continue;
            }
            int next = i + width < n ? text.codePointAt(i + width) : -1;
            boolean joins = (isApostrophe(cp) && Character.isLetter(prev) && next >= 0 && Character.isLetter(next))
                    || (cp == '-' && Character.isLetterOrDigit(prev) && next >= 0 && Character.isLetterOrDigit(next))
                    || ((cp == '.' || cp == ',') && Character.isDigit(prev) && next >= 0 && Character.isDigit(next))
                    || ((cp == '\u200C' || cp == '\u200D') && isWordChar(prev) && next >= 0 && isWordChar(next));
            if (!joins) {
                break;
            }
            prev = cp;
            i += width;
        }
        return i;
    }

    /** End of a punctuation/symbol token: one grapheme cluster, or a run of one repeated mark. */
    private static int symbolEnd(String text, int start, int cp, Matcher grapheme) {
        grapheme.region(start, text.length());
        int end = grapheme.lookingAt() ? grapheme.end() : start + Character.charCount(cp);
        if (end == start + Character.charCount(cp)) {
            while (end < text.length() && text.codePointAt(end) == cp) {
                end += Character.charCount(cp);
            }
        }
        return end;
    }

    private void addWord(String text, int start, int end, List<Token> out) {
        if (contractions == Contractions.SPLIT) {
            int split = contractionSplit(text.substring(start, end));
            if (split > 0) {
                out.add(token(text, start, start + split));
                out.add(token(text, start + split, end));
                return;
            }
        }
        out.add(token(text, start, end));
    }

    /** Offset inside {@code word} where the clitic starts, or -1 when it is not a contraction. */
    static int contractionSplit(String word) {
        // Lower-cased char by char: String.toLowerCase can change the length ("İ" becomes "i̇"), and the
        // result is an offset into word.
        char[] chars = word.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = chars[i] == '\u2019' ? '\'' : Character.toLowerCase(chars[i]);
        }
        String w = new String(chars);
        if (w.endsWith("n't") && w.length() > 3 && Character.isLetter(w.charAt(w.length() - 4))) {
            return w.length() - 3;
        }
        for (String clitic : CLITICS) {
            if (w.endsWith(clitic) && w.length() > clitic.length() && w.indexOf('\'') == w.length() - clitic.length()) {
                return w.length() - clitic.length();
            }
        }
        return -1;
    }

    private Token token(String text, int start, int end) {
        String s = text.substring(start, end);
        return new Token(lowerCase ? s.toLowerCase(Locale.ROOT) : s, start, end);
    }

    @Override
    public Map<String, String> toSettings() {
        return Map.of(KIND, KIND_NAME, "lowerCase", Boolean.toString(lowerCase),
                "contractions", contractions.name().toLowerCase(Locale.ROOT));
    }

    static WordTokenizer fromSettings(Map<String, String> settings) {
        Settings.checkKeys(settings, KIND_NAME, Set.of("lowerCase", "contractions"));
        return new WordTokenizer(Settings.bool(settings, "lowerCase", false),
                Settings.choice(settings, "contractions", Contractions.class, Contractions.KEEP));
    }
}
