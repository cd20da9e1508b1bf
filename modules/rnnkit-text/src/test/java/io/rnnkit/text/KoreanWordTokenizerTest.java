package io.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.datasets.DerivedDatasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Korean through {@link WordTokenizer}: split on spaces and punctuation only, so a particle or an ending stays on
 * its word (창을 = 창 + 을 is one token). The sentences are from the Korean LibreOffice help (libreoffice-help-ko,
 * MPL-2.0), the text of the {@code ko-help-text} dataset.
 */
class KoreanWordTokenizerTest {
    private final WordTokenizer words = new WordTokenizer();

    @Test
    void particlesAndEndingsStayOnTheirWord() {
        assertEquals(List.of("조사식", "창을", "사용하면", "프로그램", "실행", "중에", "변수", "값을", "관찰할", "수",
                        "있습니다", "."),
                words.words("조사식 창을 사용하면 프로그램 실행 중에 변수 값을 관찰할 수 있습니다."));
        assertEquals(List.of("사용자", "정의", "(", "데이터", ")", "파일을", "작성", "및", "관리하려면", "파일", "I", "/",
                        "O", "함수를", "사용합니다", "."),
                words.words("사용자 정의 (데이터) 파일을 작성 및 관리하려면 파일 I/O 함수를 사용합니다."));
    }

    @Test
    void punctuationIsSplitOffButAParticleAfterLatinOrDigitsStays() {
        // "ID가" and "1234인": a particle written straight after Latin letters or digits is part of that word.
        assertEquals(List.of("예를", "들어", ",", "HID", ":", "1234", "는", "ID가", "1234인", "도움말을", "호출합니다", "."),
                words.words("예를 들어, HID:1234 는 ID가 1234인 도움말을 호출합니다."));
        assertEquals(List.of("\"", "...", "\"", "버튼을", "클릭하여", "파일을", "선택합니다", "."),
                words.words("\"...\" 버튼을 클릭하여 파일을 선택합니다."));
        assertEquals(List.of("스택", "호출", "창", "(", "호출", ")"), words.words("스택 호출 창(호출)"));
    }

    @Test
    void offsetsPointIntoTheOriginalText() {
        String text = "새 모듈을 현재 라이브러리에 삽입합니다.";
        List<Token> tokens = words.tokenize(text);
        assertEquals(new Token("모듈을", 2, 5), tokens.get(1));
        for (Token t : tokens) {
            assertEquals(t.text(), text.substring(t.start(), t.end()));
        }
    }

    /**
     * On the whole held-out help text: every space-separated chunk of Hangul syllables alone (no punctuation, digits
     * or Latin in it) comes back as exactly one token, the same chunk. A tokenizer that split particles off would
     * fail on thousands of them.
     */
    @Test
    void everyHangulChunkOfTheHelpTextIsOneToken() throws IOException {
        assumeTrue(Datasets.isPresent(DerivedDatasets.KO_HELP_TEXT), "ko-help-text not fetched");
        Path test = Datasets.file(DerivedDatasets.KO_HELP_TEXT, "test.txt");
        int chunks = 0;
        for (String line : Files.readAllLines(test, StandardCharsets.UTF_8)) {
            List<String> expected = new ArrayList<>();
            boolean allHangul = !line.isBlank();
            for (String chunk : line.trim().split("\\s+")) {
                if (chunk.isEmpty() || !chunk.chars().allMatch(Hangul::isSyllable)) {
                    allHangul = false;
                    break;
                }
                expected.add(chunk);
            }
            if (allHangul) {
                assertEquals(expected, words.words(line), line);
                chunks += expected.size();
            }
        }
        assertTrue(chunks > 1_000, "only " + chunks + " Hangul chunks checked");
    }
}
