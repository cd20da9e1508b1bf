package io.rnnkit.forecast.data;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WindowingTest {

    @Test
    void originsRespectLookbackHorizonStrideAndBounds() {
        WindowSpec w = new WindowSpec(3, 2, 2);
        // targets must lie in [0, 10): first origin 3 (needs rows 0..2), last origin 8 (targets 8, 9)
        assertArrayEquals(new int[] {3, 5, 7}, w.origins(0, 10));
        assertArrayEquals(new int[] {6, 8}, w.origins(6, 10));
        assertArrayEquals(new int[0], w.origins(9, 10));
    }

    @Test
    void inputsArePastOnlyAndTargetsAreTheNextDays() {
        WindowSpec w = new WindowSpec(3, 2, 1);
        double[][] features = new double[8][2];
        double[] target = new double[8];
        for (int r = 0; r < 8; r++) {
            features[r][0] = r;
            features[r][1] = 100 + r;
            target[r] = r;
        }
        int[] origins = w.origins(0, 8);
        double[][][] x = w.inputs(features, origins);
        double[][] y = w.targets(target, origins);
        assertEquals(origins.length, x.length);
        assertEquals(2, x[0].length);
        assertEquals(3, x[0][0].length);
        assertArrayEquals(new double[] {0, 1, 2}, x[0][0]);
        assertArrayEquals(new double[] {100, 101, 102}, x[0][1]);
        assertArrayEquals(new double[] {3, 4}, y[0]);
        int last = origins.length - 1;
        assertArrayEquals(new double[] {3, 4, 5}, x[last][0]);
        assertArrayEquals(new double[] {6, 7}, y[last]);
    }

    @Test
    void badWindowSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(3, 0, 1));
    }

    @Test
    void normalizerUsesTrainingRowsOnlyAndRoundTripsThroughJson() {
        TimeSeries s = TimeSeries.of(LocalDate.of(2015, 1, 1), List.of("a", "b"),
                new double[][] {{1, 3, 1000}, {5, 5, 5}});
        Normalizer n = Normalizer.fit(s, 2);
        assertEquals(2.0, n.mean(0), 1e-12); // the 1000 in row 2 is not seen
        assertEquals(1.0, n.std(0), 1e-12);
        assertEquals(1.0, n.std(1), 1e-12); // constant column: std 1, not a division by zero
        assertEquals(998.0, n.normalize(0, 1000), 1e-12);
        assertEquals(1000.0, n.denormalize(0, n.normalize(0, 1000)), 1e-12);
        Normalizer back = Normalizer.fromJson(n.toJson());
        assertEquals(n, back);
        assertThrows(IllegalArgumentException.class, () -> Normalizer.fromJson("{\"columns\":[\"a\"]}"));
    }

    @Test
    void splitTakesValidationFromTheEndOfTheTrainingYears() {
        TimeSeries s = TimeSeries.of(LocalDate.of(2012, 1, 1), List.of("t"), new double[][] {new double[1461]});
        TimeSplit split = TimeSplit.beforeTest(s, LocalDate.of(2015, 1, 1), 0.2);
        assertEquals(LocalDate.of(2015, 1, 1), split.testFrom());
        assertEquals(LocalDate.of(2014, 5, 27), split.validationFrom());
        assertEquals(877, split.trainRows(s));
        assertThrows(IllegalArgumentException.class, () -> TimeSplit.beforeTest(s, LocalDate.of(2020, 1, 1), 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> new TimeSplit(LocalDate.of(2015, 1, 1), LocalDate.of(2014, 1, 1)));
    }

    @Test
    void calendarFeaturesWrapAroundTheYear() {
        double[] jan1 = CalendarFeatures.of(LocalDate.of(2015, 1, 1));
        assertEquals(0.0, jan1[0], 1e-12);
        assertEquals(1.0, jan1[1], 1e-12);
        double[] dec31 = CalendarFeatures.of(LocalDate.of(2015, 12, 31));
        assertEquals(1.0, dec31[1], 1e-3);
    }
}
