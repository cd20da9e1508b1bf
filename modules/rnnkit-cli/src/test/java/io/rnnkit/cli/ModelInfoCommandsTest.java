package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Embedding;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.SimpleRnn;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;

class ModelInfoCommandsTest {
    @TempDir
    static Path tmp;
    static Path model;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeModel() {
        NetworkSpec spec = NetworkSpec.builder().add(new Embedding(10000, 32)).add(new SimpleRnn(32))
                .add(new Dense(2, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build();
        model = tmp.resolve("tiny.rnnk");
        ModelFile.save(model, Manifest.forTask("sentiment").withHyperParameters(Map.of("units", 32))
                .withMetrics(Map.of("accuracy", 0.5)), spec.build(1).network(), Map.of("labels.txt", new byte[0]));
    }

    private int run(String... args) {
        return Rnnkit.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void infoPrintsTheManifest() {
        assertEquals(Rnnkit.OK, run("info", "--model", model.toString()), err.toString());
        String s = out.toString();
        assertTrue(s.contains("task:         sentiment"), s);
        assertTrue(s.contains("network:      MultiLayerNetwork"), s);
        assertTrue(s.contains("  units                  32"), s);
        assertTrue(s.contains("  accuracy               0.5"), s);
    }

    @Test
    void infoJsonIsTheManifestObject() {
        assertEquals(Rnnkit.OK, run("info", "--json", "--model", model.toString()), err.toString());
        assertTrue(out.toString().contains("\"task\" : \"sentiment\""), out.toString());
    }

    @Test
    void summaryPrintsTheNotesParameterCounts() {
        assertEquals(Rnnkit.OK, run("summary", "--model", model.toString()), err.toString());
        String s = out.toString();
        assertTrue(s.contains(" simple_rnn (SimpleRNN)"), s);
        assertTrue(s.contains("Total params: 322,146"), s); // 320,000 + 2,080 + Dense(2) 66
    }

    @Test
    void missingModelFileFailsWithOneLine() throws Exception {
        assertEquals(Rnnkit.FAILURE, run("summary", "--model", tmp.resolve("nope.rnnk").toString()));
        assertTrue(err.toString().startsWith("rnnkit: model file "), err.toString());
        assertTrue(err.toString().contains("nope.rnnk does not exist"), err.toString());
        Path notZip = Files.writeString(tmp.resolve("text.rnnk"), "hello");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.FAILURE, run("info", "--model", notZip.toString()));
        assertEquals(1, err.toString().strip().split("\n").length, err.toString());
    }

    @Test
    void hostileModelFilesFailWithOneLine() throws Exception {
        // 4 MiB of zeros in a file of a few KB: refused for its compression ratio, not read into memory.
        Path bomb = tmp.resolve("bomb.rnnk");
        writeZip(bomb, Map.of("manifest.json", manifestOf(model),
                "zeros.bin", new byte[4 << 20]));
        assertEquals(Rnnkit.FAILURE, run("info", "--model", bomb.toString()));
        String[] lines = err.toString().strip().split("\n");
        assertEquals("rnnkit: " + bomb + ": entry 'zeros.bin' inflates to more than 100 times its compressed size, "
                + "the limit; if the file is trusted, raise it with -Drnnkit.model.maxCompressionRatio=<ratio>",
                lines[0]);
        assertEquals(1, lines.length, err.toString());

        // A network.zip carrying a Java-serialized preprocessor.bin: refused by name, never deserialized.
        Path serialized = tmp.resolve("serialized.rnnk");
        ByteArrayOutputStream network = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(network)) {
            zip.putNextEntry(new ZipEntry("preprocessor.bin"));
            new ObjectOutputStream(zip).writeObject(new java.util.HashMap<>(Map.of("k", "v")));
        }
        writeZip(serialized, Map.of("manifest.json", manifestOf(model), "network.zip", network.toByteArray()));
        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.FAILURE, run("summary", "--model", serialized.toString()));
        assertTrue(err.toString().startsWith("rnnkit: " + serialized + " has an entry 'preprocessor.bin' in its "
                + "network.zip that rnnkit does not read"), err.toString());
        assertEquals(1, err.toString().strip().split("\n").length, err.toString());
    }

    private static byte[] manifestOf(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes();
        }
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
    }

    @Test
    void badThreadCountIsAUsageError() {
        assertEquals(Rnnkit.USAGE, run("--threads", "0", "summary", "--model", model.toString()));
        assertTrue(err.toString().contains("--threads must be a whole number from 1 to "), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Rnnkit.USAGE, run("--threads", "999", "summary", "--model", model.toString()));
        assertTrue(err.toString().contains("got '999'"), err.toString());
    }
}
