package io.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fuzz targets for the tokenizers: any string tokenizes without an exception, and the tokens keep their
 * promises (offsets inside the input and in order, text equal to the span, nothing but whitespace dropped).
 * Regression inputs live in {@code TokenizerFuzzTestInputs/<method>/}; {@code scripts/fuzz} fuzzes them.
 */
class TokenizerFuzzTest {
    /** The tokenizers, chosen by the first input byte. */
    private static final List<Tokenizer> TOKENIZERS = List.of(
            new CharTokenizer(CharTokenizer.Unit.CODE_POINT, false),
            new CharTokenizer(CharTokenizer.Unit.CODE_POINT, true),
            new CharTokenizer(CharTokenizer.Unit.GRAPHEME, false),
            new CharTokenizer(CharTokenizer.Unit.GRAPHEME, true),
            new WordTokenizer(false, WordTokenizer.Contractions.KEEP),
            new WordTokenizer(true, WordTokenizer.Contractions.KEEP),
            new WordTokenizer(false, WordTokenizer.Contractions.SPLIT),
            new WordTokenizer(true, WordTokenizer.Contractions.SPLIT),
            new WhitespaceTokenizer(false),
            new WhitespaceTokenizer(true));

    /**
     * Byte 0 picks the tokenizer (low 4 bits) and how the rest is read: UTF-8 (bit 4 clear), or as raw UTF-16
     * chars, two bytes each, so that unpaired surrogates reach the tokenizer too (bit 4 set).
     */
    @DictionaryEntries({"n't", "'s", "'ll", "\u2019", "-", ".", ",", "\u00A0", "\u2003",
            // case mappings that change the length, combining marks, joiners, emoji modifiers, flags, a surrogate pair
            "\u0130", "\u00DF", "\u1E9E", "\u0149", "\u0301", "\u200D", "\uFE0F", "\uD83C\uDFFD", "\uD83C\uDDF0",
            "\uD83D\uDC4D", "\u1112\u1161\u11AB"})
    @FuzzTest
    void tokenize(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Tokenizer tokenizer = TOKENIZERS.get((input[0] & 0x0F) % TOKENIZERS.size());
        String text = (input[0] & 0x10) == 0 ? new String(input, 1, input.length - 1, StandardCharsets.UTF_8)
                : utf16(input);
        List<Token> tokens = tokenizer.tokenize(text);

        boolean lowerCase = tokenizer.toSettings().get("lowerCase").equals("true");
        int previousEnd = 0;
        for (Token t : tokens) {
            assertTrue(t.start() >= previousEnd && t.end() > t.start() && t.end() <= text.length(),
                    () -> "token " + t + " out of order or outside [0, " + text.length() + ")");
            String span = text.substring(t.start(), t.end());
            assertEquals(lowerCase ? span.toLowerCase(Locale.ROOT) : span, t.text(), "token text is its span");
            if (tokenizer instanceof CharTokenizer c) {
                assertEquals(previousEnd, t.start(), "character tokens are contiguous");
                assertTrue(c.unit() == CharTokenizer.Unit.GRAPHEME || span.codePointCount(0, span.length()) == 1,
                        () -> "one code point per token: " + t);
            } else {
                assertOnlySpaces(text, previousEnd, t.start(), tokenizer);
            }
            if (tokenizer instanceof WhitespaceTokenizer) {
                assertTrue(span.codePoints().noneMatch(WhitespaceTokenizer::isSpace), "no space inside " + t);
            }
            previousEnd = t.end();
        }
        if (tokenizer instanceof CharTokenizer) {
            assertEquals(text.length(), previousEnd, "character tokens cover the whole input");
        } else {
            assertOnlySpaces(text, previousEnd, text.length(), tokenizer);
        }
        assertEquals(tokenizer, Tokenizer.fromSettings(tokenizer.toSettings()), "settings rebuild the tokenizer");
    }

    /** Bytes 1, 2, … as big-endian UTF-16 chars, unpaired surrogates kept (a decoder would replace them). */
    static String utf16(byte[] input) {
        char[] chars = new char[(input.length - 1) / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((input[1 + 2 * i] & 0xFF) << 8 | input[2 + 2 * i] & 0xFF);
        }
        return new String(chars);
    }

    /** Between tokens only whitespace may be dropped. */
    private static void assertOnlySpaces(String text, int from, int to, Tokenizer tokenizer) {
        String gap = text.substring(from, to);
        assertTrue(gap.codePoints().allMatch(WhitespaceTokenizer::isSpace),
                () -> tokenizer + " dropped non-space text at [" + from + ", " + to + ")");
    }

    /**
     * Settings maps as a model file may hold them (lines {@code key=value}; a line without {@code =} maps its key
     * to null, as JSON's {@code null} does): each is rebuilt into a tokenizer or refused with an
     * {@link IllegalArgumentException}, and a rebuilt one describes itself the same way.
     */
    @FuzzTest
    void fromSettings(byte[] input) {
        Map<String, String> settings = new HashMap<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            int eq = line.indexOf('=');
            settings.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? null : line.substring(eq + 1));
        }
        Tokenizer tokenizer;
        try {
            tokenizer = Tokenizer.fromSettings(settings);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a message says why");
            return;
        }
        assertEquals(tokenizer, Tokenizer.fromSettings(tokenizer.toSettings()));
    }
}
