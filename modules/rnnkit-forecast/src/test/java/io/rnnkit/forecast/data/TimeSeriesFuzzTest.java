package io.rnnkit.forecast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the time-series CSV reader: the input as CSV text ({@link TimeSeries#parseCsv}) and as the bytes
 * of a file ({@link TimeSeries#readCsv(java.io.InputStream, String, SeriesSpec)}, the strict UTF-8 decoding and
 * parsing that {@link TimeSeries#readCsv(java.nio.file.Path, SeriesSpec)} delegates to, without a file written per
 * input), under both missing-value policies. Bad input is a {@link SeriesFormatException}
 * (or, for a file that is not UTF-8, an {@link UncheckedIOException}), never another exception; a series read is
 * a gap-free calendar of finite values. Regression inputs live in {@code TimeSeriesFuzzTestInputs/<method>/}.
 */
class TimeSeriesFuzzTest {
    private static final SeriesSpec TARGET_ONLY = SeriesSpec.of("date", "temp");
    private static final SeriesSpec WITH_FEATURE = TARGET_ONLY.withFeatures("wind");

    @FuzzTest
    void readCsv(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        check(() -> TimeSeries.parseCsv(text, "t.csv", TARGET_ONLY), TARGET_ONLY);
        SeriesSpec refuse = WITH_FEATURE.withMissingValues(MissingValuePolicy.REFUSE);
        check(() -> TimeSeries.parseCsv(text, "t.csv", refuse), refuse);

        try {
            check(() -> TimeSeries.readCsv(new ByteArrayInputStream(input), "t.csv", WITH_FEATURE), WITH_FEATURE);
        } catch (UncheckedIOException e) {
            assertTrue(e.getCause() instanceof CharacterCodingException, () -> "only invalid UTF-8: " + e);
        }
    }

    private interface Reading {
        TimeSeries read();
    }

    private static void check(Reading reading, SeriesSpec spec) {
        TimeSeries series;
        try {
            series = reading.read();
        } catch (SeriesFormatException e) {
            assertTrue(e.getMessage().startsWith(e.source()) && e.line() >= 0, () -> "names the file: " + e);
            return;
        }
        assertEquals(spec.valueColumns(), series.columns());
        DataQualityReport quality = series.quality();
        assertTrue(series.size() >= 1 && quality.rowsRead() >= 1 && quality.rowsRead() <= series.size());
        assertEquals(series.size() - quality.rowsRead(), quality.missingDays(), "absent days are listed as gaps");
        for (int r = 0; r < series.size(); r++) {
            assertEquals(series.start().plusDays(r), series.date(r), "one row per day");
            for (int c = 0; c < series.columns().size(); c++) {
                assertTrue(Double.isFinite(series.value(c, r)), "finite values only");
            }
        }
        if (spec.missingValues() == MissingValuePolicy.REFUSE) {
            assertTrue(quality.isClean(), "a refusing read has nothing to fill");
        }
    }
}
