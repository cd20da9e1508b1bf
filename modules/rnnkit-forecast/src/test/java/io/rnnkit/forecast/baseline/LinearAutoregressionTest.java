package io.rnnkit.forecast.baseline;

import io.rnnkit.forecast.data.TimeSeries;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearAutoregressionTest {
    /** y[t] = 0.6·y[t-1] − 0.2·y[t-2] + 0.5·x[t-1] + 3, x random: a linear model of 2 lags must find it exactly. */
    private static TimeSeries linearSeries(int days) {
        Random random = new Random(11);
        double[] y = new double[days];
        double[] x = new double[days];
        for (int t = 0; t < days; t++) {
            x[t] = random.nextGaussian() * 4;
            y[t] = t < 2 ? 1 : 0.6 * y[t - 1] - 0.2 * y[t - 2] + 0.5 * x[t - 1] + 3;
        }
        return TimeSeries.of(LocalDate.of(2000, 1, 1), List.of("y", "x"), new double[][] {y, x});
    }

    @Test
    void recoversALinearProcessExactlyAndForecastsUnseenDays() {
        TimeSeries s = linearSeries(400);
        LinearAutoregression model = LinearAutoregression.fit(s, 300, 2, 1, 0);
        for (int origin = 300; origin < 400; origin++) {
            assertEquals(s.target(origin), model.predict(s, origin), 1e-7, "row " + origin);
        }
        // the same process scored 3 days ahead from the fitted model's point of view: its change is learnt too
        LinearAutoregression threeDays = LinearAutoregression.fit(s, 300, 2, 3, 0);
        assertTrue(Double.isFinite(threeDays.predict(s, 397)));
    }

    @Test
    void refusesTooFewRowsAndWindowsOutsideTheSeries() {
        TimeSeries s = linearSeries(40);
        // inputs: bias, 2 days × 2 columns, the calendar pair = 7 coefficients; 8 rows give 6 windows
        assertEquals("too few rows for a linear model: 6 windows for 7 coefficients",
                assertThrows(IllegalArgumentException.class, () -> LinearAutoregression.fit(s, 8, 2, 1, 0))
                        .getMessage());
        LinearAutoregression m = LinearAutoregression.fit(s, 40, 2, 1, 1.0);
        assertThrows(IllegalArgumentException.class, () -> m.predict(s, 1));
        assertThrows(IllegalArgumentException.class, () -> m.predict(s, 40));
        assertThrows(IllegalArgumentException.class, () -> LinearAutoregression.fit(s, 40, 0, 1, 0));
    }

    @Test
    void gaussianEliminationSolvesAPivotingSystem() {
        double[][] a = {{0, 2, 1}, {1, 1, 0}, {3, 0, 1}};
        double[] x = LinearAutoregression.solve(a, new double[] {5, 3, 4});
        assertEquals(1, x[0], 1e-12);
        assertEquals(2, x[1], 1e-12);
        assertEquals(1, x[2], 1e-12);
    }
}
