package io.rnnkit.text.encode;

import java.util.List;

/**
 * A padded rectangle of sequences: {@code values[b][t]}, plus where each row's real steps are.
 * Row {@code b} holds real data in columns {@code [offset(b), offset(b) + length(b))}; every other column
 * is padding. Arrays are owned by the batch and must not be modified.
 *
 * @param values  [batch][width] padded values
 * @param lengths real (kept) length of each row
 * @param offsets first real column of each row (0 for post-padding)
 */
public record PaddedBatch(int[][] values, int[] lengths, int[] offsets) {

    /** Number of rows. */
    public int size() {
        return values.length;
    }

    /** Number of columns (time steps). */
    public int width() {
        return values.length == 0 ? 0 : values[0].length;
    }

    /** Last real column of row {@code b}, or -1 when the row is empty. */
    public int lastStep(int b) {
        return offsets[b] + lengths[b] - 1;
    }

    /** The mask: 1 for real steps, 0 for padding, [batch][width]. */
    public float[][] mask() {
        float[][] m = new float[size()][width()];
        for (int b = 0; b < m.length; b++) {
            java.util.Arrays.fill(m[b], offsets[b], offsets[b] + lengths[b], 1f);
        }
        return m;
    }

    /** Number of padding cells (the cost bucketing saves). */
    public long paddingCells() {
        long real = 0;
        for (int len : lengths) {
            real += len;
        }
        return (long) size() * width() - real;
    }

    /**
     * Pads and truncates {@code sequences} (Keras {@code pad_sequences}).
     *
     * @throws IllegalArgumentException for an empty batch or a null sequence
     */
    public static PaddedBatch pad(List<int[]> sequences, PadSpec spec) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("cannot pad an empty batch");
        }
        int longest = 0;
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i) == null) {
                throw new IllegalArgumentException("sequence " + i + " is null");
            }
            longest = Math.max(longest, sequences.get(i).length);
        }
        int width = spec.width(longest);
        int n = sequences.size();
        int[][] values = new int[n][width];
        int[] lengths = new int[n];
        int[] offsets = new int[n];
        for (int b = 0; b < n; b++) {
            int[] seq = sequences.get(b);
            int len = Math.min(spec.keptLength(seq.length), width);
            int from = spec.truncating() == Side.PRE ? seq.length - len : 0;
            int to = spec.padding() == Side.PRE ? width - len : 0;
            if (spec.value() != 0) {
                java.util.Arrays.fill(values[b], spec.value());
            }
            System.arraycopy(seq, from, values[b], to, len);
            lengths[b] = len;
            offsets[b] = to;
        }
        return new PaddedBatch(values, lengths, offsets);
    }
}
