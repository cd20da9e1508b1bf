package io.rnnkit.forecast.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A time-ordered train / validation / test split, by the date of the first forecast day of each window:
 * training windows forecast days before {@code validationFrom}, validation windows days in
 * {@code [validationFrom, testFrom)}, test windows days from {@code testFrom} on. A window never has a target
 * day in a later period than its own, and examples are never shuffled across periods. Input windows may reach
 * back into an earlier period: that is observed history, as it would be in real use.
 *
 * @param validationFrom the first day of the validation period
 * @param testFrom       the first day of the test period
 */
public record TimeSplit(LocalDate validationFrom, LocalDate testFrom) {

    public TimeSplit {
        Objects.requireNonNull(validationFrom, "validationFrom");
        Objects.requireNonNull(testFrom, "testFrom");
        if (!validationFrom.isBefore(testFrom)) {
            throw new IllegalArgumentException("validation must start before the test period: " + validationFrom
                    + " is not before " + testFrom);
        }
    }

    /**
     * The default split: test from {@code testFrom}, validation the last {@code validationFraction} of the days
     * before it (for Seattle 2012–2015 with the test on 2015 and 0.2: validation from 2014-05-27).
     */
    public static TimeSplit beforeTest(TimeSeries series, LocalDate testFrom, double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        int testRow = series.rowOf(testFrom);
        if (testRow <= 0 || testRow >= series.size()) {
            throw new IllegalArgumentException("test start " + testFrom + " must fall inside the series " + series.start()
                    + ".." + series.end());
        }
        int trainRows = (int) Math.round(testRow * (1 - validationFraction));
        if (trainRows < 2 || trainRows >= testRow) {
            throw new IllegalArgumentException("too few days before " + testFrom + " for a validation fraction of "
                    + validationFraction);
        }
        return new TimeSplit(series.date(trainRows), testFrom);
    }

    /** The number of training rows of {@code series}: those before {@link #validationFrom()}. */
    public int trainRows(TimeSeries series) {
        return series.rowOf(validationFrom);
    }
}
