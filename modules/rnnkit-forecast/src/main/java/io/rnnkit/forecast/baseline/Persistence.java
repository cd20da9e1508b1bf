package io.rnnkit.forecast.baseline;

import io.rnnkit.forecast.data.TimeSeries;

import java.util.Arrays;

/**
 * The persistence forecast: every day of the horizon equals the last observed value. For a forecast whose
 * first day is row {@code t} that is the target at row {@code t - 1}; so the persistence forecast of
 * 1 January 2015 is the observation of 31 December 2014.
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
        double[] f = new double[horizon];
        Arrays.fill(f, series.target(origin - 1));
        return f;
    }
}
