package io.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class HangulTest {
    @Test
    void aSyllableIsItsLeadingConsonantVowelAndTrailingConsonant() {
        assertEquals("\u1112\u1161\u11AB", Hangul.decompose("한"));
        assertEquals("\u1100\u1161", Hangul.decompose("가"), "no trailing consonant: two jamo");
        assertEquals("\u1112\u1175\u11C2", Hangul.decompose("힣"));
        assertEquals("한", Hangul.compose("\u1112\u1161\u11AB"));
    }

    @Test
    void everyModernSyllableRoundTripsAndAgreesWithUnicodeCanonicalDecomposition() {
        for (char c = Hangul.FIRST_SYLLABLE; c <= Hangul.LAST_SYLLABLE; c++) {
            String s = String.valueOf(c);
            String jamo = Hangul.decompose(s);
            assertEquals(Normalizer.normalize(s, Normalizer.Form.NFD), jamo, s);
            assertEquals(s, Hangul.compose(jamo), s);
        }
        assertEquals(11_172, Hangul.LAST_SYLLABLE - Hangul.FIRST_SYLLABLE + 1);
    }

    @Test
    void mixedTextRoundTripsExactlyAndOnlyHangulIsTouched() {
        String text = "[폰트워크 맞춤] 창을 엽니다. LibreOffice 7.4의 café, ㅋㅋ 👍🏽 100%!\n다음 줄";
        String jamo = Hangul.decompose(text);
        assertEquals(text, Hangul.compose(jamo));
        assertTrue(jamo.contains("café") && jamo.contains("LibreOffice 7.4") && jamo.contains("ㅋㅋ 👍🏽 100%!"),
                "Latin, accents, compatibility jamo and emoji are kept as written: " + jamo);
        assertFalse(Hangul.hasConjoiningJamo(text));
        assertTrue(Hangul.hasConjoiningJamo(jamo));
        assertEquals(15, Hangul.countSyllables(text));
        assertEquals(0, Hangul.countSyllables(jamo));
    }

    @Test
    void jamoThatStartNoSyllableStayAsTheyAre() {
        assertEquals("\u1100x", Hangul.compose("\u1100x"), "a leading consonant without a vowel");
        assertEquals("\u1161", Hangul.compose("\u1161"), "a vowel alone");
        assertEquals("각\u11A8", Hangul.compose("\u1100\u1161\u11A8\u11A8"), "one trailing consonant per syllable");
    }

    @Test
    void textWithItsOwnConjoiningJamoIsRefusedNamingTheCharacter() {
        // Old-style letter ᅀ (U+1140) in a Middle Korean spelling, and decomposed modern text.
        var e = assertThrows(IllegalArgumentException.class,
                () -> Hangul.requireNoConjoiningJamo("ab\u1140\u1161", "old.txt"));
        assertEquals("old.txt: character 3 is a conjoining jamo (U+1140); jamo units need text written in syllables "
                + "(compose it first, e.g. with Hangul.compose, or use syllable units)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Hangul.requireNoConjoiningJamo(Normalizer.normalize("한국어", Normalizer.Form.NFD), "nfd.txt"));
        Hangul.requireNoConjoiningJamo("한국어 ㄱㄴㄷ", "ok.txt");
    }

    @Test
    void theCharacterTokenizerReadsKoreanBySyllableOrByLetter() {
        String text = "파일을 엽니다.";
        CharTokenizer syllables = new CharTokenizer(CharTokenizer.Unit.CODE_POINT);
        CharTokenizer letters = new CharTokenizer(CharTokenizer.Unit.JAMO);
        assertEquals(java.util.List.of("파", "일", "을", " ", "엽", "니", "다", "."), syllables.words(text));
        var jamo = letters.tokenize(text);
        assertEquals(java.util.List.of("\u1111", "\u1161", "\u110B", "\u1175", "\u11AF"),
                jamo.subList(0, 5).stream().map(Token::text).toList());
        assertEquals(new Token("\u11AF", 1, 2), jamo.get(4), "a letter carries its syllable's offsets");
        assertEquals(text, Hangul.compose(String.join("", letters.words(text))));
        assertEquals(letters, Tokenizer.fromSettings(letters.toSettings()));
        assertThrows(IllegalArgumentException.class, () -> letters.tokenize("\u1112\u1161\u11AB"));
    }
}
