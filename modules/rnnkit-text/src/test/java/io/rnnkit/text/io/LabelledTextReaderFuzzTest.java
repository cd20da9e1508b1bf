package io.rnnkit.text.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Fuzz targets for {@link LabelledTextReader}: the input bytes as a JSON (array or lines), CSV or TSV file. Bad
 * input is a {@link CorpusFormatException} naming the file, never another exception; what is read keeps the
 * reader's promises, and skipping malformed records never changes what a strict read returns. Regression inputs
 * live in {@code LabelledTextReaderFuzzTestInputs/<method>/}; {@code scripts/fuzz} fuzzes them.
 *
 * <p>The bytes are read from memory ({@link LabelledTextReader#readAll(String, java.io.InputStream)}): the same
 * decoding and parsing as a file, whose methods only open it and delegate, without a file written and opened
 * for each of the two to four reads of an input.
 */
class LabelledTextReaderFuzzTest {
    @FuzzTest
    void json(byte[] input) {
        check("corpus.json", input, LabelledTextReader.json("text", "label"), false);
    }

    @FuzzTest
    void csv(byte[] input) {
        check("corpus.csv", input, LabelledTextReader.csv(Column.named("text"), Column.named("label")), true);
        check("corpus.csv", input, LabelledTextReader.csv(Column.at(1), Column.at(0)).withHeader(false), true);
    }

    @FuzzTest
    void tsv(byte[] input) {
        check("corpus.tsv", input, LabelledTextReader.tsv(Column.named("text"), Column.named("label")), true);
        check("corpus.tsv", input, LabelledTextReader.tsv(Column.at(1), Column.at(0)).withHeader(false), true);
    }

    /** Reads strictly and skipping: each gives records or a corpus error, and a strict read equals a skipping one. */
    private static void check(String file, byte[] input, LabelledTextReader reader, boolean oneRecordPerLine) {
        ReadResult<LabelledText> strict = read(file, input, reader.onMalformed(OnMalformed.FAIL), oneRecordPerLine);
        ReadResult<LabelledText> lenient = read(file, input, reader.onMalformed(OnMalformed.SKIP), oneRecordPerLine);
        if (strict != null) {
            assertNotNull(lenient, "what reads strictly also reads when skipping");
            assertEquals(strict.records(), lenient.records(), "skipping changes nothing in a well-formed file");
            assertEquals(strict.skipped().count(), lenient.skipped().count());
        }
    }

    private static ReadResult<LabelledText> read(String file, byte[] input, LabelledTextReader reader,
            boolean oneRecordPerLine) {
        ReadResult<LabelledText> result;
        try {
            result = reader.readAll(file, new ByteArrayInputStream(input));
        } catch (CorpusFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ":"), () -> "the message names the file: " + e.getMessage());
            assertFalse(e.problem().isBlank());
            return null;
        }
        assertFalse(result.records().isEmpty(), "a file without records is an error");
        long previousLine = 0;
        for (LabelledText t : result.records()) {
            assertFalse(t.text().isBlank(), "a record has a text");
            assertFalse(t.label().isEmpty(), "a record has a label");
            assertEquals(t.label().strip(), t.label(), "labels are stripped");
            assertEquals(file, t.location().source());
            long line = t.location().line();
            assertTrue(line >= 1 && (oneRecordPerLine ? line > previousLine : line >= previousLine),
                    () -> "records in file order: line " + line + " after " + t);
            previousLine = line;
        }
        return result;
    }
}
