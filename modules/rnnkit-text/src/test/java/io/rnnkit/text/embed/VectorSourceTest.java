package io.rnnkit.text.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form a {@code --vectors} value may take, on the small fixture files beside this test. */
class VectorSourceTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(VectorSourceTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void word2vecTextAndBinaryAndGloveTextAreDetectedAndReadAlike() throws Exception {
        for (String name : List.of("tiny-glove.txt", "tiny-word2vec.txt", "tiny-word2vec.bin")) {
            WordVectors v = VectorSource.load(fixture(name).toString());
            assertEquals(List.of("good", "bad", "movie"), v.words(), name);
            assertArrayEquals(new float[] {0.5f, 0.25f, -1.0f}, v.vector("good"), name);
            assertArrayEquals(new float[] {0.0f, 1.5f, 0.125f}, v.vector("movie"), name);
        }
        assertEquals(VectorFormat.GLOVE_TEXT, VectorSource.detect(fixture("tiny-glove.txt")));
        assertEquals(VectorFormat.WORD2VEC_TEXT, VectorSource.detect(fixture("tiny-word2vec.txt")));
        assertEquals(VectorFormat.WORD2VEC_BINARY, VectorSource.detect(fixture("tiny-word2vec.bin")));
        // A binary file without the .bin extension is still binary: the content decides, not the name.
        Path renamed = Files.copy(fixture("tiny-word2vec.bin"), dir.resolve("vectors.w2v"));
        assertEquals(VectorFormat.WORD2VEC_BINARY, VectorSource.detect(renamed));
        Path compact = dir.resolve("tiny.rkv");
        VectorSource.load(fixture("tiny-glove.txt").toString()).save(compact, VectorFormat.COMPACT_8BIT);
        assertEquals(List.of("good", "bad", "movie"), VectorSource.load(compact.toString()).words());
    }

    @Test
    void anExplicitFormatIsUsedAndAWrongOneSaysWhatItFound() {
        String glove = fixture("tiny-glove.txt").toString();
        assertEquals(3, VectorSource.load(glove, VectorSource.format("glove-text")).size());
        String message = assertThrows(IllegalArgumentException.class,
                () -> VectorSource.load(glove, VectorSource.format("word2vec-text"))).getMessage();
        assertTrue(message.startsWith(glove + ":1: expected the word2vec header '<count> <dimension>'"), message);
        assertNull(VectorSource.format("auto"));
        assertEquals(VectorFormat.COMPACT_8BIT, VectorSource.format("COMPACT"));
        assertEquals("unknown vectors format 'fasttext'; expected auto, word2vec-text, word2vec-binary, glove-text or compact",
                assertThrows(IllegalArgumentException.class, () -> VectorSource.format("fasttext")).getMessage());
    }

    @Test
    void noneMissingFilesAndMissingBuiltinsAreOneLine() {
        assertTrue(VectorSource.isNone("none") && VectorSource.isNone(" NONE "));
        assertFalse(VectorSource.isNone("builtin:glove-100d") || VectorSource.isNone(null));
        assertThrows(IllegalArgumentException.class, () -> VectorSource.load("none"));
        assertEquals("pretrained vectors file not found: nope.bin (accepted: builtin:glove-100d, a dataset name "
                        + "(wink-glove-100d), a word2vec text or binary file, a GloVe text file, an rnnkit compact vectors "
                        + "file, or none)",
                assertThrows(IllegalArgumentException.class, () -> VectorSource.load("nope.bin")).getMessage());
        // rnnkit-text's own tests run without rnnkit-models, so the built-in vectors are absent here.
        assertEquals("no built-in vectors 'glove-50d' on the class path (known: glove-100d; they ship in "
                        + "io.rnnkit:rnnkit-models)",
                assertThrows(IllegalArgumentException.class, () -> VectorSource.load("builtin:glove-50d")).getMessage());
    }
}
