package io.rnnkit.translate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.datasets.DerivedDatasets;
import io.rnnkit.translate.SentencePair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytePairEncodingTest {
    /** Sennrich et al.'s example words (without their end-of-word mark): the order of the first merges. */
    @Test
    void mergesTheMostFrequentPairFirstAndBreaksTiesByText() {
        List<String> texts = new ArrayList<>();
        texts.addAll(Collections.nCopies(5, "low"));
        texts.addAll(Collections.nCopies(2, "lower"));
        texts.addAll(Collections.nCopies(6, "newest"));
        texts.addAll(Collections.nCopies(3, "widest"));
        BytePairEncoding bpe = BytePairEncoding.learn(texts, 5, 1);
        // es and st both occur 9 times: "e s" sorts first; then "es t" (9), "l o" and "lo w" (7), "e w" (6).
        assertEquals(List.of("e s", "es t", "l o", "lo w", "e w"), bpe.merges());
        assertEquals(List.of("low", "est"), bpe.encode("lowest"));
        assertEquals(List.of("n", "ew", "est"), bpe.encode("newest"));
        // A pair must occur minCount times: with 7, only the four merges of pairs seen 7 times or more are learned.
        assertEquals(List.of("e s", "es t", "l o", "lo w"), BytePairEncoding.learn(texts, 100, 7).merges());
        assertEquals(BytePairEncoding.learn(texts, 50, 1).merges(), BytePairEncoding.learn(texts, 50, 1).merges());
    }

    @Test
    void spacesBecomeMarksOnTheNextWordAndEveryTextComesBackExactly() {
        BytePairEncoding bpe = BytePairEncoding.learn(List.of("파일을 엽니다.", "파일을 닫습니다.", "창을 엽니다."), 20, 2);
        // Words are split at spaces only, so punctuation stays on its word and merges with it.
        assertEquals(List.of("파일을", "▁엽니다."), bpe.encode("파일을 엽니다."));
        // "창을" starts a text once (below minCount 2) and stays spelled out; "니다." (three times) is one piece.
        assertEquals(List.of("창", "을", "▁", "닫", "습", "니다."), bpe.encode("창을 닫습니다."));
        for (String text : List.of("파일을 엽니다.", "", " ", "  앞뒤  공백  ", "탭\t과\n줄", "Opens the Print dialog.",
                "👍🏽 이모지 \uD83D\uDC68\u200D\uD83D\uDC69 family", "ID가 1234인 도움말")) {
            assertEquals(text, BytePairEncoding.decode(bpe.encode(text)), text);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> bpe.encode("a \u2581 b"));
        assertTrue(e.getMessage().startsWith("text holds U+2581"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BytePairEncoding.learn(List.of("a"), -1, 1));
    }

    /** On the Korean side of the training pairs, frequent endings become single pieces. */
    @Test
    void learnsKoreanEndingsFromTheHelpPairs() {
        assumeTrue(Datasets.isPresent(DerivedDatasets.EN_KO_HELP_PAIRS), "scripts/fetch-datasets en-ko-help-pairs");
        List<String> korean = SentencePair.readTsv(Datasets.file(DerivedDatasets.EN_KO_HELP_PAIRS, "train.tsv"))
                .stream().map(SentencePair::target).toList();
        BytePairEncoding bpe = BytePairEncoding.learn(korean, 2000, 2);
        assertEquals(2000, bpe.merges().size());
        List<String> pieces = bpe.encode("선택한 파일을 엽니다.");
        assertEquals(List.of("선택한", "▁파일을", "▁엽니다."), pieces);
        assertTrue(bpe.encode("폰트워크 맞춤 창을 엽니다.").size() < "폰트워크맞춤창을엽니다.".length(), "fewer pieces than characters");
        for (String k : korean.subList(0, 500)) {
            assertEquals(k, BytePairEncoding.decode(bpe.encode(k)));
        }
    }
}
