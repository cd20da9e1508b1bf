package io.rnnkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelLocation;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every built-in model is shipped, is small, and says what made it (task, data fingerprint, seed, metrics). */
class BuiltinModelsTest {
    @Test
    void everyShippedModelIsBuiltinNamedAfterItsTaskAndDescribesItsTraining() throws Exception {
        List<String> present = ModelLocation.availableBuiltins();
        assertFalse(present.isEmpty(), "no built-in model on the class path");
        for (String name : present) {
            var file = ModelLocation.resolve(ModelLocation.BUILTIN_PREFIX + name);
            assertTrue(Files.size(file) < 8L * 1024 * 1024, name + " is larger than 8 MB");
            Manifest m = ModelFile.readManifest(file);
            assertEquals(name, m.task(), "builtin:" + name + " holds a " + m.task() + " model");
            assertNotNull(m.trainingData(), name + " records no training-data fingerprint");
            assertFalse(m.metrics().isEmpty(), name + " records no metrics");
        }
    }
}
