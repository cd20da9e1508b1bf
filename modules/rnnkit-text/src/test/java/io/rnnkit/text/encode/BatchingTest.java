package io.rnnkit.text.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingTest {
    private static final int[] LENGTHS = {5, 1, 9, 2, 8, 1, 4, 9, 2, 6};

    private static int[] flatten(List<int[]> plan) {
        return plan.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void sequentialKeepsOrderAndLastBatchIsSmaller() {
        List<int[]> plan = Batching.sequential(4).plan(LENGTHS, 0);
        assertEquals(3, plan.size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, plan.get(0));
        assertArrayEquals(new int[] {8, 9}, plan.get(2));
    }

    @Test
    void bucketingGroupsSimilarLengths() {
        List<int[]> plan = new Batching(4, true, false, 0).plan(LENGTHS, 0);
        assertArrayEquals(new int[] {1, 5, 3, 8}, plan.get(0));
        assertArrayEquals(new int[] {6, 0, 9, 4}, plan.get(1));
        assertArrayEquals(new int[] {2, 7}, plan.get(2));
        PadSpec spec = PadSpec.upTo(PadSpec.NO_LIMIT);
        // without bucketing: widths 9, 9, 6 → 84 cells; with: 2, 8, 9 → 58 cells; 47 real steps
        assertEquals((84 - 47) / 84.0, Batching.paddingFraction(LENGTHS, Batching.sequential(4).plan(LENGTHS, 0), spec), 1e-12);
        assertEquals((58 - 47) / 58.0, Batching.paddingFraction(LENGTHS, plan, spec), 1e-12);
    }

    @Test
    void shuffleIsDeterministicPerSeedAndEpochAndCoversEveryExample() {
        for (Batching batching : List.of(Batching.shuffled(3, 42), Batching.bucketed(3, 42))) {
            List<int[]> e0 = batching.plan(LENGTHS, 0);
            int[] all = flatten(e0);
            Arrays.sort(all);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
            assertArrayEquals(flatten(e0), flatten(batching.plan(LENGTHS, 0)));
            assertNotEquals(Arrays.toString(flatten(e0)), Arrays.toString(flatten(batching.plan(LENGTHS, 1))));
        }
        // bucketed batches stay length-homogeneous after shuffling
        for (int[] batch : Batching.bucketed(2, 7).plan(LENGTHS, 3)) {
            int min = Arrays.stream(batch).map(i -> LENGTHS[i]).min().orElseThrow();
            int max = Arrays.stream(batch).map(i -> LENGTHS[i]).max().orElseThrow();
            assertTrue(max - min <= 2, Arrays.toString(batch));
        }
    }
}
