package io.rnnkit.forecast.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable daily series: one row per calendar day with no gaps, a target column and optional feature
 * columns, all numeric and complete.
 *
 * <p>Read one with {@link #readCsv(Path, SeriesSpec)}. Missing values and absent days are handled by the
 * spec's {@link MissingValuePolicy} and always listed in {@link #quality()}. A series read from CSV spans at most
 * {@link #MAX_DAYS} days.
 */
public final class TimeSeries {
    /**
     * The most days a series read from CSV may span, first date to last: about 550 years, longer than any daily
     * record kept. Every absent day in between becomes a row, so without a bound two dates far apart would make a
     * few bytes of CSV fill memory.
     */
    public static final int MAX_DAYS = 200_000;

    private static final Set<String> MISSING_MARKERS = Set.of("", "na", "n/a", "nan", "null", "none", "?");

    private final String dateColumn;
    private final List<String> columns;
    private final LocalDate[] dates;
    private final double[][] values; // [column][row]
    /** {@code filled[column][row]}: the value was interpolated, not observed; null when every value was observed. */
    private final boolean[][] filled;
    private final DataQualityReport quality;

    private TimeSeries(String dateColumn, List<String> columns, LocalDate[] dates, double[][] values,
                       DataQualityReport quality) {
        this(dateColumn, columns, dates, values, null, quality);
    }

    private TimeSeries(String dateColumn, List<String> columns, LocalDate[] dates, double[][] values,
                       boolean[][] filled, DataQualityReport quality) {
        this.dateColumn = dateColumn;
        this.columns = List.copyOf(columns);
        this.dates = dates;
        this.values = values;
        this.filled = filled;
        this.quality = quality;
    }

    /**
     * A series from values already in memory.
     *
     * @param start   the date of the first row; row {@code i} is {@code start + i} days
     * @param columns column names, the target first
     * @param values  {@code values[column][row]}, all finite and of equal length
     */
    public static TimeSeries of(LocalDate start, List<String> columns, double[][] values) {
        Objects.requireNonNull(start, "start");
        if (columns.isEmpty() || columns.size() != values.length) {
            throw new IllegalArgumentException("need one value array per column: " + columns.size() + " names, "
                    + values.length + " arrays");
        }
        int n = values[0].length;
        double[][] copy = new double[values.length][];
        for (int c = 0; c < values.length; c++) {
            if (values[c].length != n) {
                throw new IllegalArgumentException("column '" + columns.get(c) + "' has " + values[c].length
                        + " values, expected " + n);
            }
            for (int r = 0; r < n; r++) {
                if (!Double.isFinite(values[c][r])) {
                    throw new IllegalArgumentException("column '" + columns.get(c) + "' row " + r + " is not finite");
                }
            }
            copy[c] = values[c].clone();
        }
        LocalDate[] dates = new LocalDate[n];
        for (int r = 0; r < n; r++) {
            dates[r] = start.plusDays(r);
        }
        return new TimeSeries("date", columns, dates, copy, new DataQualityReport(n, List.of(), List.of(), 0));
    }

    /** Reads a CSV file (header row, comma-separated, optional double quotes). */
    public static TimeSeries readCsv(Path csv, SeriesSpec spec) {
        try (InputStream in = Files.newInputStream(csv)) {
            return readUtf8(in, csv.getFileName().toString(), spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV from a stream of UTF-8 bytes (in memory, a class-path resource), decoded and parsed exactly as a
     * file by {@link #readCsv(Path, SeriesSpec)}; the stream is not closed.
     *
     * @param sourceName names the stream in error messages, as a file's name does
     * @throws UncheckedIOException when the stream cannot be read or is not valid UTF-8 (a
     *                              {@link java.nio.charset.CharacterCodingException} as its cause)
     */
    public static TimeSeries readCsv(InputStream in, String sourceName, SeriesSpec spec) {
        try {
            return readUtf8(Objects.requireNonNull(in, "in"), sourceName, spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    /** Strict UTF-8, as {@link Files#newBufferedReader(Path, java.nio.charset.Charset)} decodes a file. */
    private static TimeSeries readUtf8(InputStream in, String source, SeriesSpec spec) throws IOException {
        return readCsv(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), source, spec);
    }

    /** Reads CSV text, e.g. a small in-memory table; {@code sourceName} appears in error messages. */
    public static TimeSeries parseCsv(String csvText, String sourceName, SeriesSpec spec) {
        try {
            return readCsv(new StringReader(csvText), sourceName, spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TimeSeries readCsv(Reader reader, String source, SeriesSpec spec) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String headerLine = in.readLine();
        if (headerLine == null) {
            throw new SeriesFormatException(source, 0, "the file is empty (expected a header row)");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = splitCsvLine(headerLine, source, 1).stream().map(String::trim).toList();
        int dateIndex = columnIndex(header, spec.dateColumn(), "date", source);
        List<String> valueColumns = spec.valueColumns();
        int[] valueIndex = new int[valueColumns.size()];
        for (int c = 0; c < valueIndex.length; c++) {
            valueIndex[c] = columnIndex(header, valueColumns.get(c), c == 0 ? "target" : "feature", source);
        }

        List<LocalDate> dates = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<DataQualityReport.MissingValue> missing = new ArrayList<>();
        List<DataQualityReport.DateGap> gaps = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = splitCsvLine(line, source, lineNo);
            if (cells.size() != header.size()) {
                throw new SeriesFormatException(source, lineNo, "expected " + header.size() + " cells, found " + cells.size());
            }
            String dateText = cells.get(dateIndex).trim();
            LocalDate date;
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                throw new SeriesFormatException(source, lineNo, "'" + dateText + "' in column " + spec.dateColumn()
                        + " is not an ISO date (yyyy-MM-dd)");
            }
            if (!dates.isEmpty()) {
                LocalDate previous = dates.get(dates.size() - 1);
                if (date.equals(previous)) {
                    throw new SeriesFormatException(source, lineNo, "duplicate date " + date);
                }
                if (date.isBefore(previous)) {
                    throw new SeriesFormatException(source, lineNo, "dates are not sorted: " + date + " comes after "
                            + previous);
                }
                if (date.toEpochDay() - dates.get(0).toEpochDay() >= MAX_DAYS) {
                    throw new SeriesFormatException(source, lineNo, "date " + date + " is "
                            + (date.toEpochDay() - dates.get(0).toEpochDay()) + " days after the first date "
                            + dates.get(0) + "; a series may span at most " + MAX_DAYS + " days");
                }
                if (date.toEpochDay() - previous.toEpochDay() > 1) {
                    gaps.add(new DataQualityReport.DateGap(lineNo, previous, date));
                }
            }
            double[] row = new double[valueIndex.length];
            for (int c = 0; c < valueIndex.length; c++) {
                String text = cells.get(valueIndex[c]).trim();
                if (MISSING_MARKERS.contains(text.toLowerCase(Locale.ROOT))) {
                    row[c] = Double.NaN;
                    missing.add(new DataQualityReport.MissingValue(lineNo, date, valueColumns.get(c)));
                    continue;
                }
                try {
                    row[c] = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    row[c] = Double.NaN;
                }
                if (!Double.isFinite(row[c])) {
                    throw new SeriesFormatException(source, lineNo, "non-numeric value '" + text + "' in column "
                            + valueColumns.get(c));
                }
            }
            dates.add(date);
            lines.add(lineNo);
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new SeriesFormatException(source, 0, "no data rows after the header");
        }
        if (spec.missingValues() == MissingValuePolicy.REFUSE && (!missing.isEmpty() || !gaps.isEmpty())) {
            String first = !missing.isEmpty() ? missing.get(0).toString() : gaps.get(0).toString();
            int firstLine = !missing.isEmpty() ? missing.get(0).line() : gaps.get(0).line();
            throw new SeriesFormatException(source, firstLine, missing.size() + " missing value(s) and " + gaps.size()
                    + " date gap(s), refused by the missing-value policy; first: " + first);
        }
        return fill(source, spec.dateColumn(), valueColumns, dates, rows, missing, gaps);
    }

    /** Lays the rows on a gap-free calendar and interpolates every hole column by column. */
    private static TimeSeries fill(String source, String dateColumn, List<String> columns, List<LocalDate> dates, List<double[]> rows,
                                   List<DataQualityReport.MissingValue> missing, List<DataQualityReport.DateGap> gaps) {
        LocalDate first = dates.get(0);
        int n = (int) (dates.get(dates.size() - 1).toEpochDay() - first.toEpochDay() + 1);
        double[][] values = new double[columns.size()][n];
        for (double[] column : values) {
            Arrays.fill(column, Double.NaN);
        }
        for (int i = 0; i < rows.size(); i++) {
            int r = (int) (dates.get(i).toEpochDay() - first.toEpochDay());
            for (int c = 0; c < columns.size(); c++) {
                values[c][r] = rows.get(i)[c];
            }
        }
        int filled = 0;
        boolean[][] wasFilled = new boolean[columns.size()][n];
        for (int c = 0; c < columns.size(); c++) {
            for (int r = 0; r < n; r++) {
                wasFilled[c][r] = Double.isNaN(values[c][r]);
            }
            filled += interpolate(values[c], source, columns.get(c));
        }
        LocalDate[] calendar = new LocalDate[n];
        for (int r = 0; r < n; r++) {
            calendar[r] = first.plusDays(r);
        }
        return new TimeSeries(dateColumn, columns, calendar, values, filled == 0 ? null : wasFilled,
                new DataQualityReport(rows.size(), missing, gaps, filled));
    }

    /** Fills NaNs linearly between neighbours (nearest value at the ends); returns how many were filled. */
    private static int interpolate(double[] v, String source, String column) {
        int filled = 0;
        int previous = -1;
        for (int r = 0; r < v.length; r++) {
            if (Double.isNaN(v[r])) {
                continue;
            }
            if (r - previous > 1) {
                for (int k = previous + 1; k < r; k++) {
                    v[k] = previous < 0 ? v[r] : v[previous] + (v[r] - v[previous]) * (k - previous) / (r - previous);
                    filled++;
                }
            }
            previous = r;
        }
        if (previous < 0) {
            throw new SeriesFormatException(source, 0, "column " + column + " has no values at all");
        }
        for (int k = previous + 1; k < v.length; k++) {
            v[k] = v[previous];
            filled++;
        }
        return filled;
    }

    private static int columnIndex(List<String> header, String name, String role, String source) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new SeriesFormatException(source, 1, "no " + role + " column '" + name + "'; available: "
                    + String.join(", ", header));
        }
        return i;
    }

    /** Splits one CSV line, honouring double-quoted cells with "" escapes. */
    private static List<String> splitCsvLine(String line, String source, int lineNo) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new SeriesFormatException(source, lineNo, "unterminated double quote");
        }
        cells.add(cell.toString());
        return cells;
    }

    /** The name of the date column in the source ({@code date} for series built in memory). */
    public String dateColumn() {
        return dateColumn;
    }

    /** The spec that reads a file with the same columns as this series (missing values interpolated). */
    public SeriesSpec spec() {
        return new SeriesSpec(dateColumn, columns.get(0), columns.subList(1, columns.size()),
                MissingValuePolicy.INTERPOLATE);
    }

    /** Column names: the target first, then the features. */
    public List<String> columns() {
        return columns;
    }

    /** The target column's name. */
    public String targetName() {
        return columns.get(0);
    }

    /** The number of rows (days). */
    public int size() {
        return dates.length;
    }

    /** The date of row {@code row}. */
    public LocalDate date(int row) {
        return dates[row];
    }

    /** The first date. */
    public LocalDate start() {
        return dates[0];
    }

    /** The last date. */
    public LocalDate end() {
        return dates[dates.length - 1];
    }

    /** The value of column {@code column} (index into {@link #columns()}) at row {@code row}. */
    public double value(int column, int row) {
        return values[column][row];
    }

    /** The target value at {@code row}. */
    public double target(int row) {
        return values[0][row];
    }

    /** A copy of one column's values. */
    public double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; available: " + String.join(", ", columns));
        }
        return values[c].clone();
    }

    /**
     * The row of {@code date}; a date before the start gives 0 and one after the end gives {@link #size()}, so
     * the result can be used as a slice bound.
     */
    public int rowOf(LocalDate date) {
        long offset = date.toEpochDay() - dates[0].toEpochDay();
        return (int) Math.max(0, Math.min(dates.length, offset));
    }

    /** Rows {@code [from, to)} as a new series. */
    public TimeSeries slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("bad slice [" + from + ", " + to + ") of a series of " + size() + " rows");
        }
        double[][] part = new double[values.length][];
        boolean[][] partFilled = filled == null ? null : new boolean[values.length][];
        for (int c = 0; c < values.length; c++) {
            part[c] = Arrays.copyOfRange(values[c], from, to);
            if (partFilled != null) {
                partFilled[c] = Arrays.copyOfRange(filled[c], from, to);
            }
        }
        return new TimeSeries(dateColumn, columns, Arrays.copyOfRange(dates, from, to), part, partFilled,
                new DataQualityReport(to - from, List.of(), List.of(), 0));
    }

    /** The rows up to and including {@code last}. */
    public TimeSeries until(LocalDate last) {
        return slice(0, rowOf(last.plusDays(1)));
    }

    /** This series with one value replaced (for what-if checks). */
    public TimeSeries withValue(String column, int row, double value) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column '" + column + "'; available: " + String.join(", ", columns));
        }
        double[][] copy = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            copy[k] = values[k].clone();
        }
        copy[c][row] = value;
        boolean[][] copyFilled = null;
        if (filled != null) {
            copyFilled = new boolean[filled.length][];
            for (int k = 0; k < filled.length; k++) {
                copyFilled[k] = filled[k].clone();
            }
            copyFilled[c][row] = false;
        }
        return new TimeSeries(dateColumn, columns, dates, copy, copyFilled, quality);
    }

    /**
     * Whether the value of {@code column} on {@code row} was interpolated (missing in the file, or on a day the
     * file skipped) rather than observed. Interpolated values feed the model's inputs, but are never scored or
     * shown as what happened.
     */
    public boolean isFilled(int column, int row) {
        return filled != null && filled[column][row];
    }

    /** {@link #isFilled(int, int)} for the target column. */
    public boolean isTargetFilled(int row) {
        return isFilled(0, row);
    }

    /** What was missing in the source and how it was filled. */
    public DataQualityReport quality() {
        return quality;
    }

    @Override
    public String toString() {
        return "TimeSeries[" + columns + ", " + size() + " days " + start() + ".." + end() + "]";
    }
}
