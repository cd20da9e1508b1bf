package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
    /** 23 "a", 11 "b", 6 "c", interleaved. */
    private static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            out.add(i < 23 ? "a" : i < 34 ? "b" : "c");
        }
        java.util.Collections.shuffle(out, new java.util.Random(3));
        return out;
    }

    @Test
    void foldsAreDisjointCoverEverythingAndKeepClassProportions() {
        List<String> labels = labels();
        List<StratifiedSplit.Split> folds = StratifiedSplit.folds(labels, 5, 42);
        assertEquals(5, folds.size());
        int[] seen = new int[labels.size()];
        for (StratifiedSplit.Split f : folds) {
            assertEquals(labels.size(), f.train().length + f.test().length);
            for (int i : f.test()) {
                seen[i]++;
            }
            assertTrue(Arrays.stream(f.train()).noneMatch(i -> Arrays.stream(f.test()).anyMatch(j -> j == i)));
            assertTrue(f.test().length == 8, "fold sizes differ by at most one: " + f.test().length);
            for (String c : List.of("a", "b", "c")) {
                long inFold = Arrays.stream(f.test()).filter(i -> labels.get(i).equals(c)).count();
                long total = labels.stream().filter(c::equals).count();
                assertTrue(Math.abs(inFold - total / 5.0) < 1.0, c + ": " + inFold + " of " + total);
            }
        }
        assertTrue(Arrays.stream(seen).allMatch(n -> n == 1), "every example is tested exactly once");
    }

    @Test
    void foldsDependOnlyOnLabelsAndSeed() {
        List<String> labels = labels();
        List<StratifiedSplit.Split> a = StratifiedSplit.folds(labels, 4, 42);
        List<StratifiedSplit.Split> b = StratifiedSplit.folds(labels, 4, 42);
        List<StratifiedSplit.Split> c = StratifiedSplit.folds(labels, 4, 43);
        for (int f = 0; f < 4; f++) {
            assertArrayEquals(a.get(f).test(), b.get(f).test());
        }
        assertFalse(Arrays.equals(a.get(0).test(), c.get(0).test()));
    }

    @Test
    void goldenFoldsOfTheUciLayout() {
        // Two classes of 4 in order 0,0,0,0,1,1,1,1: fixed by java.util.Random(7) alone.
        List<String> labels = List.of("0", "0", "0", "0", "1", "1", "1", "1");
        List<StratifiedSplit.Split> folds = StratifiedSplit.folds(labels, 2, 7);
        int[] first = folds.get(0).test();
        assertEquals(4, first.length);
        assertEquals(2, Arrays.stream(first).filter(i -> i < 4).count());
        assertArrayEquals(first, StratifiedSplit.folds(labels, 2, 7).get(0).test());
    }

    @Test
    void holdOutTakesTheFractionOfEachClass() {
        List<String> labels = labels();
        StratifiedSplit.Split s = StratifiedSplit.holdOut(labels, 0.25, 1);
        assertEquals(40, s.train().length + s.test().length);
        assertEquals(6, Arrays.stream(s.test()).filter(i -> labels.get(i).equals("a")).count()); // round(5.75)
        assertEquals(3, Arrays.stream(s.test()).filter(i -> labels.get(i).equals("b")).count()); // round(2.75)
        assertEquals(2, Arrays.stream(s.test()).filter(i -> labels.get(i).equals("c")).count()); // round(1.5)
        assertEquals(0, StratifiedSplit.holdOut(labels, 0, 1).test().length);
    }

    @Test
    void badArgumentsAreExplained() {
        assertEquals("cross-validation needs k >= 2 folds, got 1",
                assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.folds(labels(), 1, 0)).getMessage());
        assertEquals("cannot make 10 folds of 3 examples",
                assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.folds(List.of("a", "b", "a"), 10, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.holdOut(labels(), 1.0, 0));
    }
}
