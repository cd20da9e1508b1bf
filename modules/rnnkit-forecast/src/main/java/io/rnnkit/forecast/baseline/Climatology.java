package io.rnnkit.forecast.baseline;

import io.rnnkit.forecast.data.TimeSeries;

import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.Map;

/**
 * The climatology forecast: the mean target of the same calendar day (month and day) over the fitting rows.
 *
 * <p>29 February occurs in one year of four, so its own mean would rest on one or two observations; it is
 * forecast instead as the mean of all observations of 28 February, 29 February and 1 March.
 */
public final class Climatology {
    private static final MonthDay LEAP_DAY = MonthDay.of(Month.FEBRUARY, 29);

    private final Map<MonthDay, double[]> sums; // {sum, count}

    private Climatology(Map<MonthDay, double[]> sums) {
        this.sums = sums;
    }

    /** Fits on the target of rows {@code [0, rows)} of {@code series}. */
    public static Climatology fit(TimeSeries series, int rows) {
        if (rows < 1 || rows > series.size()) {
            throw new IllegalArgumentException("need 1.." + series.size() + " rows to fit a climatology, got " + rows);
        }
        Map<MonthDay, double[]> sums = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            double[] s = sums.computeIfAbsent(MonthDay.from(series.date(r)), d -> new double[2]);
            s[0] += series.target(r);
            s[1]++;
        }
        return new Climatology(sums);
    }

    /**
     * The climatological value for {@code date}.
     *
     * @throws IllegalArgumentException if the fitting rows never contained that calendar day
     */
    public double predict(LocalDate date) {
        MonthDay day = MonthDay.from(date);
        double sum = 0;
        double count = 0;
        if (day.equals(LEAP_DAY)) {
            for (MonthDay d : new MonthDay[] {MonthDay.of(Month.FEBRUARY, 28), LEAP_DAY, MonthDay.of(Month.MARCH, 1)}) {
                double[] s = sums.get(d);
                if (s != null) {
                    sum += s[0];
                    count += s[1];
                }
            }
        } else {
            double[] s = sums.get(day);
            if (s != null) {
                sum = s[0];
                count = s[1];
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the climatology has no observation of " + day
                    + "; fit it on at least one full year");
        }
        return sum / count;
    }
}
