package io.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static final String KOREAN = "나는 구글에서 일해요. 한국어 텍스트!";
    private static final String THUMB_MEDIUM = "\uD83D\uDC4D\uD83C\uDFFD";
    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    private static final String FLAG_KR = "\uD83C\uDDF0\uD83C\uDDF7";

    /** Rebuilds the input from token offsets, filling gaps from the original: must equal the input. */
    private static String rejoin(String text, List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (Token t : tokens) {
            assertTrue(t.start() >= pos, "tokens in order");
            sb.append(text, pos, t.start()).append(text, t.start(), t.end());
            pos = t.end();
        }
        return sb.append(text.substring(pos)).toString();
    }

    @Test
    void wordTokenizerSplitsSimpleSentence() {
        List<Token> tokens = new WordTokenizer().tokenize("I work at google");
        assertEquals(List.of(new Token("I", 0, 1), new Token("work", 2, 6), new Token("at", 7, 9),
                new Token("google", 10, 16)), tokens);
    }

    @Test
    void wordTokenizerExactPunctuationTokens() {
        assertEquals(List.of("Hello", ",", "state-of-the-art", "costs", "$", "1,000.50", "...", "really", "?", "!", "-", "x"),
                new WordTokenizer().words("Hello, state-of-the-art costs $1,000.50... really?! -x"));
    }

    @Test
    void contractionsKeptByDefaultAndSplitPennStyle() {
        String s = "I don't think it's fine, can't we'll o'clock";
        assertEquals(List.of("I", "don't", "think", "it's", "fine", ",", "can't", "we'll", "o'clock"),
                new WordTokenizer().words(s));
        List<Token> split = new WordTokenizer(false, WordTokenizer.Contractions.SPLIT).tokenize(s);
        assertEquals(List.of("I", "do", "n't", "think", "it", "'s", "fine", ",", "ca", "n't", "we", "'ll", "o'clock"),
                split.stream().map(Token::text).toList());
        assertEquals(new Token("n't", 4, 7), split.get(2));
        assertEquals(List.of("do", "n\u2019t"),
                new WordTokenizer(false, WordTokenizer.Contractions.SPLIT).words("do" + "n\u2019t"));
    }

    @Test
    void contractionsAreSplitWhereTheyStandWhenLowerCasingChangesTheLength() {
        // "İ".toLowerCase(Locale.ROOT) is two chars; the split must still be an offset into the word as written.
        assertEquals(List.of(new Token("\u0130\u0130\u0130\u0130", 0, 4), new Token("'s", 4, 6),
                        new Token("\u0130a", 7, 9), new Token("n't", 9, 12)),
                new WordTokenizer(false, WordTokenizer.Contractions.SPLIT).tokenize("\u0130\u0130\u0130\u0130's \u0130an't"));
    }

    @Test
    void lowerCaseKeepsOffsets() {
        List<Token> tokens = new WordTokenizer(true, WordTokenizer.Contractions.KEEP).tokenize("The WHALE");
        assertEquals(List.of(new Token("the", 0, 3), new Token("whale", 4, 9)), tokens);
    }

    @Test
    void koreanRoundTripsThroughEveryTokenizer() {
        for (Tokenizer t : List.of(new WordTokenizer(), new WhitespaceTokenizer(), new CharTokenizer(),
                new CharTokenizer(CharTokenizer.Unit.GRAPHEME))) {
            List<Token> tokens = t.tokenize(KOREAN);
            assertEquals(KOREAN, rejoin(KOREAN, tokens), t.toString());
            for (Token tok : tokens) {
                assertEquals(KOREAN.substring(tok.start(), tok.end()), tok.text());
            }
        }
        assertEquals(List.of("나는", "구글에서", "일해요", ".", "한국어", "텍스트", "!"), new WordTokenizer().words(KOREAN));
        assertEquals(String.join("", new CharTokenizer().words(KOREAN)), KOREAN);
    }

    @Test
    void charTokenizerCodePointsVersusGraphemes() {
        String decomposed = "e\u0301";
        String jamo = "\u1112\u1161\u11AB";
        String text = "한" + decomposed + jamo + THUMB_MEDIUM + FAMILY + FLAG_KR + " \n";
        CharTokenizer cp = new CharTokenizer();
        CharTokenizer gr = new CharTokenizer(CharTokenizer.Unit.GRAPHEME);
        // 1 + 2 + 3 + 2 + 5 + 2 + 2 code points; surrogate pairs never split
        assertEquals(17, cp.tokenize(text).size());
        assertEquals(List.of("한", decomposed, jamo, THUMB_MEDIUM, FAMILY, FLAG_KR, " ", "\n"), gr.words(text));
        assertEquals(text, String.join("", cp.words(text)));
        assertEquals(new Token(THUMB_MEDIUM, 6, 10), gr.tokenize(text).get(3));
        assertEquals(new Token("\uD83D\uDC4D", 6, 8), cp.tokenize(text).get(6));
    }

    @Test
    void invisibleFormatCharactersSeparateTokensAndNeverBecomeOnes() {
        // U+200B zero-width space, U+200E left-to-right mark, U+FEFF byte-order mark, U+2060 word joiner.
        String pasted = "\uFEFFI\u200B work\u200E at \u2060google\u200B";
        assertEquals(List.of("I", "work", "at", "google"), new WordTokenizer().words(pasted));
        assertEquals(List.of("I", "work", "at", "google"), new WhitespaceTokenizer().words(pasted));
        assertEquals(List.of(), new WordTokenizer().words("\u200B\u200E\uFEFF"), "nothing visible: no token");
        assertEquals(List.of("a", "b"), new WordTokenizer().words("a\u200Bb"), "a zero-width space splits");
        // The joiners stay: Persian "mi\u200Cravam" is one word, and so is an emoji family.
        assertEquals(List.of("\u0645\u06CC\u200C\u0631\u0648\u0645"),
                new WordTokenizer().words("\u0645\u06CC\u200C\u0631\u0648\u0645"));
        assertEquals(List.of(FAMILY), new WordTokenizer().words(FAMILY));
    }

    @Test
    void wordTokenizerKeepsEmojiSequencesAndMarksTogether() {
        assertEquals(List.of("cafe\u0301", "is", "good", THUMB_MEDIUM, FAMILY, "!!"),
                new WordTokenizer().words("cafe\u0301 is good" + THUMB_MEDIUM + FAMILY + "!!"));
        assertEquals(List.of("東京", "naïve", "Ελλάδα"), new WordTokenizer().words("東京 naïve Ελλάδα"));
    }

    @Test
    void whitespaceTokenizerSplitsOnAnySpace() {
        assertEquals(List.of(new Token("The/at", 0, 6), new Token("jury/nn", 8, 15), new Token("said", 16, 20)),
                new WhitespaceTokenizer().tokenize("The/at \tjury/nn\u00A0said\n"));
    }

    @Test
    void emptyInputGivesNoTokensAndNullIsRejected() {
        for (Tokenizer t : List.of(new WordTokenizer(), new WhitespaceTokenizer(), new CharTokenizer())) {
            assertEquals(List.of(), t.tokenize(""));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.tokenize(null));
            assertEquals("text to tokenize must not be null", e.getMessage());
        }
        assertEquals(List.of(), new WordTokenizer().tokenize("  \n\t "));
    }

    @Test
    void settingsRoundTrip() {
        List<Tokenizer> all = List.of(new WordTokenizer(true, WordTokenizer.Contractions.SPLIT), new WordTokenizer(),
                new CharTokenizer(CharTokenizer.Unit.GRAPHEME, true), new CharTokenizer(), new WhitespaceTokenizer(true));
        for (Tokenizer t : all) {
            assertEquals(t, Tokenizer.fromSettings(t.toSettings()));
        }
        assertEquals(Map.of("kind", "word", "lowerCase", "true", "contractions", "split"), all.get(0).toSettings());
        assertEquals(new WordTokenizer(), Tokenizer.fromSettings(Map.of("kind", "word")));
    }

    @Test
    void badSettingsAreClearErrors() {
        assertEquals("unknown tokenizer kind 'bpe' (expected char, word or whitespace)",
                assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromSettings(Map.of("kind", "bpe"))).getMessage());
        assertEquals("setting 'lowerCase' must be true or false, got 'yes'",
                assertThrows(IllegalArgumentException.class,
                        () -> Tokenizer.fromSettings(Map.of("kind", "word", "lowerCase", "yes"))).getMessage());
        assertEquals("setting 'unit' must be one of [CODE_POINT, GRAPHEME, JAMO], got 'byte'",
                assertThrows(IllegalArgumentException.class,
                        () -> Tokenizer.fromSettings(Map.of("kind", "char", "unit", "byte"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Tokenizer.fromSettings(Map.of("kind", "whitespace", "contractions", "keep"))).getMessage()
                .startsWith("unknown setting 'contractions' for whitespace tokenizer"));
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromSettings(Map.of()));
        Map<String, String> nullKind = new java.util.HashMap<>();
        nullKind.put("kind", null); // what {"kind": null} in a model file's tokenizer.json reads as
        assertEquals("tokenizer settings need a 'kind' entry, got {kind=null}",
                assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromSettings(nullKind)).getMessage());
    }
}
