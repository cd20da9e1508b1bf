package io.rnnkit.translate.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SubwordsTest {
    private static final List<String> KO = List.of("파일을 엽니다.", "파일을 닫습니다.", "창을 엽니다.");

    @Test
    void charactersAreSyllablesWithTheSpaceAsAToken() {
        Subwords s = Subwords.learn(Subwords.Unit.CHARACTERS, 0, 100, KO);
        assertEquals(Subwords.RESERVED, s.tokens().subList(0, 4));
        assertEquals(List.of("창", "을", "▁", "엽", "니", "다", "."), s.pieces("창을 엽니다."));
        // ".", "▁", "니", "다" and "을" occur 3 times each: the most frequent get the smallest ids, ties by text (UTF-16 order).
        assertEquals(List.of(".", "▁", "니", "다", "을"), s.tokens().subList(4, 9));
        for (String text : KO) {
            assertEquals(text, s.decode(s.encode(text)));
        }
        int[] ids = s.encode("책을 엽니다");
        assertEquals(Subwords.UNK, ids[0]);
        assertEquals("\uFFFD을 엽니다", s.decode(ids));
        assertEquals("을", s.decode(new int[] {Subwords.BOS, s.encode("을")[0], Subwords.EOS, Subwords.PAD}));
    }

    @Test
    void bpeMarksTheFirstWordLikeAnyOther() {
        List<String> en = List.of("Opens the dialog.", "Closes the dialog.", "the dialog opens", "dialog");
        Subwords s = Subwords.learn(Subwords.Unit.BPE, 50, 100, en);
        List<String> first = s.pieces("dialog");
        List<String> inside = s.pieces("the dialog");
        assertEquals("▁dialog", first.get(0));
        assertEquals(first, inside.subList(inside.size() - first.size(), inside.size()));
        for (String text : en) {
            assertEquals(text, s.decode(s.encode(text)));
        }
    }

    @Test
    void normalisesWhiteSpaceAndTheSpaceMark() {
        assertEquals("a b c", Subwords.normalise("  a \t b\n\u2581c  "));
        Subwords s = Subwords.learn(Subwords.Unit.BPE, 10, 100, List.of("a b", "a c"));
        assertEquals(s.pieces("a b"), s.pieces(" a\u2581 b "));
        assertEquals(List.of(), s.pieces("   "));
        assertArrayEquals(new int[0], s.encode(""));
    }

    @Test
    void rebuiltFromItsPartsEncodesTheSame() {
        Subwords s = Subwords.learn(Subwords.Unit.BPE, 30, 8, KO);
        assertEquals(8, s.size());
        Subwords back = Subwords.of(Subwords.Unit.BPE, s.tokens(), s.merges());
        for (String text : List.of("파일을 엽니다.", "새 창을 닫습니다")) {
            assertArrayEquals(s.encode(text), back.encode(text));
        }
        assertThrows(IllegalArgumentException.class, () -> Subwords.of(Subwords.Unit.CHARACTERS,
                List.of("a", "b"), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Subwords.learn(Subwords.Unit.CHARACTERS, 0, 4, KO));
        assertEquals("maxVocabulary must be more than 4, got 4", e.getMessage());
        assertEquals(Subwords.Unit.BPE, Subwords.Unit.parse("BPE"));
        assertEquals(Subwords.Unit.CHARACTERS, Subwords.Unit.parse("char"));
        assertEquals("unknown token unit 'word' (expected char or bpe)",
                assertThrows(IllegalArgumentException.class, () -> Subwords.Unit.parse("word")).getMessage());
    }
}
