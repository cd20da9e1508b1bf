package io.rnnkit.translate.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.translate.SentencePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslationMemoryTest {
    private static final List<SentencePair> PAIRS = List.of(
            new SentencePair("Opens the Print dialog.", "[인쇄] 대화 상자를 엽니다."),
            new SentencePair("Opens the Fontwork Alignment window.", "[폰트워크 맞춤] 창을 엽니다."),
            new SentencePair("Deletes the selected module.", "선택한 모듈을 삭제합니다."),
            new SentencePair("Inserts a new module into the current library.", "새 모듈을 현재 라이브러리에 삽입합니다."));

    @Test
    void findsTheStoredSentenceMostLikeTheQuery() {
        TranslationMemory memory = TranslationMemory.of(PAIRS);
        assertEquals(4, memory.size());
        TranslationMemory.Match exact = memory.lookup("Opens the Print dialog.");
        assertEquals(0, exact.index());
        assertEquals(1.0, exact.similarity(), 1e-6);
        // Case is ignored; a near sentence finds its neighbour, with a similarity below 1.
        assertEquals("[폰트워크 맞춤] 창을 엽니다.", memory.translate("opens the fontwork alignment dialog"));
        TranslationMemory.Match near = memory.lookup("Deletes the selected modules.");
        assertEquals(2, near.index());
        assertTrue(near.similarity() > 0.8 && near.similarity() < 1, near.toString());
        // Unknown n-grams make the query far from everything.
        assertTrue(memory.lookup("Deletes ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ").similarity() < near.similarity() / 2);
        // Only the padding spaces of an empty query are n-grams: it is near nothing.
        assertTrue(memory.lookup("").similarity() < 0.5);
    }

    @Test
    void nGramSizesAndBadSettingsAreChecked() {
        TranslationMemory memory = TranslationMemory.of(PAIRS, 3, 3);
        assertEquals(List.of(" ab", "abc", "bc "), memory.ngrams("Abc"));
        var e = assertThrows(IllegalArgumentException.class, () -> TranslationMemory.of(List.of()));
        assertEquals("a translation memory needs at least one sentence pair", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TranslationMemory.of(PAIRS, 3, 2));
    }

    @Test
    void pairsAreReadFromTsvWithTheirErrorsNamed(@TempDir Path dir) throws Exception {
        Path ok = Files.writeString(dir.resolve("p.tsv"), "en\tko\tsource\nOpens.\t엽니다.\tpage#1\n\nCloses.\t닫습니다.\n");
        assertEquals(List.of(new SentencePair("Opens.", "엽니다."), new SentencePair("Closes.", "닫습니다.")),
                SentencePair.readTsv(ok));
        Path bad = Files.writeString(dir.resolve("b.tsv"), "en\tko\nno tab here\n");
        var e = assertThrows(IllegalArgumentException.class, () -> SentencePair.readTsv(bad));
        assertEquals(bad + ":2: expected source<TAB>target", e.getMessage());
        Path latin1 = Files.write(dir.resolve("l.tsv"), "en\tko\ncaf\u00e9\tx\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        e = assertThrows(IllegalArgumentException.class, () -> SentencePair.readTsv(latin1));
        assertEquals(latin1 + " is not valid UTF-8 text", e.getMessage());
    }
}
