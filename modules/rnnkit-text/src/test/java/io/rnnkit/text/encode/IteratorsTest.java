package io.rnnkit.text.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.text.Vocabulary;
import io.rnnkit.text.WordTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class IteratorsTest {
    private static final List<String> TEXTS = List.of("a great film", "awful", "great great acting , loved it",
            "boring plot", "not bad at all", "great");
    private static final int[] CLASSES = {1, 0, 1, 0, 1, 1};

    private static SequenceEncoder encoder() {
        WordTokenizer tokenizer = new WordTokenizer(true, WordTokenizer.Contractions.KEEP);
        List<String> all = new ArrayList<>();
        TEXTS.forEach(t -> all.addAll(tokenizer.words(t)));
        return new SequenceEncoder(tokenizer, Vocabulary.of(all));
    }

    private static List<String> drain(DataSetIterator it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            out.add(ds.getFeatures().toString() + ds.getLabels().toString());
        }
        return out;
    }

    @Test
    void classificationBatchesHaveExactShapesAndValues() {
        SequenceEncoder enc = encoder();
        List<int[]> seqs = enc.encodeAll(TEXTS);
        SequenceClassificationIterator it = SequenceClassificationIterator.builder(seqs, CLASSES, 2)
                .batching(Batching.sequential(4)).classNames(List.of("negative", "positive")).build();
        assertEquals(2, it.numBatches());
        assertEquals(1, it.inputColumns());
        assertEquals(2, it.totalOutcomes());
        assertEquals(List.of("negative", "positive"), it.getLabels());
        DataSet first = it.next();
        assertArrayEquals(new long[] {4, 1, 6}, first.getFeatures().shape());
        assertArrayEquals(new long[] {4, 2}, first.getLabels().shape());
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0}, first.getFeaturesMaskArray().getRow(0).toFloatVector());
        int great = enc.vocabulary().indexOf("great");
        assertEquals(great, first.getFeatures().getInt(0, 0, 1));
        DataSet second = it.next();
        assertArrayEquals(new long[] {2, 1, 4}, second.getFeatures().shape());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void alignEndOneHotClassification() {
        SequenceEncoder enc = encoder();
        SequenceClassificationIterator it = SequenceClassificationIterator.builder(enc.encodeAll(TEXTS), CLASSES, 2)
                .batching(Batching.sequential(6)).oneHot(enc.vocabulary().size()).labelLayout(LabelLayout.ALIGN_END).build();
        DataSet ds = it.next();
        assertArrayEquals(new long[] {6, enc.vocabulary().size(), 6}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {6, 2, 6}, ds.getLabels().shape());
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0}, ds.getLabelsMaskArray().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0}, ds.getLabelsMaskArray().getRow(1).toFloatVector());
        assertEquals(1f, ds.getLabels().getFloat(0, 1, 2));
        assertEquals(enc.vocabulary().size(), it.inputColumns());
    }

    @Test
    void resetGivesDeterministicEpochsAndBucketsCutPadding() {
        List<int[]> seqs = encoder().encodeAll(TEXTS);
        SequenceClassificationIterator a = SequenceClassificationIterator.builder(seqs, CLASSES, 2)
                .batching(Batching.bucketed(2, 5)).build();
        SequenceClassificationIterator b = SequenceClassificationIterator.builder(seqs, CLASSES, 2)
                .batching(Batching.bucketed(2, 5)).build();
        List<String> a0 = drain(a);
        assertEquals(a0, drain(b));
        a.reset();
        b.reset();
        List<String> a1 = drain(a);
        assertEquals(a1, drain(b));
        assertEquals(1, a.epoch());
        assertEquals(a0.size(), a1.size());
        assertNotEquals(a0, a1);
        SequenceClassificationIterator fixed = SequenceClassificationIterator.builder(seqs, CLASSES, 2)
                .batching(Batching.sequential(2)).build();
        List<String> f0 = drain(fixed);
        fixed.reset();
        assertEquals(f0, drain(fixed));
    }

    @Test
    void nextWithOtherBatchSizeIsRefused() {
        SequenceClassificationIterator it = SequenceClassificationIterator.builder(encoder().encodeAll(TEXTS), CLASSES, 2)
                .batching(Batching.sequential(3)).build();
        assertArrayEquals(new long[] {3, 2}, it.next(3).getLabels().shape());
        assertTrue(assertThrows(UnsupportedOperationException.class, () -> it.next(5)).getMessage()
                .startsWith("this iterator plans batches of 3 examples; next(5) is not supported"));
    }

    @Test
    void classificationRejectsBadInput() {
        List<int[]> seqs = encoder().encodeAll(TEXTS);
        assertEquals("got 2 labels for 6 sequences", assertThrows(IllegalArgumentException.class,
                () -> SequenceClassificationIterator.builder(seqs, new int[] {0, 1}, 2).build()).getMessage());
        assertEquals("example 1 has label 3 outside [0, 2)", assertThrows(IllegalArgumentException.class,
                () -> SequenceClassificationIterator.builder(seqs, new int[] {0, 3, 0, 0, 0, 0}, 2).build()).getMessage());
        List<int[]> withEmpty = new ArrayList<>(seqs);
        withEmpty.set(4, encoder().encode(" "));
        assertEquals("example 4 is an empty sequence; drop or report empty texts before batching",
                assertThrows(IllegalArgumentException.class,
                        () -> SequenceClassificationIterator.builder(withEmpty, CLASSES, 2).build()).getMessage());
        assertEquals("an iterator needs at least one example", assertThrows(IllegalArgumentException.class,
                () -> SequenceClassificationIterator.builder(List.of(), new int[0], 2).build()).getMessage());
    }

    @Test
    void unknownTokensMapToUnk() {
        SequenceEncoder enc = encoder();
        assertArrayEquals(new int[] {enc.vocabulary().indexOf("great"), Vocabulary.UNK}, enc.encode("Great zeppelin"));
        assertEquals(0.5, enc.unknownRate(List.of("great zeppelin")), 1e-12);
        SequenceEncoder strict = new SequenceEncoder(enc.tokenizer(), enc.vocabulary(), SequenceEncoder.OnUnknown.FAIL);
        assertArrayEquals(enc.encode("great film"), strict.encode("great film"));
        assertEquals("unknown token 'zeppelin' at offset 6 (vocabulary of 16)",
                assertThrows(IllegalArgumentException.class, () -> strict.encode("Great zeppelin")).getMessage());
    }

    @Test
    void labellingBatchesAndMismatchedTags() {
        List<int[]> tokens = List.of(new int[] {2, 3, 4}, new int[] {5, 6}, new int[] {7});
        List<int[]> tags = List.of(new int[] {0, 1, 2}, new int[] {1, 1}, new int[] {2});
        SequenceLabellingIterator it = SequenceLabellingIterator.builder(tokens, tags, 3)
                .batching(Batching.sequential(3)).tagNames(List.of("DET", "NOUN", "VERB")).build();
        DataSet ds = it.next();
        assertArrayEquals(new long[] {3, 1, 3}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {3, 3, 3}, ds.getLabels().shape());
        assertArrayEquals(new float[][] {{1, 1, 1}, {1, 1, 0}, {1, 0, 0}}, ds.getLabelsMaskArray().toFloatMatrix());
        assertEquals(1f, ds.getLabels().getFloat(1, 1, 1));
        assertEquals(6f, ds.getLabels().sumNumber().floatValue());
        assertEquals(List.of("DET", "NOUN", "VERB"), it.getLabels());
        assertEquals("example 1 has 2 tokens but 1 tags", assertThrows(IllegalArgumentException.class,
                () -> SequenceLabellingIterator.builder(tokens, List.of(new int[3], new int[1], new int[1]), 3).build()).getMessage());
        assertEquals("example 2 has tag 3 outside [0, 3)", assertThrows(IllegalArgumentException.class,
                () -> SequenceLabellingIterator.builder(tokens, List.of(new int[3], new int[2], new int[] {3}), 3).build()).getMessage());
        assertEquals("got 2 tag sequences for 3 token sequences", assertThrows(IllegalArgumentException.class,
                () -> SequenceLabellingIterator.builder(tokens, tags.subList(0, 2), 3).build()).getMessage());
    }

    @Test
    void charIteratorWindowsShiftTargetsByOneAndKeepTheTail() {
        String text = "abcab\uD83D\uDC4Dca"; // 8 code points, 9 chars: 7 prediction steps
        Vocabulary v = Vocabulary.ofCharacters(text);
        CharSequenceIterator it = CharSequenceIterator.of(text, v, 3, Batching.sequential(8));
        assertEquals(1, it.numBatches());
        assertEquals(3, it.numExamples());
        DataSet ds = it.next();
        assertArrayEquals(new long[] {3, v.size(), 3}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {3, v.size(), 3}, ds.getLabels().shape());
        assertArrayEquals(new float[][] {{1, 1, 1}, {1, 1, 1}, {1, 0, 0}}, ds.getFeaturesMaskArray().toFloatMatrix());
        // window 1 is "ab👍" → targets "b👍c"; window 2 is "c" → target "a"
        int thumb = v.indexOf("\uD83D\uDC4D");
        assertEquals(1f, ds.getFeatures().getFloat(1, thumb, 2));
        assertEquals(1f, ds.getLabels().getFloat(1, thumb, 1));
        assertEquals(1f, ds.getLabels().getFloat(1, v.indexOf("c"), 2));
        assertEquals(1f, ds.getFeatures().getFloat(2, v.indexOf("c"), 0));
        assertEquals(1f, ds.getLabels().getFloat(2, v.indexOf("a"), 0));
        assertEquals(7f, ds.getLabels().sumNumber().floatValue());

        CharSequenceIterator idx = CharSequenceIterator.of(new StringBuilder(text), v, 4, Batching.shuffled(1, 9),
                FeatureLayout.INDICES);
        assertEquals(2, idx.numBatches());
        assertEquals(1, idx.inputColumns());
        assertArrayEquals(new long[] {1, 1, 4}, idx.next().getFeatures().shape());
    }

    @Test
    void charIteratorUnknownCharactersAndBadSettings() {
        Vocabulary v = Vocabulary.ofCharacters("ab");
        DataSet ds = CharSequenceIterator.of("abz", v, 2, Batching.sequential(1)).next();
        assertEquals(1f, ds.getLabels().getFloat(0, Vocabulary.UNK, 1));
        assertEquals("text has 1 characters; next-character prediction needs at least 2",
                assertThrows(IllegalArgumentException.class, () -> CharSequenceIterator.of("a", v, 2, Batching.sequential(1))).getMessage());
        Vocabulary graphemes = Vocabulary.ofCharacters("a\uD83D\uDC4D\uD83C\uDFFD", new io.rnnkit.text.CharTokenizer(
                io.rnnkit.text.CharTokenizer.Unit.GRAPHEME));
        assertEquals("a character iterator needs a code-point vocabulary, but entry 3 '\uD83D\uDC4D\uD83C\uDFFD' has 2 code points",
                assertThrows(IllegalArgumentException.class, () -> CharSequenceIterator.of("ab", graphemes, 2, Batching.sequential(1))).getMessage());
        assertEquals("sequenceLength must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> CharSequenceIterator.of("ab", v, 0, Batching.sequential(1))).getMessage());
    }
}
