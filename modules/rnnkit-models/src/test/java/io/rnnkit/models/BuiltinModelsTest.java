package io.rnnkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.io.LoadedModel;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.io.ModelFileLimits;
import io.rnnkit.nn.io.ModelLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every built-in model is shipped, is small, says what made it (task, data fingerprint, seed, metrics) and loads
 * within the default model-file limits.
 */
class BuiltinModelsTest {
    @Test
    void everyShippedModelIsBuiltinNamedAfterItsTaskAndDescribesItsTraining() throws Exception {
        List<String> present = ModelLocation.availableBuiltins();
        assertFalse(present.isEmpty(), "no built-in model on the class path");
        for (String name : present) {
            var file = ModelLocation.resolve(ModelLocation.BUILTIN_PREFIX + name);
            assertTrue(Files.size(file) < 8L * 1024 * 1024, name + " is larger than 8 MB");
            Manifest m = ModelFile.readManifest(file);
            assertEquals(ModelLocation.builtinTask(name), m.task(), "builtin:" + name + " holds a " + m.task()
                    + " model");
            assertNotNull(m.trainingData(), name + " records no training-data fingerprint");
            assertFalse(m.metrics().isEmpty(), name + " records no metrics");
        }
    }

    private static String json(Model network) {
        return network instanceof ComputationGraph graph ? graph.getConfiguration().toJson()
                : ((MultiLayerNetwork) network).getLayerWiseConfigurations().toJson();
    }

    @Test
    void everyShippedModelLoadsWithinTheDefaultLimits() throws Exception {
        for (String name : ModelLocation.availableBuiltins()) {
            var file = ModelLocation.resolve(ModelLocation.BUILTIN_PREFIX + name);
            LoadedModel model = ModelFile.load(file, ModelLocation.builtinTask(name), ModelFileLimits.defaults());
            assertTrue(model.network().numParams() > 0, name + " has no parameters");
            assertEquals(model.manifest().networkType(), model.network().getClass().getSimpleName(), name);
            // The same network that DL4J's own reader builds from the same bytes.
            Model reference;
            try (ZipFile zip = new ZipFile(file.toFile());
                 InputStream network = zip.getInputStream(zip.getEntry("network.zip"))) {
                reference = model.network() instanceof ComputationGraph
                        ? ModelSerializer.restoreComputationGraph(network, true)
                        : ModelSerializer.restoreMultiLayerNetwork(network, true);
            }
            assertEquals(reference.params(), model.network().params(), name);
            assertEquals(json(reference), json(model.network()), name);
        }
    }

    @Test
    void builtinsLoadStraightFromTheClassPathWithoutTemporaryFilesAndAreNamedAsTheUserTypedThem() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = temporaryBuiltins(tmp);
        for (String name : ModelLocation.availableBuiltins()) {
            String location = ModelLocation.BUILTIN_PREFIX + name;
            String task = ModelLocation.builtinTask(name);
            LoadedModel fromClassPath = ModelFile.load(location, task);
            LoadedModel fromFile = ModelFile.load(ModelLocation.resolve(location), task);
            assertEquals(fromFile.network().params(), fromClassPath.network().params(), name);
            assertEquals(fromFile.manifest(), fromClassPath.manifest(), name);
            assertEquals(fromFile.entries().names(), fromClassPath.entries().names(), name);
            assertEquals(location, fromClassPath.source());
            assertNull(fromClassPath.path());
            assertEquals(fromFile.manifest(), ModelFile.readManifest(location), name);
        }
        var e = assertThrows(ModelFileException.class, () -> ModelFile.load("builtin:forecast", "sentiment"));
        assertEquals("this is a forecast model, not a sentiment model (builtin:forecast)", e.getMessage());
        assertEquals(before, temporaryBuiltins(tmp), "no rnnkit-builtin-* file was written");
    }

    private static List<Path> temporaryBuiltins(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("rnnkit-builtin-")).sorted().toList();
        }
    }
}
