package io.rnnkit.text.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaddingTest {
    private static final List<int[]> SEQS = List.of(new int[] {1, 2, 3}, new int[] {4, 5, 6, 7, 8}, new int[] {9});

    @Test
    void kerasDefaultsPadAndTruncateAtTheStart() {
        PaddedBatch b = PaddedBatch.pad(SEQS, PadSpec.keras(4));
        assertArrayEquals(new int[][] {{0, 1, 2, 3}, {5, 6, 7, 8}, {0, 0, 0, 9}}, b.values());
        assertArrayEquals(new int[] {3, 4, 1}, b.lengths());
        assertArrayEquals(new int[] {1, 0, 3}, b.offsets());
        assertArrayEquals(new float[][] {{0, 1, 1, 1}, {1, 1, 1, 1}, {0, 0, 0, 1}}, b.mask());
        assertEquals(4, b.paddingCells());
    }

    @Test
    void postPaddingPostTruncation() {
        PaddedBatch b = PaddedBatch.pad(SEQS, PadSpec.keras(4).withPadding(Side.POST).withTruncating(Side.POST));
        assertArrayEquals(new int[][] {{1, 2, 3, 0}, {4, 5, 6, 7}, {9, 0, 0, 0}}, b.values());
        assertArrayEquals(new float[][] {{1, 1, 1, 0}, {1, 1, 1, 1}, {1, 0, 0, 0}}, b.mask());
        assertEquals(3, b.lastStep(1));
        assertEquals(0, b.lastStep(2));
    }

    @Test
    void prePaddingPostTruncationAndCustomValue() {
        PaddedBatch b = PaddedBatch.pad(SEQS, PadSpec.keras(4).withTruncating(Side.POST).withValue(-1));
        assertArrayEquals(new int[][] {{-1, 1, 2, 3}, {4, 5, 6, 7}, {-1, -1, -1, 9}}, b.values());
    }

    @Test
    void noLimitPadsToLongestAndFixedWidthCanExceedIt() {
        assertArrayEquals(new int[][] {{0, 0, 1, 2, 3}, {4, 5, 6, 7, 8}, {0, 0, 0, 0, 9}},
                PaddedBatch.pad(SEQS, PadSpec.keras()).values());
        assertArrayEquals(new int[][] {{1, 2, 3, 0, 0, 0}, {9, 0, 0, 0, 0, 0}},
                PaddedBatch.pad(List.of(SEQS.get(0), SEQS.get(2)), PadSpec.keras(6).withPadding(Side.POST)).values());
    }

    @Test
    void shrinkToBatchUsesLongestButNeverMoreThanMaxLength() {
        PadSpec spec = PadSpec.upTo(4);
        assertArrayEquals(new int[][] {{1, 2, 3}, {9, 0, 0}}, PaddedBatch.pad(List.of(SEQS.get(0), SEQS.get(2)), spec).values());
        // default iterator spec keeps the end of long sequences
        assertArrayEquals(new int[][] {{1, 2, 3, 0}, {5, 6, 7, 8}}, PaddedBatch.pad(SEQS.subList(0, 2), spec).values());
    }

    @Test
    void emptySequenceIsAllPadding() {
        PaddedBatch b = PaddedBatch.pad(List.of(new int[0], new int[] {7}), PadSpec.keras());
        assertArrayEquals(new int[][] {{0}, {7}}, b.values());
        assertArrayEquals(new float[][] {{0}, {1}}, b.mask());
        assertEquals(0, b.lengths()[0]);
    }

    @Test
    void invalidSpecsAndInputs() {
        assertEquals("maxLength must be >= 0 (0 = no limit), got -3",
                assertThrows(IllegalArgumentException.class, () -> PadSpec.keras(-3)).getMessage());
        assertEquals("padding and truncating sides must not be null",
                assertThrows(IllegalArgumentException.class, () -> PadSpec.keras().withPadding(null)).getMessage());
        assertEquals("cannot pad an empty batch",
                assertThrows(IllegalArgumentException.class, () -> PaddedBatch.pad(List.of(), PadSpec.keras())).getMessage());
        assertEquals("batchSize must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Batching.sequential(0)).getMessage());
    }
}
