package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelFileException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    /** Trained and saved by {@link FixtureGenerator} in another JVM; its expected sample is the golden file. */
    static final String FIXTURE = "sonnets-lstm.rnnk";
    static final String GOLDEN = "sonnets-lstm.sample-seed7.txt";

    @Test
    void saveLoadSamplesAndScoresTheSame(@TempDir Path dir) {
        for (CharLanguageModel m : java.util.List.of(SmallModels.lstm(), SmallModels.gru())) {
            Path file = dir.resolve(m.config().cell() + ".rnnk");
            m.save(file, Map.of("test_bpc", 3.5));
            CharLanguageModel back = CharLanguageModel.load(file);
            SamplingOptions o = SamplingOptions.builder().prefix("When ").length(80).seed(21).count(2).build();
            assertEquals(m.sample(o).samples(), back.sample(o).samples());
            String text = SmallModels.sonnets().substring(6000, 6500);
            assertEquals(m.evaluate(text).bpc(), back.evaluate(text).bpc(), 1e-6);
            assertEquals(m.vocabulary(), back.vocabulary());
            assertEquals(m.config().toMap(), back.config().toMap());
            assertEquals(m.summary(), back.summary());
            assertEquals(3.5, ModelFile.readManifest(file).metrics().get("test_bpc"));
            assertEquals("charlm", ModelFile.readManifest(file).task());
            assertTrue(back.training().isEmpty());
        }
    }

    /** The committed fixture model, copied out of the test resources. */
    static CharLanguageModel loadFixture() {
        try {
            Path file = Files.createTempFile("fixture", ".rnnk");
            try (InputStream in = ModelFileTest.class.getResourceAsStream(FIXTURE)) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                return CharLanguageModel.load(file);
            } finally {
                Files.delete(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void committedFixtureLoadsAndSamplesItsGoldenText() throws Exception {
        String golden;
        try (InputStream in = ModelFileTest.class.getResourceAsStream(GOLDEN)) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CharLanguageModel m = loadFixture();
        assertEquals(golden, m.sample(FixtureGenerator.goldenOptions()).text());
    }

    @Test
    void wrongOrBrokenFilesAreRefusedClearly(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.rnnk");
        assertEquals("model file not found: " + missing,
                assertThrows(ModelFileException.class, () -> CharLanguageModel.load(missing)).getMessage());
        Path text = Files.writeString(dir.resolve("text.rnnk"), "not a model");
        assertTrue(assertThrows(ModelFileException.class, () -> CharLanguageModel.load(text)).getMessage()
                .contains("not an rnnkit model file"));
        Path other = dir.resolve("other.rnnk");
        ModelFile.save(other, io.rnnkit.nn.io.Manifest.forTask("sentiment"), SmallModels.lstm().network().network(),
                Map.of());
        assertTrue(assertThrows(ModelFileException.class, () -> CharLanguageModel.load(other)).getMessage()
                .startsWith("this is a sentiment model, not a charlm model"));
    }
}
