package io.rnnkit.text.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rnnkit.text.io.CorpusFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz targets for the word-vector readers, which {@code --vectors} points at any file: the input as an rnnkit
 * compact stream of unknown length ({@code compact}), and as a file read in the format detected from its bytes
 * ({@code anyFormat}: compact, word2vec text or binary, GloVe text). Bad input is a {@link CorpusFormatException}
 * naming the source, never another exception; compact vectors read back write and read again to the same words.
 * Regression inputs live in {@code WordVectorsFuzzTestInputs/<method>/}; {@code scripts/fuzz} fuzzes them.
 */
class WordVectorsFuzzTest {
    @TempDir
    static Path dir;

    @FuzzTest
    void compact(byte[] input) throws IOException {
        WordVectors v;
        try {
            v = CompactVectors.read(new ByteArrayInputStream(input), "fuzz.rkv", -1);
        } catch (CorpusFormatException e) {
            assertTrue(e.getMessage().startsWith("fuzz.rkv: "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            return;
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        CompactVectors.write(v, v.size(), again);
        assertEquals(v.words(), CompactVectors.read(new ByteArrayInputStream(again.toByteArray()), "again", -1).words());
    }

    @FuzzTest
    void anyFormat(byte[] input) throws IOException {
        Path file = Files.write(dir.resolve("vectors"), input);
        try {
            WordVectors v = WordVectors.load(file, VectorSource.detect(file));
            assertTrue(v.size() > 0 && v.dimension() > 0 && v.dimension() <= CompactVectors.MAX_DIMENSION);
        } catch (CorpusFormatException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }
}
