package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rnnkit.text.io.LabelledText;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SentimentDataTest {
    @Test
    void uciSentencesArePooledAndBalancedWithFixedFolds() {
        List<LabelledText> data = SentimentData.uciSentences();
        assertEquals(3000, data.size());
        Map<String, Long> counts = data.stream().collect(Collectors.groupingBy(LabelledText::label, Collectors.counting()));
        assertEquals(Map.of("0", 1500L, "1", 1500L), counts);
        assertEquals(List.of("0", "1"), Labels.of(data).names());
        assertEquals("A very, very, very slow-moving, aimless movie about a distressed, drifting young man.  ", data.get(0).text());
        List<StratifiedSplit.Split> folds = StratifiedSplit.folds(data.stream().map(LabelledText::label).toList(), 10, 42);
        for (StratifiedSplit.Split f : folds) {
            assertEquals(300, f.test().length);
            assertEquals(150, java.util.Arrays.stream(f.test()).filter(i -> data.get(i).label().equals("1")).count());
        }
    }
}
