package io.rnnkit.forecast.data;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was wrong with a series file and what was done about it.
 *
 * @param rowsRead      data rows in the file
 * @param missingValues missing cells, in file order
 * @param gaps          runs of calendar days absent between two consecutive rows
 * @param filledValues  cells filled by interpolation (missing cells plus every cell of an inserted day)
 */
public record DataQualityReport(int rowsRead, List<MissingValue> missingValues, List<DateGap> gaps, int filledValues) {

    public DataQualityReport {
        missingValues = List.copyOf(missingValues);
        gaps = List.copyOf(gaps);
    }

    /** One missing cell. */
    public record MissingValue(int line, LocalDate date, String column) {
        @Override
        public String toString() {
            return "line " + line + " (" + date + "): " + column + " is missing";
        }
    }

    /** Days absent between {@code after} and {@code before} (both present in the file). */
    public record DateGap(int line, LocalDate after, LocalDate before) {
        /** The number of absent days. */
        public long missingDays() {
            return before.toEpochDay() - after.toEpochDay() - 1;
        }

        @Override
        public String toString() {
            return "line " + line + ": " + missingDays() + " day(s) missing between " + after + " and " + before;
        }
    }

    /** Whether the file had neither missing values nor date gaps. */
    public boolean isClean() {
        return missingValues.isEmpty() && gaps.isEmpty();
    }

    /** The number of absent days over all gaps. */
    public long missingDays() {
        return gaps.stream().mapToLong(DateGap::missingDays).sum();
    }

    /** A one-line summary, e.g. {@code 1461 rows, 2 missing values, 1 gap (3 days), 8 values interpolated}. */
    public String summary() {
        return rowsRead + " rows, " + missingValues.size() + " missing value(s), " + gaps.size() + " date gap(s) ("
                + missingDays() + " day(s)), " + filledValues + " value(s) interpolated";
    }

    /** The report as plain values for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rowsRead);
        m.put("missing_values", missingValues.stream().map(MissingValue::toString).toList());
        m.put("date_gaps", gaps.stream().map(DateGap::toString).toList());
        m.put("filled_values", filledValues);
        return m;
    }

    @Override
    public String toString() {
        return summary();
    }
}
