package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.datasets.DerivedDatasets;
import io.rnnkit.text.CharTokenizer;
import io.rnnkit.text.Hangul;
import io.rnnkit.text.Vocabulary;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Korean character models: syllables (code points) and jamo, scored in the same units, sampled as syllables. */
class JamoModelTest {
    private static CharLanguageModel jamo;
    private static CharLanguageModel syllables;

    static String help() {
        try {
            return Files.readString(Datasets.file(DerivedDatasets.KO_HELP_TEXT, "train.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized CharLanguageModel jamo() {
        if (jamo == null) {
            jamo = CharLanguageModel.train(SmallModels.config(Cell.LSTM).unit(CharTokenizer.Unit.JAMO).build(),
                    help().substring(0, 5000));
        }
        return jamo;
    }

    static synchronized CharLanguageModel syllables() {
        if (syllables == null) {
            syllables = CharLanguageModel.train(SmallModels.config(Cell.LSTM).build(), help().substring(0, 5000));
        }
        return syllables;
    }

    @Test
    void aJamoModelsVocabularyHasLettersNotSyllables() {
        Vocabulary v = jamo().vocabulary();
        boolean anyJamo = false;
        for (int i = Vocabulary.RESERVED; i < v.size(); i++) {
            int cp = v.token(i).codePointAt(0);
            assertFalse(Hangul.isSyllable(cp), "syllable in a jamo vocabulary: " + v.token(i));
            anyJamo |= Hangul.isConjoiningJamo(cp);
        }
        assertTrue(anyJamo);
        assertEquals(CharTokenizer.Unit.JAMO, jamo().config().unit());
        // The same text read by syllables needs far more entries (every distinct syllable is one).
        assertTrue(syllables().vocabulary().size() > 2 * v.size(),
                syllables().vocabulary().size() + " vs " + v.size());
    }

    @Test
    void bothUnitsScoreTheSameTextInTheSameUnits() {
        String text = help().substring(6000, 7500);
        long codePoints = text.codePointCount(0, text.length());
        long hangul = Hangul.countSyllables(text);
        for (CharLanguageModel m : List.of(jamo(), syllables())) {
            // With context every character is predicted, whichever way it is scored.
            for (Evaluation e : List.of(m.evaluate("가", text), m.evaluateDynamic("가", text, 50, 0.01),
                    m.evaluate("가", new StringReader(text), EvaluationOptions.batched()))) {
                assertEquals(codePoints, e.chars());
                assertEquals(hangul, e.syllables());
                assertEquals(e.bpc() * e.chars() / e.syllables(), e.bitsPerSyllable(), 1e-9);
            }
            // Without context the first symbol is only read: a syllable read as jamo is still predicted (from its
            // second letter), one read as one symbol is not.
            for (String t : List.of(text, "x" + text)) {
                boolean firstPredicted = m == jamo() && Hangul.isSyllable(t.charAt(0));
                long expected = t.codePointCount(0, t.length()) - (firstPredicted ? 0 : 1);
                long expectedSyllables = Hangul.countSyllables(t)
                        - (!firstPredicted && Hangul.isSyllable(t.charAt(0)) ? 1 : 0);
                for (Evaluation e : List.of(m.evaluate(t), m.evaluate(new StringReader(t)),
                        m.evaluateDynamic("", t, 50, 0.01))) {
                    assertEquals(expected, e.chars(), m.config().unit() + " " + t.charAt(0));
                    assertEquals(expectedSyllables, e.syllables());
                }
            }
        }
        Evaluation j = jamo().evaluate("가", text);
        Evaluation s = syllables().evaluate("가", text);
        // The jamo model predicts two or three symbols per syllable, the syllable model one.
        assertEquals(codePoints, s.symbols());
        assertEquals(Hangul.decompose(text).length(), j.symbols());
        // Bits of a text character: the jamo model's bits per symbol times symbols per character.
        assertTrue(j.symbols() > j.chars());
    }

    @Test
    void sequentialAndBatchedAgreeForJamo() {
        String text = help().substring(8000, 12000);
        Evaluation seq = jamo().evaluate("", new StringReader(text), EvaluationOptions.sequential());
        Evaluation bat = jamo().evaluate("", new StringReader(text), new EvaluationOptions(4, 512, 4000));
        assertEquals(seq.chars(), bat.chars());
        assertEquals(seq.syllables(), bat.syllables());
        assertEquals(seq.symbols(), bat.symbols());
        assertEquals(seq.bpc(), bat.bpc(), 1e-4);
    }

    @Test
    void samplesAreWholeSyllablesOfTheAskedLength() {
        for (long seed = 1; seed <= 5; seed++) {
            SamplingOptions o = SamplingOptions.builder().prefix("파일을").length(120).temperature(1.3).seed(seed)
                    .build();
            String sample = jamo().sample(o).samples().get(0);
            assertEquals(120, sample.codePointCount(0, sample.length()));
            assertFalse(Hangul.hasConjoiningJamo(sample), sample);
            // The streamed characters are the same text.
            CharacterStream stream = jamo().characters(o);
            StringBuilder streamed = new StringBuilder();
            while (stream.hasNext()) {
                streamed.append(stream.next());
            }
            assertEquals(sample, streamed.toString());
            assertEquals("파일을", stream.prefix());
        }
        // A batch gives every sample its own length and the listener every character.
        List<String> heard = new ArrayList<>(List.of("", "", ""));
        GeneratedText g = jamo().sample(SamplingOptions.builder().length(50).count(3).seed(9).build(),
                (s, c) -> heard.set(s, heard.get(s) + c));
        assertEquals(g.samples(), heard);
        for (String s : g.samples()) {
            assertEquals(50, s.codePointCount(0, s.length()));
            assertFalse(Hangul.hasConjoiningJamo(s), s);
        }
    }

    @Test
    void aPrefixWithConjoiningJamoIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> jamo().sample(SamplingOptions.builder().prefix("\u1112\u1161").length(5).build()));
        assertTrue(e.getMessage().contains("conjoining jamo"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> jamo().evaluate("", "ab\u1100cd"));
        assertThrows(IllegalArgumentException.class,
                () -> jamo().evaluate("", new StringReader("ab\u1100cd"), EvaluationOptions.sequential()));
        // A syllable model takes the same text as ordinary characters.
        assertEquals(4, syllables().evaluate("a", "b\u1100cd").chars());
    }

    @Test
    void theUnitSurvivesSaveAndLoad(@TempDir Path dir) {
        Path file = dir.resolve("ko.rnnk");
        jamo().save(file);
        CharLanguageModel loaded = CharLanguageModel.load(file);
        assertEquals(CharTokenizer.Unit.JAMO, loaded.config().unit());
        String text = help().substring(100, 900);
        assertEquals(jamo().evaluate("가", text).bpc(), loaded.evaluate("가", text).bpc(), 1e-6);
        SamplingOptions o = SamplingOptions.builder().prefix("도구").length(40).seed(4).build();
        assertEquals(jamo().sample(o).samples(), loaded.sample(o).samples());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loaded.continueTraining(
                SmallModels.config(Cell.LSTM).build(), text, null, List.of()));
        assertTrue(e.getMessage().contains("character unit"), e.getMessage());
    }

    @Test
    void theIdReaderSplitsSyllablesAcrossReadsAndCountsCharactersAtTheirLastSymbol() throws IOException {
        CharCodec codec = new CharCodec(jamo().vocabulary(), CharTokenizer.Unit.JAMO);
        String text = "한국어 text, 파일을 엽니다. 값";
        int[] expected = codec.encode(text);
        for (int piece : new int[] {1, 2, 3, 7}) {
            IdReader ids = new IdReader(new int[0], new OneCharAtATime(text), codec);
            int[] got = new int[expected.length];
            int n = 0;
            for (int k = ids.read(got, n, Math.min(piece, got.length - n)); k > 0 && n < got.length;
                 k = ids.read(got, n, Math.min(piece, got.length - n))) {
                n += k;
                if (n == got.length) {
                    break;
                }
            }
            assertEquals(Arrays.toString(expected), Arrays.toString(got));
            assertEquals(text.length(), ids.chars(false));
            assertEquals(Hangul.countSyllables(text), ids.syllables(false));
            // The first character is a syllable: its first jamo alone completes nothing, so nothing is taken off.
            assertEquals(text.length(), ids.chars(true));
        }
        // Counted at the last jamo: after 4 symbols (ᄒ ᅡ ᆫ ᄀ) one character is complete.
        IdReader partial = new IdReader(new int[0], new StringReader(text), codec);
        partial.read(new int[4], 0, 4);
        assertEquals(1, partial.chars(false));
        assertEquals(1, partial.syllables(false));
    }

    @Test
    void theComposerRestrictsDrawsToSequencesThatCompose() {
        CharCodec codec = new CharCodec(jamo().vocabulary(), CharTokenizer.Unit.JAMO);
        JamoComposer c = new JamoComposer(codec);
        double[] p = new double[codec.size()];
        Arrays.fill(p, 1);
        c.restrict(p);
        for (int i = Vocabulary.RESERVED; i < p.length; i++) {
            byte kind = codec.kind(i);
            assertEquals(kind == CharCodec.VOWEL || kind == CharCodec.TRAILING ? 0.0 : 1.0, p[i], codec.decode(i));
        }
        assertEquals("", c.add(codec.indexOf('\u1112')));   // ᄒ
        Arrays.fill(p, 1);
        c.restrict(p);
        for (int i = Vocabulary.RESERVED; i < p.length; i++) {
            assertEquals(codec.kind(i) == CharCodec.VOWEL ? 1.0 : 0.0, p[i], codec.decode(i));
        }
        assertEquals("", c.add(codec.indexOf('\u1161')));   // ᅡ
        assertTrue(c.midSyllable());
        assertEquals("하 ", c.add(codec.indexOf(' ')));
        assertEquals("", c.add(codec.indexOf('\u1112')));
        assertEquals("", c.add(codec.indexOf('\u1161')));
        assertEquals("한", c.add(codec.indexOf('\u11AB')));   // ᆫ closes the syllable
        assertFalse(c.midSyllable());
        // A code-point model passes every symbol through and restricts nothing.
        CharCodec plain = new CharCodec(syllables().vocabulary());
        JamoComposer none = new JamoComposer(plain);
        double[] q = new double[plain.size()];
        Arrays.fill(q, 0.5);
        none.restrict(q);
        assertTrue(Arrays.stream(q).allMatch(x -> x == 0.5));
        assertEquals("파", none.add(plain.indexOf('파')));
    }

    /** A reader that hands out one character per call, so that every buffer boundary is exercised. */
    private static final class OneCharAtATime extends Reader {
        private final String text;
        private int at;

        OneCharAtATime(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (at == text.length()) {
                return -1;
            }
            cbuf[off] = text.charAt(at++);
            return 1;
        }

        @Override
        public void close() {
        }
    }
}
