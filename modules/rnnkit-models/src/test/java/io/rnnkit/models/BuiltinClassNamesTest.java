package io.rnnkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rnnkit.nn.io.ModelLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The class names written inside the built-in models' network configurations are part of the file format: every
 * one must still resolve, and rnnkit's own must not move. Moving one of them needs a compatibility alias (a
 * subclass or a Jackson name under the old name) and an update of {@link #RNNKIT_CLASSES}.
 */
class BuiltinClassNamesTest {
    /** rnnkit's classes named by the shipped models, frozen. */
    static final Set<String> RNNKIT_CLASSES = Set.of(
            "io.rnnkit.nn.layers.FastBidirectional",
            "io.rnnkit.nn.layers.FastRnnOutputLayer",
            "io.rnnkit.nn.layers.FeatureEmbeddingLayer",
            "io.rnnkit.nn.layers.GruLayer",
            "io.rnnkit.nn.layers.LstmLayer",
            "io.rnnkit.nn.layers.PooledToFeedForward",
            "io.rnnkit.nn.layers.SequenceDropoutLayer");
    private static final Pattern CLASS = Pattern.compile("\"@class\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void everyClassNamedInsideABuiltinModelResolvesAndRnnkitsOwnAreFrozen() throws Exception {
        Set<String> rnnkit = new TreeSet<>();
        int models = 0;
        for (String name : ModelLocation.availableBuiltins()) {
            String json = configuration(ModelLocation.builtinBytes(ModelLocation.BUILTIN_PREFIX + name));
            Matcher m = CLASS.matcher(json);
            int found = 0;
            while (m.find()) {
                String className = m.group(1);
                Class.forName(className, false, getClass().getClassLoader());
                if (className.startsWith("io.rnnkit.")) {
                    rnnkit.add(className);
                }
                found++;
            }
            assertFalse(found == 0, "builtin:" + name + " names no class: its configuration was not found");
            models++;
        }
        assertEquals(6, models, "the six built-in models");
        assertEquals(new TreeSet<>(RNNKIT_CLASSES), rnnkit);
    }

    /** The {@code configuration.json} of the {@code network.zip} inside a model file's bytes. */
    private static String configuration(byte[] modelFile) throws IOException {
        byte[] network = entry(modelFile, "network.zip");
        return new String(entry(network, "configuration.json"), StandardCharsets.UTF_8);
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException("no entry " + name);
    }
}
