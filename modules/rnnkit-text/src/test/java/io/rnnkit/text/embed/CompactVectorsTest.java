package io.rnnkit.text.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.text.io.CorpusFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactVectorsTest {
    @TempDir
    Path dir;

    private static WordVectors random(int n, int dim, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = (float) (r.nextGaussian() * 0.4);
            }
            m.put(i == 0 ? "café" : "w" + i, v);
        }
        m.put("zero", new float[dim]);
        return WordVectors.of(m);
    }

    private static byte[] bytes(WordVectors v, int words) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompactVectors.write(v, words, out);
        return out.toByteArray();
    }

    private static WordVectors read(byte[] b, long size) throws IOException {
        return CompactVectors.read(new ByteArrayInputStream(b), "v.rkv", size);
    }

    @Test
    void roundTripKeepsWordsAndOrderAndEachValueWithinHalfAStep() throws IOException {
        WordVectors original = random(200, 100, 3);
        Path file = dir.resolve("v.rkv");
        original.save(file, VectorFormat.COMPACT_8BIT);
        WordVectors back = WordVectors.load(file, VectorFormat.COMPACT_8BIT);
        assertEquals(original.words(), back.words());
        assertEquals(100, back.dimension());
        assertEquals(16 + 201 * (2 + 4 + 100) + "café".getBytes(StandardCharsets.UTF_8).length
                + 2 * 9 + 3 * 90 + 4 * 100 + "zero".length(), Files.size(file), "header + per word: length, word, scale, 100 bytes");
        for (String w : original.words()) {
            float[] a = original.vector(w);
            float max = 0;
            for (float x : a) {
                max = Math.max(max, Math.abs(x));
            }
            float step = max / 127;
            float[] c = back.vector(w);
            for (int j = 0; j < a.length; j++) {
                assertTrue(Math.abs(a[j] - c[j]) <= step / 2 * 1.0001f, w + "[" + j + "]: " + a[j] + " vs " + c[j]);
            }
        }
        assertArrayEquals(new float[100], back.vector("zero"));
        double[] cosine = CompactVectors.cosineToOriginal(original, back);
        assertTrue(cosine[0] > 0.9999 && cosine[1] > 0.9995, cosine[0] + " " + cosine[1]);
        assertEquals(VectorFormat.COMPACT_8BIT, VectorSource.detect(file));
    }

    @Test
    void writingIsDeterministicAndKeepsTheFirstWords() throws IOException {
        WordVectors v = random(50, 8, 1);
        assertArrayEquals(bytes(v, 10), bytes(v, 10));
        assertEquals(v.words().subList(0, 10), read(bytes(v, 10), -1).words());
        assertEquals(51, read(bytes(v, 1000), -1).size(), "all of them when fewer than asked");
        assertThrows(IllegalArgumentException.class, () -> bytes(v, 0));
        assertThrows(IllegalArgumentException.class, () -> bytes(WordVectors.of(Map.of("nan", new float[] {Float.NaN})), 1));
    }

    private static byte[] header(int count, int dim) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.write(CompactVectors.MAGIC);
        out.writeInt(count);
        out.writeInt(dim);
        return b.toByteArray();
    }

    private static String refusal(byte[] b, long size) {
        return assertThrows(CorpusFormatException.class, () -> read(b, size)).getMessage();
    }

    @Test
    void hostileInputIsRefusedOnOneLineBeforeAllocating() throws IOException {
        byte[] good = bytes(random(3, 4, 2), 10);
        assertEquals("v.rkv: file is empty", refusal(new byte[0], 0));
        assertEquals("v.rkv: not an rnnkit compact vectors file (it does not start with RNNKVEC1)",
                refusal("3 4\nabc".getBytes(StandardCharsets.US_ASCII), 8));
        assertEquals("v.rkv: the file ends inside its header", refusal(java.util.Arrays.copyOf(good, 12), 12));
        assertEquals("v.rkv: the header's vector count must be in [1, 10000000], found -1", refusal(header(-1, 4), 16));
        assertEquals("v.rkv: the header's dimension must be in [1, 4096], found 1000000", refusal(header(5, 1_000_000), 16));
        // Two billion values announced by a 16-byte file: refused from the file size, before any allocation.
        assertEquals("v.rkv: the header announces 10000000 vectors of 200 values, at least 2070000016 bytes, but the "
                + "file has 16", refusal(header(10_000_000, 200), 16));
        // The same from a stream of unknown length: the table grows only with what is read.
        assertEquals("v.rkv: the header says 10000000 vectors, the file ends inside vector 1 of 10000000",
                refusal(header(10_000_000, 200), -1));
        assertEquals("v.rkv: the header says 4 vectors, the file ends inside vector 4 of 4",
                refusal(java.util.Arrays.copyOf(good, good.length - 1), -1));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertEquals("v.rkv: unexpected data after the 4 vectors the header announces", refusal(longer, -1));

        byte[] badWord = good.clone();
        badWord[16] = 0;
        badWord[17] = 0;
        assertEquals("v.rkv: vector 1 of 4: word length 0 is not in [1, 1024]", refusal(badWord, -1));
        byte[] badUtf8 = good.clone();
        badUtf8[18] = (byte) 0xff;
        assertEquals("v.rkv: vector 1 of 4: invalid UTF-8 in the word", refusal(badUtf8, -1));
        byte[] nanScale = good.clone();
        int scaleAt = 16 + 2 + "café".getBytes(StandardCharsets.UTF_8).length;
        nanScale[scaleAt] = (byte) 0x7f;
        nanScale[scaleAt + 1] = (byte) 0xc0;
        assertTrue(refusal(nanScale, -1).startsWith("v.rkv: vector 1 of 4 ('café'): scale NaN is not a number in [0, "));
        byte[] duplicate = bytes(WordVectors.of(new LinkedHashMap<>(Map.of("ab", new float[] {1}, "cd", new float[] {2}))), 2);
        int second = duplicate.length - 1 - 4 - 2;
        duplicate[second] = duplicate[16 + 2];
        duplicate[second + 1] = duplicate[16 + 3];
        assertTrue(refusal(duplicate, -1).contains("duplicate word"), refusal(duplicate, -1));
        assertEquals(List.of("café", "w1", "w2", "zero"), read(good, good.length).words());
    }
}
