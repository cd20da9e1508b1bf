package io.rnnkit.forecast.baseline;

import io.rnnkit.forecast.data.TimeSeries;

import java.util.Arrays;

/**
 * The persistence forecast: every day of the horizon equals the last observed value. For a forecast whose
 * first day is row {@code t} that is the target at row {@code t - 1}; so the persistence forecast of
 * 1 January 2015 is the observation of 31 December 2014. A value the series interpolated is not an observation:
 * the forecast then repeats the last day before it that was observed.
 */
public final class Persistence {
    private Persistence() {
    }

    /** The persistence forecast of rows {@code [origin, origin + horizon)}. */
    public static double[] forecast(TimeSeries series, int origin, int horizon) {
        if (origin < 1 || origin > series.size()) {
            throw new IllegalArgumentException("persistence needs the day before row " + origin + " (series of "
                    + series.size() + " rows)");
        }
        int last = origin - 1;
        while (last > 0 && series.isTargetFilled(last)) {
            last--;
        }
        double[] f = new double[horizon];
        Arrays.fill(f, series.target(last));
        return f;
    }
}
