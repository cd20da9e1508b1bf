package io.rnnkit.text.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * How examples are grouped into batches each epoch.
 *
 * <p>With {@code bucketByLength}, examples are sorted by length (ties in random order when shuffling) and
 * cut into consecutive batches, so each batch holds sequences of similar length and, with
 * {@link PadSpec#shrinkToBatch()}, little padding; the order of the batches is then shuffled. Without it,
 * batches are consecutive slices of the (optionally shuffled) example order.
 *
 * <p>Shuffling is deterministic: epoch {@code e} uses a generator seeded from {@code (seed, e)}, so two
 * iterators with the same seed produce the same batches epoch after epoch, while successive epochs differ.
 * Every example appears in exactly one batch per epoch; the last batch may be smaller.
 *
 * @param batchSize      examples per batch, at least 1
 * @param bucketByLength whether to group examples of similar length
 * @param shuffle        whether to shuffle examples (and batches) each epoch
 * @param seed           the shuffling seed
 */
public record Batching(int batchSize, boolean bucketByLength, boolean shuffle, long seed) {
    /** Validates the batch size. */
    public Batching {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
    }

    /** Fixed order, no bucketing. */
    public static Batching sequential(int batchSize) {
        return new Batching(batchSize, false, false, 0);
    }

    /** Shuffled each epoch, no bucketing. */
    public static Batching shuffled(int batchSize, long seed) {
        return new Batching(batchSize, false, true, seed);
    }

    /** Length buckets, shuffled each epoch. */
    public static Batching bucketed(int batchSize, long seed) {
        return new Batching(batchSize, true, true, seed);
    }

    /**
     * The batches of one epoch: example indices per batch.
     *
     * @param lengths the length of every example
     * @param epoch   the epoch number (0 for the first), which selects the shuffle
     */
    public List<int[]> plan(int[] lengths, int epoch) {
        int n = lengths.length;
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            shuffle(order, random);
        }
        if (bucketByLength) {
            // stable sort: equal lengths keep the shuffled order, so buckets still vary between epochs
            Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
        }
        List<int[]> batches = new ArrayList<>((n + batchSize - 1) / batchSize);
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int[] batch = new int[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = order[i];
            }
            batches.add(batch);
        }
        if (shuffle && bucketByLength) {
            java.util.Collections.shuffle(batches, random);
        }
        return batches;
    }

    private static void shuffle(Integer[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * The fraction of padding cells when {@code lengths} are batched by {@code plan} and padded by
     * {@code spec}: padded cells / all cells.
     */
    public static double paddingFraction(int[] lengths, List<int[]> plan, PadSpec spec) {
        long cells = 0;
        long padding = 0;
        for (int[] batch : plan) {
            int longest = 0;
            for (int i : batch) {
                longest = Math.max(longest, lengths[i]);
            }
            int width = spec.width(longest);
            for (int i : batch) {
                padding += width - Math.min(spec.keptLength(lengths[i]), width);
            }
            cells += (long) width * batch.length;
        }
        return cells == 0 ? 0 : (double) padding / cells;
    }
}
