package io.rnnkit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo on the built-in models: every section produces what the README shows. */
class DemoTest {
    @Test
    void demoRunsOnTheBuiltinModels() {
        Demo.Result r = Demo.runExample("--length", "40", "--seed", "7");
        assertEquals(40, r.sample().sample().codePointCount(0, r.sample().sample().length()));
        assertTrue(r.sample().text().startsWith("Call me Ishmael. "), r.sample().text());
        assertEquals(r.sample().text(), Demo.runExample("--length", "40", "--seed", "7").sample().text(),
                "the same seed samples the same text");

        assertEquals(List.of("I", "work", "at", "google"), r.tagged().words());
        assertEquals(List.of("PRON", "VERB", "ADP", "NOUN"), r.tagged().tags());

        assertEquals(Demo.REVIEWS.size(), r.sentiment().size());
        for (var s : r.sentiment()) {
            assertEquals(1.0, s.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
        }
        assertEquals("1", r.sentiment().get(1).label(), "'Absolutely loved the food' is positive");
        assertEquals("0", r.sentiment().get(3).label(), "'I would not recommend this phone' is negative");

        assertEquals(7, r.forecast().days().size());
        assertEquals(LocalDate.parse("2015-12-25"), r.forecast().days().get(0).date());
        for (int i = 0; i < 7; i++) {
            assertTrue(Double.isFinite(r.actual()[i]), "actual of day " + i);
            assertTrue(Math.abs(r.forecast().days().get(i).value() - r.actual()[i]) < 15,
                    "a December forecast within 15 °C of the actual");
        }

        assertEquals(Demo.ENGLISH.size(), r.korean().size());
        var trainingEnglish = io.rnnkit.translate.SentencePair.readTsv(io.rnnkit.datasets.Datasets.file(
                io.rnnkit.datasets.DerivedDatasets.EN_KO_HELP_PAIRS, "train.tsv")).stream()
                .map(io.rnnkit.translate.SentencePair::source).collect(java.util.stream.Collectors.toSet());
        for (String english : Demo.ENGLISH) {
            assertTrue(!trainingEnglish.contains(english), english + " is a training sentence");
        }
        for (int i = 0; i < Demo.ENGLISH.size(); i++) {
            assertEquals(Demo.ENGLISH.get(i), r.korean().get(i).source());
            assertTrue(r.korean().get(i).text().codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL), r.korean().get(i).text());
        }
    }
}
