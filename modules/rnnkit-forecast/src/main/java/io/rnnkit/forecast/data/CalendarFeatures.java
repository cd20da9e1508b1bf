package io.rnnkit.forecast.data;

import java.time.LocalDate;

/**
 * Day-of-year as a point on the unit circle, so that 31 December and 1 January are neighbours:
 * {@code sin(2π·d/L)}, {@code cos(2π·d/L)} with {@code d} the zero-based day of the year and {@code L} the
 * length of that year (365 or 366).
 */
public final class CalendarFeatures {
    /** The number of calendar features. */
    public static final int COUNT = 2;

    private CalendarFeatures() {
    }

    /** {@code {sin, cos}} of the day of the year of {@code date}. */
    public static double[] of(LocalDate date) {
        double angle = 2 * Math.PI * (date.getDayOfYear() - 1) / date.lengthOfYear();
        return new double[] {Math.sin(angle), Math.cos(angle)};
    }
}
