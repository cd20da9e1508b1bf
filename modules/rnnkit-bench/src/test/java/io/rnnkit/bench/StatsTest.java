package io.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianAndQuartilesInterpolateLikeNumpy() {
        // numpy.percentile([4, 1, 3, 2, 100], [25, 50, 75]) == [2, 3, 4]
        Stats s = Stats.of(4, 1, 3, 2, 100);
        assertEquals(3, s.median(), 1e-12);
        assertEquals(2, s.p25(), 1e-12);
        assertEquals(4, s.p75(), 1e-12);
        assertEquals(1, s.min(), 1e-12);
        assertEquals(100, s.max(), 1e-12);
        assertEquals(5, s.iterations());
        // even count: numpy.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        Stats e = Stats.of(1, 2, 3, 4);
        assertEquals(2.5, e.median(), 1e-12);
        assertEquals(1.75, e.p25(), 1e-12);
        assertEquals(3.25, e.p75(), 1e-12);
    }

    @Test
    void emptySamplesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Stats::of);
        assertEquals("no samples to summarise", e.getMessage());
    }

    @Test
    void measureRunsWarmupPlusTimedIterations() {
        int[] calls = {0};
        Stats s = new Measure(2, 4, 100).time(() -> calls[0]++);
        assertEquals(6, calls[0]);
        assertEquals(4, s.iterations());
    }

    @Test
    void measureStopsAtTheTimeBudgetButTimesAtLeastThree() {
        int[] calls = {0};
        Stats s = new Measure(0, 50, 0.001).time(() -> {
            calls[0]++;
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(3, s.iterations());
        assertEquals(3, calls[0]);
    }
}
