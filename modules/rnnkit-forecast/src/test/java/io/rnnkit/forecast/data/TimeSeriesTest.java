package io.rnnkit.forecast.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeSeriesTest {
    private static final SeriesSpec SPEC = SeriesSpec.of("date", "temp").withFeatures("wind");

    @Test
    void readsColumnsInTargetThenFeatureOrder() {
        String csv = """
                date,wind,temp,weather
                2015-01-01,4.0,10.0,rain
                2015-01-02,5.0,11.5,sun
                """;
        TimeSeries s = TimeSeries.parseCsv(csv, "t.csv", SPEC);
        assertEquals(List.of("temp", "wind"), s.columns());
        assertEquals(2, s.size());
        assertEquals(LocalDate.of(2015, 1, 2), s.end());
        assertArrayEquals(new double[] {10.0, 11.5}, s.column("temp"));
        assertArrayEquals(new double[] {4.0, 5.0}, s.column("wind"));
        assertTrue(s.quality().isClean());
    }

    @Test
    void aStreamReadsAsItsFileDoes(@TempDir Path dir) throws IOException {
        byte[] csv = "date,temp,wind\n2015-01-01,10.0,4.0\n2015-01-03,12.0,\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("t.csv"), csv);
        TimeSeries fromFile = TimeSeries.readCsv(file, SPEC);
        TimeSeries fromStream = TimeSeries.readCsv(new ByteArrayInputStream(csv), "t.csv", SPEC);
        assertEquals(fromFile.size(), fromStream.size());
        assertArrayEquals(fromFile.column("temp"), fromStream.column("temp"));
        assertArrayEquals(fromFile.column("wind"), fromStream.column("wind"));
        assertEquals(fromFile.quality(), fromStream.quality());

        byte[] bad = {'d', 'a', 't', 'e', ',', 't', 'e', 'm', 'p', '\n', (byte) 0xFF, '\n'};
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> TimeSeries.readCsv(new ByteArrayInputStream(bad), "bad.csv", SPEC));
        assertTrue(e.getMessage().startsWith("cannot read bad.csv: ") && e.getCause() instanceof CharacterCodingException,
                e::toString);
    }

    @Test
    void missingColumnListsTheAvailableOnes() {
        String csv = "date,temp\n2015-01-01,10\n";
        SeriesFormatException e = assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(csv, "t.csv", SPEC));
        assertEquals("t.csv:1: no feature column 'wind'; available: date, temp", e.getMessage());
    }

    @Test
    void nonNumericValueNamesLineAndColumn() {
        String csv = "date,temp,wind\n2015-01-01,10,1\n2015-01-02,warm,1\n";
        SeriesFormatException e = assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(csv, "t.csv", SPEC));
        assertEquals("t.csv:3: non-numeric value 'warm' in column temp", e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void unsortedAndDuplicateDatesAreRefused() {
        String unsorted = "date,temp,wind\n2015-01-02,10,1\n2015-01-01,11,1\n";
        assertEquals("t.csv:3: dates are not sorted: 2015-01-01 comes after 2015-01-02",
                assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(unsorted, "t.csv", SPEC)).getMessage());
        String duplicate = "date,temp,wind\n2015-01-01,10,1\n2015-01-01,11,1\n";
        assertEquals("t.csv:3: duplicate date 2015-01-01",
                assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(duplicate, "t.csv", SPEC)).getMessage());
        String badDate = "date,temp,wind\n01/02/2015,10,1\n";
        assertEquals("t.csv:2: '01/02/2015' in column date is not an ISO date (yyyy-MM-dd)",
                assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(badDate, "t.csv", SPEC)).getMessage());
    }

    @Test
    void interpolatesMissingValuesAndDateGapsAndReportsThem() {
        String csv = """
                date,temp,wind
                2015-01-01,10,NA
                2015-01-02,,2
                2015-01-03,14,4
                2015-01-06,20,10
                """;
        TimeSeries s = TimeSeries.parseCsv(csv, "t.csv", SPEC);
        assertEquals(6, s.size());
        assertArrayEquals(new double[] {10, 12, 14, 16, 18, 20}, s.column("temp"), 1e-12);
        // before its first observation a column repeats the nearest value
        assertArrayEquals(new double[] {2, 2, 4, 6, 8, 10}, s.column("wind"), 1e-12);
        DataQualityReport q = s.quality();
        assertEquals(4, q.rowsRead());
        assertEquals(2, q.missingValues().size());
        assertEquals("line 2 (2015-01-01): wind is missing", q.missingValues().get(0).toString());
        assertEquals("line 3 (2015-01-02): temp is missing", q.missingValues().get(1).toString());
        assertEquals(1, q.gaps().size());
        assertEquals(2, q.gaps().get(0).missingDays());
        assertEquals(6, q.filledValues()); // 2 missing cells + 2 inserted days x 2 columns
        assertEquals("4 rows, 2 missing value(s), 1 date gap(s) (2 day(s)), 6 value(s) interpolated", q.summary());
    }

    @Test
    void refusePolicyRejectsMissingValuesAndGaps() {
        SeriesSpec refuse = SPEC.withMissingValues(MissingValuePolicy.REFUSE);
        String missing = "date,temp,wind\n2015-01-01,10,1\n2015-01-02,,1\n";
        assertEquals("t.csv:3: 1 missing value(s) and 0 date gap(s), refused by the missing-value policy; first: "
                        + "line 3 (2015-01-02): temp is missing",
                assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(missing, "t.csv", refuse)).getMessage());
        String gap = "date,temp,wind\n2015-01-01,10,1\n2015-01-04,11,1\n";
        assertEquals("t.csv:3: 0 missing value(s) and 1 date gap(s), refused by the missing-value policy; first: "
                        + "line 3: 2 day(s) missing between 2015-01-01 and 2015-01-04",
                assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(gap, "t.csv", refuse)).getMessage());
    }

    @Test
    void aSeriesSpansAtMostMaxDays() {
        TimeSeries longest = TimeSeries.parseCsv("date,temp,wind\n1500-01-01,1,1\n2047-07-31,2,1\n", "t.csv", SPEC);
        assertEquals(TimeSeries.MAX_DAYS, longest.size());
        String tooLong = "date,temp,wind\n1500-01-01,1,1\n1600-01-01,1,1\n2100-01-01,2,1\n";
        assertEquals("t.csv:4: date 2100-01-01 is 219146 days after the first date 1500-01-01; a series may span at "
                        + "most 200000 days",
                assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(tooLong, "t.csv", SPEC)).getMessage());
    }

    @Test
    void quotedCellsAndRaggedRows() {
        String csv = "date,temp,wind,note\n2015-01-01,10,1,\"cold, windy\"\n";
        assertEquals(1, TimeSeries.parseCsv(csv, "t.csv", SPEC).size());
        String ragged = "date,temp,wind\n2015-01-01,10\n";
        assertEquals("t.csv:2: expected 3 cells, found 2",
                assertThrows(SeriesFormatException.class, () -> TimeSeries.parseCsv(ragged, "t.csv", SPEC)).getMessage());
    }

    @Test
    void specRejectsTargetAmongFeatures() {
        assertThrows(IllegalArgumentException.class, () -> SeriesSpec.of("date", "temp").withFeatures("temp"));
    }
}
