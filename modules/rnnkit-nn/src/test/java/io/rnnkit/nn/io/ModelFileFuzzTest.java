package io.rnnkit.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fuzz targets for the model loader: a file either loads or is refused with a {@link ModelFileException}, never
 * another exception, error, or more memory than the limits allow. Small limits keep each run fast. Regression
 * inputs live in {@code ModelFileFuzzTestInputs/<method>/}; {@code scripts/fuzz} fuzzes them.
 *
 * <p>{@link #loadBytes} writes each input to a file: a user's file is read with {@link java.util.zip.ZipFile}
 * (central directory), and that is the reader arbitrary bytes must not get past. {@link #loadAssembled} builds
 * well-formed zips to reach the manifest, configuration and arrays behind the zip layer, so it loads them from
 * memory ({@link ModelFile#load(String, byte[], String, ModelFileLimits)}, as a built-in model is loaded: the
 * same checks and the same code behind the entries) without a file written and opened twice per input;
 * {@link #assembledInputsAsFiles} still reads each committed {@code loadAssembled} input as a file.
 */
class ModelFileFuzzTest {
    /** Far below the defaults, so that no input can make one run slow; rnnkit's tiny fixtures fit. */
    static final ModelFileLimits LIMITS = ModelFileLimits.defaults().withMaxEntries(16).withMaxEntryBytes(64 << 10)
            .withMaxTotalBytes(256 << 10);
    private static final String NETWORK_PREFIX = ModelFile.NETWORK + "/";

    @TempDir
    static Path dir;

    /** The input bytes as a model file. */
    @FuzzTest
    void loadBytes(byte[] input) throws IOException {
        checkFile(Files.write(dir.resolve("model.rnnk"), input));
    }

    /**
     * A model file assembled from the input, so that fuzzing reaches past the zip checksums: byte 0 holds flags
     * (bit 0: deflate the entries, bit 1: deflate those of {@code network.zip}; bits 2 and 3: write the names of
     * {@code network.zip}'s entries, and of the file's, as the raw bytes given rather than as UTF-8), then come
     * entries, each a name-length byte, the name, a 2-byte big-endian content length and the content. Entries named
     * {@code network.zip/<name>} go into a {@code network.zip} entry, written where the first of them stands.
     */
    @FuzzTest
    void loadAssembled(byte[] input) throws IOException {
        if (input.length > 0) {
            byte[] file = assemble(input);
            String name = "assembled.rnnk";
            check(name, () -> ModelFile.readManifest(name, file, LIMITS), () -> ModelFile.load(name, file, null, LIMITS));
        }
    }

    /** The committed {@link #loadAssembled} inputs (crashers among them) through a file as well as from memory. */
    @Test
    void assembledInputsAsFiles() throws Exception {
        Path inputs = Path.of(ModelFileFuzzTest.class.getResource("ModelFileFuzzTestInputs/loadAssembled").toURI());
        try (Stream<Path> all = Files.list(inputs)) {
            for (Path input : all.sorted().toList()) {
                checkFile(Files.write(dir.resolve("assembled.rnnk"), assemble(Files.readAllBytes(input))));
            }
        }
    }

    /** The model file that {@link #loadAssembled} makes of its input. */
    static byte[] assemble(byte[] input) throws IOException {
        Charset innerNames = (input[0] & 4) != 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        Charset outerNames = (input[0] & 8) != 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        Map<String, byte[]> outer = new LinkedHashMap<>();
        Map<String, byte[]> network = new LinkedHashMap<>();
        int at = 1;
        while (at < input.length) {
            int nameLength = Math.min(input[at++] & 0xFF, input.length - at);
            byte[] name = Arrays.copyOfRange(input, at, at + nameLength);
            at += nameLength;
            int length = at + 1 < input.length ? (input[at] & 0xFF) << 8 | input[at + 1] & 0xFF : 0;
            at = Math.min(at + 2, input.length);
            length = Math.min(length, input.length - at);
            byte[] content = Arrays.copyOfRange(input, at, at + length);
            at += length;
            String raw = new String(name, StandardCharsets.ISO_8859_1);
            if (raw.startsWith(NETWORK_PREFIX)) {
                network.putIfAbsent(new String(name, NETWORK_PREFIX.length(), name.length - NETWORK_PREFIX.length(),
                        innerNames), content);
                outer.putIfAbsent(ModelFile.NETWORK, null);
            } else {
                outer.putIfAbsent(new String(name, outerNames), content);
            }
        }
        if (outer.containsKey(ModelFile.NETWORK) && outer.get(ModelFile.NETWORK) == null) {
            outer.put(ModelFile.NETWORK, zip(network, (input[0] & 2) != 0, innerNames));
        }
        return zip(outer, (input[0] & 1) != 0, outerNames);
    }

    private static void checkFile(Path file) {
        check(file.toString(), () -> ModelFile.readManifest(file, LIMITS), () -> ModelFile.load(file, null, LIMITS));
    }

    /** Reads the manifest and loads the model of {@code file}: loaded and usable, or refused clearly. */
    private static void check(String file, Supplier<Manifest> readManifest, Supplier<LoadedModel> load) {
        Manifest manifest;
        try {
            manifest = readManifest.get();
        } catch (ModelFileException e) {
            assertMessage(e, file);
            manifest = null;
        }
        LoadedModel model;
        try {
            model = load.get();
        } catch (ModelFileException e) {
            assertMessage(e, file);
            return;
        }
        assertNotNull(manifest, "a file that loads has a readable manifest");
        assertEquals(manifest, model.manifest());
        assertFalse(model.manifest().task().isBlank());
        Model network = model.network();
        assertTrue(network instanceof MultiLayerNetwork || network instanceof ComputationGraph);
        assertEquals(model.manifest().networkType(), network.getClass().getSimpleName());
        if (network.numParams() > 0) {
            assertNotNull(network.params().sumNumber(), "the parameters can be used");
        }
        for (String name : model.entries().names()) {
            assertNotNull(model.entries().bytes(name));
            INDArray array;
            try {
                array = model.entries().array(name);
            } catch (ModelFileException e) {
                assertMessage(e, file);
                continue;
            }
            assertNotNull(array.dup().sumNumber(), "an entry read as an array can be used");
        }
    }

    private static void assertMessage(ModelFileException e, String file) {
        assertTrue(e.getMessage() != null && e.getMessage().contains(file),
                () -> "the message names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"),
                () -> "a one-line message: " + e.getMessage());
    }

    /** The entries as a zip, stored or deflated, their names encoded in {@code names}. */
    static byte[] zip(Map<String, byte[]> entries, boolean deflate, Charset names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, names)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
