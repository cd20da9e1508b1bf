package io.rnnkit.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ModelFileTest {
    @TempDir
    Path dir;

    static MultiLayerNetwork tinyNetwork() {
        return tinyNetwork(new Sgd());
    }

    /** LSTM(3 -> 4) + softmax(2), seed 11. */
    static MultiLayerNetwork tinyNetwork(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11)
                .dataType(DataType.FLOAT).updater(updater).list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** in -> LSTM(4) -> identity(outputs), MSE, seed 5. */
    static ComputationGraph tinyGraph(IUpdater updater, int outputs) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).updater(updater).graphBuilder().addInputs("in")
                .setInputTypes(InputType.recurrent(3))
                .addLayer("lstm", new LSTM.Builder().nOut(4).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(outputs)
                        .activation(Activation.IDENTITY).build(), "lstm")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }

    static INDArray probe() {
        float[] values = new float[2 * 3 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = -1f + 2f * i / (values.length - 1);
        }
        return Nd4j.create(values, new long[] {2, 3, 4}, 'c');
    }

    private Manifest manifest(String task) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("hidden", 4);
        hyper.put("cell", "lstm");
        return Manifest.forTask(task).withHyperParameters(hyper)
                .withTrainingData(DataFingerprint.ofStrings("abc"))
                .withMetrics(Map.of("accuracy", 0.75));
    }

    @Test
    void roundTripKeepsManifestEntriesAndOutputs() {
        MultiLayerNetwork net = tinyNetwork();
        Path file = dir.resolve("nested/model.rnnk");
        ModelFile.save(file, manifest("sentiment"), net, Map.of("vocab.txt", "<pad>\n<unk>\nhello\n"
                .getBytes(StandardCharsets.UTF_8), "labels.txt", "neg\npos\n".getBytes(StandardCharsets.UTF_8)));

        LoadedModel loaded = ModelFile.load(file, "sentiment");
        Manifest m = loaded.manifest();
        assertEquals(ModelFile.FORMAT_VERSION, m.formatVersion());
        assertEquals("sentiment", m.task());
        assertEquals("MultiLayerNetwork", m.networkType());
        assertEquals(Map.of("hidden", 4, "cell", "lstm"), m.hyperParameters());
        assertEquals(List.of("hidden", "cell"), List.copyOf(m.hyperParameters().keySet()), "order is kept");
        assertEquals(new DataFingerprint(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 3), m.trainingData());
        assertEquals(Map.of("accuracy", 0.75), m.metrics());
        assertEquals("1.0.0-M2.1", m.dl4jVersion());
        assertTrue(m.rnnkitVersion().matches("\\d+\\.\\d+\\.\\d+.*"), m.rnnkitVersion());
        assertEquals(System.getProperty("java.version"), m.javaVersion());

        assertEquals(List.of("labels.txt", "vocab.txt"), List.copyOf(loaded.entries().names()));
        assertEquals("neg\npos\n", loaded.entries().text("labels.txt"));
        assertArrayEquals("<pad>\n<unk>\nhello\n".getBytes(StandardCharsets.UTF_8),
                loaded.entries().bytes("vocab.txt"));
        assertEquals(net.params(), loaded.multiLayerNetwork().params());
        assertEquals(net.output(probe()), loaded.multiLayerNetwork().output(probe()));
        assertNull(loaded.multiLayerNetwork().getUpdater(false) == null ? null
                : loaded.multiLayerNetwork().getUpdater(false).getStateViewArray(),
                "an inference model carries no optimizer state");
    }

    @Test
    void recordsTheCommandLineThatMadeTheModelAndNoneFromTheApi() throws IOException {
        Path fromApi = dir.resolve("api.rnnk");
        ModelFile.save(fromApi, manifest("sentiment"), tinyNetwork(), Map.of());
        assertNull(ModelFile.readManifest(fromApi).commandLine());
        assertFalse(readZipEntry(fromApi, "manifest.json").contains("commandLine"), "no null field is written");

        Provenance.recordCommandLine("rnnkit", List.of("sentiment", "train", "--data", "my reviews.csv", "it's"));
        try {
            Path fromCli = dir.resolve("cli.rnnk");
            ModelFile.save(fromCli, manifest("sentiment"), tinyNetwork(), Map.of());
            assertEquals("rnnkit sentiment train --data 'my reviews.csv' 'it'\\''s'",
                    ModelFile.readManifest(fromCli).commandLine());
        } finally {
            Provenance.clear();
        }
    }

    @Test
    void missingEntryErrorNamesFileAndEntry() {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("tagger"), tinyNetwork(), Map.of("labels.txt", new byte[] {1}));
        ModelEntries entries = ModelFile.load(file, null).entries();
        ModelFileException e = assertThrows(ModelFileException.class, () -> entries.text("vocab.txt"));
        assertEquals(file + " has no entry 'vocab.txt' (it has [labels.txt])", e.getMessage());
        assertThrows(ModelFileException.class, () -> entries.requireAll("labels.txt", "tokenizer.json"));
        assertTrue(entries.optionalText("tokenizer.json").isEmpty());
    }

    @Test
    void savesAndLoadsAComputationGraph() {
        ComputationGraph graph = tinyGraph(new Sgd(), 1);
        Path file = dir.resolve("g.rnnk");
        ModelFile.save(file, manifest("forecast"), graph, Map.of());
        LoadedModel loaded = ModelFile.load(file, "forecast");
        assertEquals("ComputationGraph", loaded.manifest().networkType());
        assertEquals(graph.outputSingle(probe()), loaded.computationGraph().outputSingle(probe()));
        ModelFileException e = assertThrows(ModelFileException.class, loaded::multiLayerNetwork);
        assertEquals(file + " holds a ComputationGraph, not a MultiLayerNetwork", e.getMessage());
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("charlm"), tinyNetwork(), Map.of("a.txt", "one".getBytes(StandardCharsets.UTF_8)));
        ModelFile.save(file, manifest("charlm"), tinyNetwork(), Map.of("a.txt", "two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", ModelFile.load(file, "charlm").entries().text("a.txt"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aSaveRemovesTheTemporaryFilesOfKilledSavesAndKeepsThoseOfLiveOnes() throws IOException {
        Path target = dir.resolve("m.rnnk");
        Files.createDirectories(dir);
        // A process id that is not running: the largest pid Linux allows is 4194304.
        Path dead = Files.writeString(dir.resolve(".m.rnnk.4194305.1234.tmp"), "left by kill -9");
        Path live = Files.writeString(dir.resolve(".m.rnnk." + ProcessHandle.current().parent().orElseThrow().pid()
                + ".5678.tmp"), "being written by a running save");
        Path other = Files.writeString(dir.resolve(".other.rnnk.4194305.1.tmp"), "another model's");
        ModelFile.save(target, manifest("sentiment"), tinyNetwork(), Map.of());
        assertFalse(Files.exists(dead), "the temporary file of a dead process is removed");
        assertTrue(Files.exists(live), "a live process's temporary file is kept");
        assertTrue(Files.exists(other), "only this target's temporary files are touched");
    }

    @Test
    void refusesAWrongTask() {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("sentiment"), tinyNetwork(), Map.of());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, "tagger"));
        assertEquals("this is a sentiment model, not a tagger model (" + file + ")", e.getMessage());
    }

    @Test
    void refusesANewerFormat() throws IOException {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("sentiment"), tinyNetwork(), Map.of());
        Path newer = dir.resolve("newer.rnnk");
        rewrite(file, newer, (name, bytes) -> name.equals("manifest.json")
                ? new String(bytes, StandardCharsets.UTF_8).replace("\"formatVersion\" : 1", "\"formatVersion\" : 3")
                .getBytes(StandardCharsets.UTF_8) : bytes, null);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(newer, "sentiment"));
        assertEquals("model format 3 is newer than this rnnkit supports (1); upgrade rnnkit (" + newer + ")",
                e.getMessage());
    }

    @Test
    void refusesAVersionWrittenAsAStringAndANullManifest() throws IOException {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("sentiment"), tinyNetwork(), Map.of());
        Path quoted = dir.resolve("quoted.rnnk");
        rewrite(file, quoted, (name, bytes) -> name.equals("manifest.json")
                ? new String(bytes, StandardCharsets.UTF_8).replace("\"formatVersion\" : 1", "\"formatVersion\" : \"1\"")
                .getBytes(StandardCharsets.UTF_8) : bytes, null);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(quoted, "sentiment"));
        assertTrue(e.getMessage().startsWith(quoted + " has an unreadable manifest.json: "), e.getMessage());
        assertThrows(ModelFileException.class, () -> ModelFile.readManifest(quoted));
        Path nulled = dir.resolve("null.rnnk");
        rewrite(file, nulled, (name, bytes) -> name.equals("manifest.json")
                ? "null".getBytes(StandardCharsets.UTF_8) : bytes, null);
        assertEquals(nulled + " has an empty manifest.json (null)",
                assertThrows(ModelFileException.class, () -> ModelFile.load(nulled, "sentiment")).getMessage());
        assertEquals(nulled + " has an empty manifest.json (null)",
                assertThrows(ModelFileException.class, () -> ModelFile.readManifest(nulled)).getMessage());
    }

    @Test
    void refusesANonZipFile() throws IOException {
        Path file = dir.resolve("notes.rnnk");
        Files.writeString(file, "just some text\n");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, null));
        assertEquals(file + " is not an rnnkit model file (not a zip archive)", e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.rnnk"));
        assertEquals(empty + " is empty; it is not an rnnkit model file",
                assertThrows(ModelFileException.class, () -> ModelFile.load(empty, null)).getMessage());
        Path missing = dir.resolve("missing.rnnk");
        assertEquals("model file not found: " + missing,
                assertThrows(ModelFileException.class, () -> ModelFile.load(missing, null)).getMessage());
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("sentiment"), tinyNetwork(), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.rnnk");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(cut, "sentiment"));
        assertTrue(e.getMessage().startsWith(cut + " is truncated or corrupted ("), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void refusesACorruptedEntry() throws IOException {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("sentiment"), tinyNetwork(),
                Map.of("vocab.txt", "a\nb\nc\nd\ne\nf\ng\n".repeat(50).getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = Files.readAllBytes(file);
        // Flip bits inside the stored data of the last entry (vocab.txt), well before the central directory.
        int at;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            at = bytes.length - 200 - (int) zip.getEntry("vocab.txt").getCompressedSize() / 2;
        }
        bytes[at] ^= (byte) 0x5A;
        Path bad = dir.resolve("bad.rnnk");
        Files.write(bad, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(bad, "sentiment"));
        assertTrue(e.getMessage().startsWith(bad + " is "), e.getMessage());
        assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
    }

    @Test
    void refusesEntriesThatEscapeTheArchive() throws IOException {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("sentiment"), tinyNetwork(), Map.of());
        Path dotdot = dir.resolve("dotdot.rnnk");
        rewrite(file, dotdot, (n, b) -> b, "../../etc/evil.txt");
        assertEquals(dotdot + " has an unsafe entry '../../etc/evil.txt': escapes the archive with '..'",
                assertThrows(ModelFileException.class, () -> ModelFile.load(dotdot, null)).getMessage());
        Path absolute = dir.resolve("absolute.rnnk");
        rewrite(file, absolute, (n, b) -> b, "/tmp/evil.txt");
        assertEquals(absolute + " has an unsafe entry '/tmp/evil.txt': is an absolute path",
                assertThrows(ModelFileException.class, () -> ModelFile.load(absolute, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelFile.save(dir.resolve("x.rnnk"),
                manifest("sentiment"), tinyNetwork(), Map.of("../x", new byte[0])));
    }

    @Test
    void refusesMissingManifestOrNetwork() throws IOException {
        Path file = dir.resolve("m.rnnk");
        ModelFile.save(file, manifest("sentiment"), tinyNetwork(), Map.of());
        Path noManifest = dir.resolve("no-manifest.rnnk");
        rewrite(file, noManifest, (n, b) -> n.equals("manifest.json") ? null : b, null);
        assertEquals(noManifest + " has no manifest.json; it is not an rnnkit model file",
                assertThrows(ModelFileException.class, () -> ModelFile.load(noManifest, null)).getMessage());
        Path noNetwork = dir.resolve("no-network.rnnk");
        rewrite(file, noNetwork, (n, b) -> n.equals("network.zip") ? null : b, null);
        assertEquals(noNetwork + " has no network.zip (the network weights)",
                assertThrows(ModelFileException.class, () -> ModelFile.load(noNetwork, null)).getMessage());
    }

    @Test
    void fingerprintOfFilesMatchesSha256sum() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "ab");
        Path b = Files.writeString(dir.resolve("b.txt"), "c");
        DataFingerprint abc = DataFingerprint.ofStrings("abc");
        assertEquals(abc, DataFingerprint.ofFiles(a, b));
        assertEquals(abc, DataFingerprint.ofFiles(dir), "a directory contributes its files in name order");
        assertEquals(abc, DataFingerprint.ofBytes("a".getBytes(StandardCharsets.UTF_8),
                "bc".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> DataFingerprint.ofFiles(dir.resolve("nope")));
    }

    /** Copies a zip, transforming (or dropping, when the function returns null) entries and adding one. */
    private static void rewrite(Path from, Path to, java.util.function.BiFunction<String, byte[], byte[]> change,
                                String extraEntry) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = change.apply(entry.getName(), in.getInputStream(entry).readAllBytes());
                if (bytes != null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            if (extraEntry != null) {
                out.putNextEntry(new ZipEntry(extraEntry));
                out.write(1);
                out.closeEntry();
            }
        }
    }

    private static String readZipEntry(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
