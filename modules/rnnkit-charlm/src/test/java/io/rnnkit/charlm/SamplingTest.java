package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingTest {

    private static SamplingOptions.Builder opts() {
        return SamplingOptions.builder().prefix("Shall I ").length(60).seed(11);
    }

    @Test
    void sameSeedSameTextDifferentSeedDifferentText() {
        CharLanguageModel m = SmallModels.lstm();
        GeneratedText a = m.sample(opts().build());
        GeneratedText b = m.sample(opts().build());
        GeneratedText c = m.sample(opts().seed(12).build());
        assertEquals(a.samples(), b.samples());
        assertNotEquals(a.sample(), c.sample());
        assertEquals(60, a.sample().codePointCount(0, a.sample().length()));
        assertEquals("Shall I ", a.prefix());
        assertEquals(11, a.seed());
        assertTrue(a.warnings().isEmpty());
    }

    @Test
    void nearZeroTemperatureAndTopKOneAreGreedy() {
        for (CharLanguageModel m : List.of(SmallModels.lstm(), SmallModels.gru())) {
            String greedy = m.sample(opts().greedy().build()).sample();
            assertEquals(greedy, m.sample(opts().greedy().seed(99).build()).sample(), "greedy ignores the seed");
            assertEquals(greedy, m.sample(opts().temperature(1e-4).build()).sample());
            assertEquals(greedy, m.sample(opts().topK(1).temperature(3).build()).sample());
            assertEquals(greedy, m.sample(opts().topP(1e-9).build()).sample(), "tiny nucleus keeps only the top");
        }
    }

    @Test
    void topPOneAndTopKOfWholeVocabularyChangeNothing() {
        CharLanguageModel m = SmallModels.lstm();
        String plain = m.sample(opts().build()).sample();
        assertEquals(plain, m.sample(opts().topP(1.0).build()).sample());
        assertEquals(plain, m.sample(opts().topK(m.vocabulary().size()).build()).sample());
        assertEquals(plain, m.sample(opts().topK(10_000).build()).sample());
    }

    @Test
    void batchOfSamplesMatchesStreamedCharacters() {
        CharLanguageModel m = SmallModels.lstm();
        StringBuilder[] streamed = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
        GeneratedText g = m.sample(opts().count(3).build(), (s, ch) -> streamed[s].append(ch));
        assertEquals(3, g.samples().size());
        for (int s = 0; s < 3; s++) {
            assertEquals(g.samples().get(s), streamed[s].toString());
        }
        assertTrue(g.charsPerSecond() > 0);
        // Each sample has its own random stream: sample 0 is the single sample of the seed, the others differ.
        assertEquals(m.sample(opts().build()).sample(), g.samples().get(0));
        assertNotEquals(g.samples().get(0), g.samples().get(1));
    }

    @Test
    void firstOfABatchEqualsGreedySingleSample() {
        // Rows of a batch are independent: greedy rows must all equal the single greedy sample.
        CharLanguageModel m = SmallModels.gru();
        String single = m.sample(opts().greedy().build()).sample();
        GeneratedText batch = m.sample(opts().greedy().count(4).build());
        for (String s : batch.samples()) {
            assertEquals(single, s);
        }
    }

    @Test
    void characterIteratorStreamsTheSameTextEvenWhenInterleaved() {
        CharLanguageModel m = SmallModels.lstm();
        String expected = m.sample(opts().build()).sample();
        Iterator<String> it = m.characters(opts().build());
        List<String> chars = new ArrayList<>();
        while (it.hasNext()) {
            chars.add(it.next());
            if (chars.size() == 10) {
                m.sample(opts().seed(5).build()); // disturbs the network's state; the iterator must not notice
                m.evaluate("Shall I compare thee");
            }
        }
        assertEquals(expected, String.join("", chars));
        assertThrows(java.util.NoSuchElementException.class, it::next);
        assertThrows(IllegalArgumentException.class, () -> m.characters(opts().count(2).build()));
    }

    @Test
    void emptyPrefixStartsAfterALineBreak() {
        CharLanguageModel m = SmallModels.lstm();
        GeneratedText g = m.sample(opts().prefix("").build());
        assertEquals("", g.prefix());
        assertEquals(60, g.sample().length());
        assertEquals(g.sample(), m.sample(opts().prefix("").build()).sample());
    }

    @Test
    void unknownPrefixCharactersFollowThePolicy() {
        CharLanguageModel m = SmallModels.lstm();
        GeneratedText skipped = m.sample(opts().prefix("Shall€ I ").build());
        assertEquals("Shall I ", skipped.prefix());
        assertEquals(m.sample(opts().build()).sample(), skipped.sample());
        assertEquals(1, skipped.warnings().size());
        assertTrue(skipped.warnings().get(0).contains("'€' (U+20AC)"), skipped.warnings().get(0));

        GeneratedText unk = m.sample(opts().prefix("Shall€ I ").unknownChars(UnknownCharPolicy.UNK).build());
        assertEquals("Shall€ I ", unk.prefix());
        assertEquals(60, unk.sample().length());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.sample(opts().prefix("Shall€ I ").unknownChars(UnknownCharPolicy.FAIL).build()));
        assertEquals("the prefix has characters this model never saw in training: '€' (U+20AC)", e.getMessage());

        GeneratedText onlyUnknown = m.sample(opts().prefix("€€").build());
        assertEquals("", onlyUnknown.prefix());
        assertEquals(m.sample(opts().prefix("").build()).sample(), onlyUnknown.sample());
    }

    @Test
    void neverGeneratesPaddingOrUnknown() {
        CharLanguageModel m = SmallModels.lstm();
        GeneratedText g = m.sample(opts().temperature(5).length(300).count(2).build());
        for (String s : g.samples()) {
            assertTrue(!s.contains("<pad>") && !s.contains("<unk>"), s);
        }
    }
}
