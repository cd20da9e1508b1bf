package io.rnnkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.text.embed.BuiltinVectors;
import io.rnnkit.text.embed.CompactVectors;
import io.rnnkit.text.embed.VectorSource;
import io.rnnkit.text.embed.WordVectors;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped vectors are exactly what {@code scripts/make-builtin-vectors} makes from the pinned dataset: their
 * sha256 is pinned here, and, when the dataset is fetched, converting it again gives the same bytes.
 */
class BuiltinVectorsTest {
    /** sha256 of io/rnnkit/models/vectors/glove-100d.rkv; also in glove-100d.NOTICE.txt beside it. */
    static final String GLOVE_100D_SHA256 = "e4d3e6bbc5932a3bb0f312487c4d33bfdcb93da53d96670976f5b7a55754076c";

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = BuiltinVectorsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name + " is not on the class path");
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theShippedFileIsPinnedAndCarriesItsLicence() throws Exception {
        byte[] file = resource(BuiltinVectors.RESOURCE_DIR + BuiltinVectors.GLOVE_100D + BuiltinVectors.EXTENSION);
        assertEquals(GLOVE_100D_SHA256, sha256(file));
        assertTrue(file.length < 6_000_000, "glove-100d.rkv is " + file.length + " bytes");
        String notice = new String(resource(BuiltinVectors.RESOURCE_DIR + "glove-100d.NOTICE.txt"), "UTF-8");
        assertTrue(notice.contains("PDDL") && notice.contains("Pennington") && notice.contains("MIT License")
                && notice.contains(GLOVE_100D_SHA256), notice);
    }

    @Test
    void builtinGlove100dResolvesToFiftyThousandWordsInFrequencyOrder() {
        WordVectors v = VectorSource.load("builtin:glove-100d");
        assertEquals(50_000, v.size());
        assertEquals(100, v.dimension());
        assertEquals(List.of("the", ",", ".", "of", "to"), v.words().subList(0, 5));
        assertSame(v, VectorSource.load("builtin:glove-100d"), "read once per JVM");
        assertTrue(v.similarity("good", "great") > v.similarity("good", "table"));
    }

    @Test
    void convertingThePinnedDatasetAgainGivesTheSameBytesAndTheQuantisationIsSmall() throws Exception {
        Assumptions.assumeTrue(Datasets.isPresent(VectorSource.WINK_GLOVE_100D), "wink-glove-100d is not fetched");
        WordVectors original = VectorSource.load(VectorSource.WINK_GLOVE_100D);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompactVectors.write(original, 50_000, out);
        assertEquals(GLOVE_100D_SHA256, sha256(out.toByteArray()));
        double[] cosine = CompactVectors.cosineToOriginal(original, VectorSource.load("builtin:glove-100d"));
        assertTrue(cosine[0] > 0.99995 && cosine[1] > 0.9998, "mean " + cosine[0] + ", min " + cosine[1]);
    }
}
