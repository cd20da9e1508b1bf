package io.rnnkit.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/** Model files crafted to attack the loader: Java-serialized payloads, unknown entries, zip bombs, lying headers. */
class HostileModelFileTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;
    private Path good;

    /** Counts how often it is deserialized; it must never be. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger DESERIALIZED = new AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            DESERIALIZED.incrementAndGet();
        }
    }

    @BeforeEach
    void saveAGoodModel() {
        good = dir.resolve("good.rnnk");
        ModelFile.save(good, Manifest.forTask("sentiment"), ModelFileTest.tinyNetwork(),
                Map.of("vocab.txt", "a\nb\n".getBytes(StandardCharsets.UTF_8)));
        Tripwire.DESERIALIZED.set(0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Java serialization

    @Test
    void aPreprocessorHoldingASerializedHashMapIsRefusedUnread() throws IOException {
        HashMap<String, Object> map = new HashMap<>();
        map.put("payload", new Tripwire());
        byte[] payload = serialize(map);
        Path file = withNetworkEntries("map.rnnk", n -> n.put("preprocessor.bin", payload));
        assertEquals(file + " has an entry 'preprocessor.bin' in its network.zip that rnnkit does not read (only "
                + "configuration.json, coefficients.bin, updaterState.bin, noParams.marker); refused unread",
                refusedWithin(Duration.ofSeconds(2), () -> ModelFile.load(file, null)));
        assertEquals(0, Tripwire.DESERIALIZED.get(), "no object may be deserialized");
    }

    @Test
    void aPreprocessorOfNestedHashSetsIsRefusedFast() throws IOException {
        byte[] payload = serialize(nestedHashSets(100));
        assertTrue(payload.length < 8 * 1024, "a few KB: " + payload.length);
        Path file = withNetworkEntries("sets.rnnk", n -> n.put("preprocessor.bin", payload));
        String message = refusedWithin(Duration.ofSeconds(2), () -> ModelFile.load(file, "sentiment"));
        assertTrue(message.contains("'preprocessor.bin'") && message.endsWith("refused unread"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"normalizer.bin", "updater.bin", "objects/labels", "configuration.json.bak"})
    void anyOtherEntryOfTheNetworkIsRefusedByName(String name) throws IOException {
        Path file = withNetworkEntries("other.rnnk", n -> n.put(name, new byte[] {1, 2, 3}));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, null));
        assertTrue(e.getMessage().startsWith(file + " has an entry '" + name + "' in its network.zip that rnnkit "
                + "does not read"), e.getMessage());
    }

    @Test
    void theFirstLoadInstallsASerialFilterThatRejectsEverything() throws IOException {
        ModelFile.readManifest(good);
        ObjectInputFilter filter = ObjectInputFilter.Config.getSerialFilter();
        assertNotNull(filter, "loading a model installs a JVM-wide filter when there is none");

        HashMap<String, Object> map = new HashMap<>();
        map.put("payload", new Tripwire());
        assertRejected(serialize(map));
        assertEquals(0, Tripwire.DESERIALIZED.get());
        assertRejected(serialize(nestedHashSets(100)));
        // An int[] whose header says 2^31 - 1 elements: refused before anything is allocated.
        byte[] hugeArray = serialize(new int[0]);
        ByteBuffer.wrap(hugeArray, hugeArray.length - 4, 4).putInt(Integer.MAX_VALUE);
        assertRejected(hugeArray);
    }

    private static void assertRejected(byte[] serialized) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
                InvalidClassException e = assertThrows(InvalidClassException.class, in::readObject);
                assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Zip bombs and limits

    @Test
    void anEntryLargerThanTheLimitIsRefused() throws IOException {
        Path file = withEntries("big.rnnk", e -> e.put("zeros.bin", new byte[2 * MIB]));
        ModelFileLimits limits = ModelFileLimits.defaults().withMaxEntryBytes(MIB);
        assertEquals(file + ": entry 'zeros.bin' inflates to more than 1048576 bytes, the limit; if the file is "
                        + "trusted, raise it with -Drnnkit.model.maxEntryBytes=<bytes>",
                assertThrows(ModelFileException.class, () -> ModelFile.load(file, null, limits)).getMessage());
        assertEquals("sentiment", ModelFile.readManifest(file, limits.withMaxEntryBytes(2 * MIB)
                .withMaxCompressionRatio(5000)).task());
    }

    @Test
    void inflatedBytesAreCountedNotTheDeclaredSize() throws IOException {
        Path file = withEntries("liar.rnnk", e -> e.put("zeros.bin", new byte[2 * MIB]));
        byte[] bytes = Files.readAllBytes(file);
        setDeclaredSize(bytes, "zeros.bin", 10);
        Path liar = Files.write(dir.resolve("liar2.rnnk"), bytes);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.readManifest(liar, ModelFileLimits.defaults().withMaxEntryBytes(MIB)));
        assertTrue(e.getMessage().startsWith(liar + ": entry 'zeros.bin' inflates to more than 1048576 bytes"),
                e.getMessage());
    }

    @Test
    void limitsAreReadFromSystemProperties() throws IOException {
        Path file = withEntries("big.rnnk", e -> e.put("zeros.bin", new byte[MIB / 2]));
        String property = ModelFileLimits.ENTRY_BYTES_PROPERTY;
        try {
            System.setProperty(property, "65536");
            assertEquals(65536, ModelFileLimits.defaults().maxEntryBytes());
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.readManifest(file));
            assertTrue(e.getMessage().contains("'zeros.bin' inflates to more than 65536 bytes"), e.getMessage());
            System.setProperty(property, "lots");
            assertEquals("rnnkit.model.maxEntryBytes must be a positive integer (at most 9223372036854775807), "
                    + "got 'lots'", assertThrows(IllegalArgumentException.class, ModelFileLimits::defaults)
                    .getMessage());
        } finally {
            System.clearProperty(property);
        }
        assertEquals(ModelFileLimits.DEFAULT_ENTRY_BYTES, ModelFileLimits.defaults().maxEntryBytes());
        assertEquals("sentiment", ModelFile.readManifest(file).task());
    }

    @Test
    void aHighlyCompressedEntryIsRefusedUnderTheDefaults() throws IOException {
        Path file = withEntries("bomb.rnnk", e -> e.put("zeros.bin", new byte[4 * MIB]));
        assertTrue(Files.size(file) < 16 * 1024, "a small file: " + Files.size(file));
        assertEquals(file + ": entry 'zeros.bin' inflates to more than 100 times its compressed size, the limit; "
                        + "if the file is trusted, raise it with -Drnnkit.model.maxCompressionRatio=<ratio>",
                assertThrows(ModelFileException.class, () -> ModelFile.readManifest(file)).getMessage());
        assertEquals("sentiment",
                ModelFile.readManifest(file, ModelFileLimits.defaults().withMaxCompressionRatio(2000)).task());
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        Path file = withEntries("many.rnnk", e -> {
            for (int i = 0; i < 5; i++) {
                e.put("extra" + i + ".txt", new byte[] {(byte) i});
            }
        });
        ModelFileLimits limits = ModelFileLimits.defaults().withMaxEntries(6);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, null, limits));
        assertEquals(file + ": it has more than 6 entries (refused at entry 'extra3.txt'), the limit; if the file is "
                + "trusted, raise it with -Drnnkit.model.maxEntries=<count>", e.getMessage());
        assertEquals(6, ModelFile.load(file, null, limits.withMaxEntries(8)).entries().names().size());
    }

    @Test
    void entriesTogetherLargerThanTheTotalLimitAreRefused() throws IOException {
        Path file = withEntries("total.rnnk", e -> {
            e.put("a.bin", new byte[600 * 1024]);
            e.put("b.bin", new byte[600 * 1024]);
        });
        ModelFileLimits limits = ModelFileLimits.defaults().withMaxTotalBytes(MIB);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, null, limits));
        assertEquals(file + ": its entries inflate to more than 1048576 bytes together (reached at entry 'b.bin'), "
                + "the limit; if the file is trusted, raise it with -Drnnkit.model.maxTotalBytes=<bytes>",
                e.getMessage());
    }

    @Test
    void aBombInsideTheNetworkZipIsRefused() throws IOException {
        Path file = withNetworkEntries("inner.rnnk", n -> n.put("coefficients.bin", new byte[4 * MIB]));
        assertTrue(Files.size(file) < 16 * 1024, "a small file: " + Files.size(file));
        assertEquals(file + ": entry 'coefficients.bin' of network.zip inflates to more than 100 times its "
                        + "compressed size, the limit; if the file is trusted, raise it with "
                        + "-Drnnkit.model.maxCompressionRatio=<ratio>",
                assertThrows(ModelFileException.class, () -> ModelFile.load(file, null)).getMessage());
        ModelFileLimits small = ModelFileLimits.defaults().withMaxEntryBytes(MIB);
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(file, null, small)).getMessage()
                .startsWith(file + ": entry 'coefficients.bin' of network.zip inflates to more than 1048576 bytes"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // ND4J array headers

    @Test
    void arrayHeadersThatClaimMoreThanTheEntryHoldsAreRefused() throws IOException {
        byte[] claimsMore = array(new long[] {1, 138, 1, 0, 1, 'c'}, 139, 138);
        Path more = withNetworkEntries("more.rnnk", n -> n.put("coefficients.bin", claimsMore));
        assertEquals(more + ": entry 'coefficients.bin' of network.zip is not a valid array: it declares 139 values "
                + "for a shape of 138", assertThrows(ModelFileException.class,
                () -> ModelFile.load(more, null)).getMessage());

        long huge = 1L << 40;
        byte[] claimsHuge = array(new long[] {1, huge, 1, 0, 1, 'c'}, huge, 138);
        Path hugeFile = withNetworkEntries("huge.rnnk", n -> n.put("coefficients.bin", claimsHuge));
        assertEquals(hugeFile + ": entry 'coefficients.bin' of network.zip is not a valid array: it declares "
                + huge + " values but holds 138", assertThrows(ModelFileException.class,
                () -> ModelFile.load(hugeFile, null)).getMessage());

        byte[] deepShape = array(new long[70], 0, 0);
        Path deep = withNetworkEntries("deep.rnnk", n -> n.put("updaterState.bin", deepShape));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(deep, null)).getMessage()
                .endsWith("'updaterState.bin' of network.zip is not a valid array: its shape has 70 values"));
    }

    @Test
    void arrayStridesAndFlagsThatWouldReadPastTheValuesAreRefused() throws IOException {
        Map<String, long[]> cases = new LinkedHashMap<>();
        cases.put("its strides reach value 2000000001 of 3", new long[] {1, 3, 1_000_000_000, 8192, 1, 'c'});
        cases.put("its element-wise stride is 77", new long[] {1, 3, 1, 8192, 77, 'c'});
        cases.put("its flags are 0, not 8192 (a plain FLOAT array)", new long[] {1, 3, 1, 0, 1, 'c'});
        cases.put("its order is 120, not 'c' or 'f'", new long[] {1, 3, 1, 8192, 1, 'x'});
        for (Map.Entry<String, long[]> c : cases.entrySet()) {
            byte[] bad = array(c.getValue(), 3, 3);
            Path file = withNetworkEntries("strides.rnnk", n -> n.put("coefficients.bin", bad));
            assertEquals(file + ": entry 'coefficients.bin' of network.zip is not a valid array: " + c.getKey(),
                    assertThrows(ModelFileException.class, () -> ModelFile.load(file, null)).getMessage());
        }
    }

    @Test
    void namesTakenFromTheFileStayOnOneLineInMessages() throws IOException {
        Path file = withNetworkEntries("names.rnnk", n -> n.put("evil\r\nname\u001b[2J", new byte[] {1}));
        String message = assertThrows(ModelFileException.class, () -> ModelFile.load(file, null)).getMessage();
        assertTrue(message.startsWith(file + " has an entry 'evil\\r\\nname\\u001b[2J' in its network.zip"), message);
    }

    @Test
    void aNetworkEntryNameThatIsNotUtf8IsRefused() throws IOException {
        Path file = withEntries("latin1.rnnk", e -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.ISO_8859_1)) {
                out.putNextEntry(new ZipEntry("configuration-\u00e9.json"));
                out.closeEntry();
            } catch (IOException x) {
                throw new AssertionError(x);
            }
            e.put(ModelFile.NETWORK, bytes.toByteArray());
        });
        assertEquals(file + " has a corrupted network.zip: an entry name is not UTF-8",
                assertThrows(ModelFileException.class, () -> ModelFile.load(file, null)).getMessage());
    }

    @Test
    void anEntryCommentThatIsNotUtf8IsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.ISO_8859_1)) {
            for (Map.Entry<String, byte[]> e : unzip(Files.readAllBytes(good)).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setComment("caf\u00e9"); // one byte 0xE9: not UTF-8, and ZipFile checks comments late
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Path file = Files.write(dir.resolve("comment.rnnk"), bytes.toByteArray());
        assertEquals(file + " is corrupted (an entry name or comment is not UTF-8)",
                assertThrows(ModelFileException.class, () -> ModelFile.load(file, null)).getMessage());
    }

    @Test
    void aNetworkWithoutCoefficientsMustHaveNoParameters() throws IOException {
        // Else DL4J would allocate whatever the configuration asks for: a few bytes of JSON can ask for gigabytes.
        Path file = withNetworkEntries("marker.rnnk", n -> {
            n.remove("coefficients.bin");
            n.put("noParams.marker", new byte[0]);
        });
        assertEquals(file + " has a corrupted network.zip: its configuration has 138 parameters but it holds no "
                + "coefficients.bin", assertThrows(ModelFileException.class, () -> ModelFile.load(file, null)).getMessage());
    }

    @Test
    void aTaskEntryReadAsAnArrayIsCheckedToo() throws IOException {
        INDArray values = Nd4j.createFromArray(1f, 2f, 3f);
        byte[] lying = array(new long[] {1, 3, 1, 0, 1, 'c'}, 3, 2);
        Path file = withEntries("arrays.rnnk", e -> {
            try {
                e.put("good.bin", Nd4j.toByteArray(values));
            } catch (IOException x) {
                throw new AssertionError(x);
            }
            e.put("bad.bin", lying);
        });
        ModelEntries entries = ModelFile.load(file, null).entries();
        assertEquals(values, entries.array("good.bin"));
        assertEquals(file + ": entry 'bad.bin' is not a valid array: it declares 3 values but holds 2",
                assertThrows(ModelFileException.class, () -> entries.array("bad.bin")).getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------
    // What must keep working

    @Test
    void checkpointsKeepTheUpdaterStateOfBothNetworkKinds() {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2, 2, 4);
        labels.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(1);
        DataSet batch = new DataSet(ModelFileTest.probe(), labels);

        MultiLayerNetwork net = ModelFileTest.tinyNetwork(new Adam(0.01));
        net.fit(batch);
        Path file = dir.resolve("checkpoint.rnnk");
        ModelFile.save(file, Manifest.forTask("checkpoint"), net, Map.of(), true);
        MultiLayerNetwork loaded = ModelFile.load(file, "checkpoint").multiLayerNetwork();
        assertEquals(net.params(), loaded.params());
        assertEquals(net.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray());
        assertFalse(loaded.getUpdater().getStateViewArray().sumNumber().doubleValue() == 0, "Adam state saved");

        ComputationGraph graph = ModelFileTest.tinyGraph(new Adam(0.01), 2);
        graph.fit(batch);
        Path graphFile = dir.resolve("graph-checkpoint.rnnk");
        ModelFile.save(graphFile, Manifest.forTask("checkpoint"), graph, Map.of(), true);
        ComputationGraph loadedGraph = ModelFile.load(graphFile, "checkpoint").computationGraph();
        assertEquals(graph.params(), loadedGraph.params());
        assertEquals(graph.getUpdater().getStateViewArray(), loadedGraph.getUpdater().getStateViewArray());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Crafting files

    private static String refusedWithin(Duration limit, Executable load) {
        return assertTimeoutPreemptively(limit, () -> assertThrows(ModelFileException.class, load)).getMessage();
    }

    /** The classic denial-of-service graph: deserializing it hashes 2^depth sets. */
    private static Set<Object> nestedHashSets(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** An array in ND4J's binary format with the given shape buffer, declared value count and actual values. */
    private static byte[] array(long[] shapeInfo, long declared, int actual) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(shapeInfo.length);
            out.writeUTF("LONG");
            for (long v : shapeInfo) {
                out.writeLong(v);
            }
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(declared);
            out.writeUTF("FLOAT");
            for (int i = 0; i < actual; i++) {
                out.writeFloat(i);
            }
        }
        return bytes.toByteArray();
    }

    /** The good model with its entries changed. */
    private Path withEntries(String name, Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = unzip(Files.readAllBytes(good));
        change.accept(entries);
        return Files.write(dir.resolve(name), zip(entries));
    }

    /** The good model with the entries of its network.zip changed. */
    private Path withNetworkEntries(String name, Consumer<Map<String, byte[]>> change) throws IOException {
        return withEntries(name, e -> {
            try {
                Map<String, byte[]> network = unzip(e.get(ModelFile.NETWORK));
                change.accept(network);
                e.put(ModelFile.NETWORK, zip(network));
            } catch (IOException x) {
                throw new AssertionError(x);
            }
        });
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Rewrites the uncompressed size that the central directory declares for {@code entry}. */
    private static void setDeclaredSize(byte[] zip, String entry, int size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 + name.length <= zip.length; at++) {
            if (b.getInt(at) == 0x02014b50 && b.getShort(at + 28) == name.length
                    && java.util.Arrays.equals(zip, at + 46, at + 46 + name.length, name, 0, name.length)) {
                b.putInt(at + 24, size);
                return;
            }
        }
        throw new AssertionError("no central directory header for " + entry);
    }
}
