package io.rnnkit.tagger.eval;

import io.rnnkit.tagger.MostFrequentTagger;
import io.rnnkit.tagger.TestSentences;
import io.rnnkit.text.io.TaggedSentence;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaggingEvaluationTest {
    private static final List<TaggedSentence> TRAIN = List.of(
            TestSentences.of(List.of("I", "work", "at", "home"), List.of("PRON", "VERB", "ADP", "NOUN")),
            TestSentences.of(List.of("the", "work", "is", "hard"), List.of("DET", "NOUN", "VERB", "ADJ")),
            TestSentences.of(List.of("they", "work", "at", "night"), List.of("PRON", "VERB", "ADP", "NOUN")));

    @Test
    void mostFrequentTagBaselineAndScores() {
        MostFrequentTagger baseline = MostFrequentTagger.train(TRAIN);
        assertEquals("NOUN", baseline.fallbackTag()); // NOUN 3, PRON 2, VERB 3: tie broken alphabetically
        assertEquals(List.of("PRON", "VERB", "ADP", "NOUN"), baseline.tag(List.of("I", "work", "at", "google")));

        List<TaggedSentence> test = List.of(
                TestSentences.of(List.of("I", "work", "at", "google"), List.of("PRON", "VERB", "ADP", "NOUN")),
                TestSentences.of(List.of("the", "work", "runs"), List.of("DET", "NOUN", "VERB")));
        TaggingEvaluation ev = TaggingEvaluation.evaluate(baseline, test, TaggingEvaluation.vocabulary(TRAIN));
        assertEquals(7, ev.tokens());
        assertEquals(5, ev.correct());  // "work" as NOUN and "runs" (unknown -> NOUN) are wrong
        assertEquals(2, ev.unknownTokens());
        assertEquals(1, ev.unknownCorrect());
        assertEquals(5.0 / 7, ev.accuracy(), 1e-12);
        assertEquals(0.5, ev.unknownAccuracy(), 1e-12);
        TagScore noun = ev.perTag().stream().filter(t -> t.tag().equals("NOUN")).findFirst().orElseThrow();
        assertEquals(2, noun.support());
        assertEquals(2, noun.predicted());
        assertEquals(1, noun.correct());
        assertEquals(0.5, noun.f1(), 1e-12);
        assertEquals(List.of(new Confusion("NOUN", "VERB", 1), new Confusion("VERB", "NOUN", 1)), ev.confusions());

        Map<String, Object> m = ev.toMap();
        assertEquals(5.0 / 7, (double) m.get("accuracy"), 1e-12);
        assertEquals(0.5, (double) m.get("unknown_accuracy"), 1e-12);
        assertEquals(7L, m.get("tokens"));
        String json = ev.toJson();
        assertTrue(json.contains("\"unknown_accuracy\" : 0.5"), json);
        assertTrue(ev.summary().startsWith("accuracy 71.43 % on 7 tokens; unknown words 50.00 % on 2 tokens"));
    }

    @Test
    void mismatchedPredictionIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TaggingEvaluation.score(TRAIN.subList(0, 1), List.of(List.of("PRON")), Set.of()));
        assertEquals("<memory>: 4 words but 1 predicted tags", e.getMessage());
    }
}
