package io.rnnkit.text.encode;

import io.rnnkit.text.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Next-character prediction batches over one long text, for character language models.
 *
 * <p>The text is cut into consecutive windows of {@code sequenceLength} code points; window {@code k}'s
 * input is code points {@code [kL, kL + L)} and its target the same span shifted by one. The last window
 * is shorter when the text does not divide evenly; it is kept and padded with a mask, so no character
 * is dropped. Features are one-hot [batch, vocab, time] (or [batch, 1, time] indices), labels one-hot
 * [batch, vocab, time], feature mask = label mask [batch, time].
 *
 * <p>The iterator streams from the {@link CharSequence} it is given: it keeps only the char offset where
 * each window starts (one int per window) and decodes each batch's windows when the batch is built, so
 * an epoch copies nothing beyond the current batch. The vocabulary must be a code-point vocabulary
 * (e.g. {@link Vocabulary#ofCharacters(String)}); characters it lacks become {@link Vocabulary#UNK}.
 */
public final class CharSequenceIterator extends PlannedBatchIterator {
    private static final long serialVersionUID = 1L;

    private final CharSequence text;
    private final int sequenceLength;
    private final int[] starts;
    private final Map<Integer, Integer> codePointIndex;
    private final int vocabSize;
    private final FeatureLayout featureLayout;

    private CharSequenceIterator(CharSequence text, Vocabulary vocabulary, int sequenceLength, Batching batching,
                                 FeatureLayout featureLayout, Windows windows) {
        super(batching, windows.lengths);
        this.text = text;
        this.sequenceLength = sequenceLength;
        this.starts = windows.starts;
        this.vocabSize = vocabulary.size();
        this.featureLayout = featureLayout;
        this.codePointIndex = new HashMap<>(vocabulary.size() * 2);
        for (int i = Vocabulary.RESERVED; i < vocabulary.size(); i++) {
            String token = vocabulary.token(i);
            if (token.codePointCount(0, token.length()) != 1) {
                // a grapheme or word entry could never match one code point: fail instead of silently mapping to UNK
                throw new IllegalArgumentException("a character iterator needs a code-point vocabulary, but entry " + i
                        + " '" + token + "' has " + token.codePointCount(0, token.length()) + " code points");
            }
            codePointIndex.put(token.codePointAt(0), i);
        }
    }

    /**
     * Windows over {@code text}.
     *
     * @param batching batch size and shuffling; length bucketing has no effect (all windows but the last are full)
     * @throws IllegalArgumentException when the text has fewer than 2 code points, {@code sequenceLength < 1}, or a
     *     vocabulary entry is not a single code point
     */
    public static CharSequenceIterator of(CharSequence text, Vocabulary vocabulary, int sequenceLength, Batching batching) {
        return of(text, vocabulary, sequenceLength, batching, FeatureLayout.ONE_HOT);
    }

    /** As {@link #of(CharSequence, Vocabulary, int, Batching)} with a chosen feature layout. */
    public static CharSequenceIterator of(CharSequence text, Vocabulary vocabulary, int sequenceLength, Batching batching,
                                          FeatureLayout featureLayout) {
        if (text == null || vocabulary == null || batching == null || featureLayout == null) {
            throw new IllegalArgumentException("text, vocabulary, batching and feature layout must not be null");
        }
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequenceLength must be >= 1, got " + sequenceLength);
        }
        return new CharSequenceIterator(text, vocabulary, sequenceLength, batching, featureLayout,
                Windows.of(text, sequenceLength));
    }

    /** The window length in code points. */
    public int sequenceLength() {
        return sequenceLength;
    }

    @Override
    DataSet build(int[] examples) {
        List<int[]> inputs = new ArrayList<>(examples.length);
        List<int[]> targets = new ArrayList<>(examples.length);
        for (int k : examples) {
            int[] codes = decode(starts[k], sequenceLength + 1);
            inputs.add(java.util.Arrays.copyOfRange(codes, 0, codes.length - 1));
            targets.add(java.util.Arrays.copyOfRange(codes, 1, codes.length));
        }
        PadSpec spec = new PadSpec(PadSpec.NO_LIMIT, Side.POST, Side.POST, Vocabulary.PAD, true);
        return RnnTensors.labelling(PaddedBatch.pad(inputs, spec), PaddedBatch.pad(targets, spec), vocabSize,
                featureLayout, vocabSize);
    }

    /** Up to {@code count} vocabulary indices of the code points starting at char offset {@code start}. */
    private int[] decode(int start, int count) {
        int[] out = new int[count];
        int n = 0;
        int i = start;
        while (n < count && i < text.length()) {
            int cp = Character.codePointAt(text, i);
            out[n++] = codePointIndex.getOrDefault(cp, Vocabulary.UNK);
            i += Character.charCount(cp);
        }
        return n == count ? out : java.util.Arrays.copyOf(out, n);
    }

    @Override
    public int inputColumns() {
        return featureLayout == FeatureLayout.ONE_HOT ? vocabSize : 1;
    }

    @Override
    public int totalOutcomes() {
        return vocabSize;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    /** Window start offsets and lengths, found in one pass over the text. */
    private record Windows(int[] starts, int[] lengths) {
        static Windows of(CharSequence text, int sequenceLength) {
            int codePoints = Character.codePointCount(text, 0, text.length());
            if (codePoints < 2) {
                throw new IllegalArgumentException("text has " + codePoints
                        + " characters; next-character prediction needs at least 2");
            }
            int steps = codePoints - 1;
            int windows = (steps + sequenceLength - 1) / sequenceLength;
            int[] starts = new int[windows];
            int[] lengths = new int[windows];
            int offset = 0;
            for (int k = 0; k < windows; k++) {
                starts[k] = offset;
                lengths[k] = Math.min(sequenceLength, steps - k * sequenceLength);
                offset = Character.offsetByCodePoints(text, offset, lengths[k]);
            }
            return new Windows(starts, lengths);
        }
    }
}
