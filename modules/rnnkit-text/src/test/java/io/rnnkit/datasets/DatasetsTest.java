package io.rnnkit.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    private final String saved = System.getProperty(Datasets.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(Datasets.PROPERTY);
        } else {
            System.setProperty(Datasets.PROPERTY, saved);
        }
    }

    @Test
    void missingDatasetNamesTheFetchCommandInOneLine(@TempDir Path tmp) {
        System.setProperty(Datasets.PROPERTY, tmp.toString());
        var e = assertThrows(Datasets.MissingDatasetException.class, () -> Datasets.dir("brown"));
        assertEquals("brown", e.dataset());
        assertTrue(e.getMessage().endsWith("run: scripts/fetch-datasets brown"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Datasets.isPresent("brown"));
    }

    @Test
    void verifiedDatasetIsFoundUnderTheConfiguredRoot(@TempDir Path tmp) throws Exception {
        System.setProperty(Datasets.PROPERTY, tmp.toString());
        Path d = Files.createDirectories(tmp.resolve("moby-dick"));
        Files.writeString(d.resolve(".verified"), "abc\n");
        Files.writeString(d.resolve("data.txt"), "Call me Ishmael.");
        assertTrue(Datasets.isPresent("moby-dick"));
        assertEquals(d.resolve("data.txt"), Datasets.file("moby-dick", "data.txt"));
        assertThrows(Datasets.MissingDatasetException.class, () -> Datasets.file("moby-dick", "nope.txt"));
    }

    @Test
    void projectDatasetsAreFetchedForTheTestRun() {
        // CI fetches every dataset before the tests; the surefire configuration points here.
        assertTrue(Datasets.isPresent(Datasets.SEATTLE_WEATHER), "run scripts/fetch-datasets first");
        assertTrue(Datasets.root().resolve("manifest.tsv").toFile().isFile());
    }
}
