package io.rnnkit.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model file written by rnnkit 0.1.0 (format 1) must keep loading and predicting the same: this guards the
 * format against accidental changes. The fixture holds a freshly initialised LSTM(3 -> 4) + softmax(2), seed 11.
 */
class ModelFileFixtureTest {
    private static final float[] GOLDEN = {
        0.4366057f, 0.39634785f, 0.3737789f, 0.3638957f, 0.5633943f, 0.6036522f, 0.6262211f, 0.6361043f,
        0.4833561f, 0.47691265f, 0.4768033f, 0.48014903f, 0.51664394f, 0.5230873f, 0.5231967f, 0.51985097f,
    };

    @Test
    void committedFixtureStillLoadsAndPredictsTheSame() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("tiny-lstm-v1.rnnk").toURI());
        LoadedModel model = ModelFile.load(file, "fixture");

        Manifest m = model.manifest();
        assertEquals(1, m.formatVersion());
        assertEquals("0.1.0-SNAPSHOT", m.rnnkitVersion());
        assertEquals("2026-11-22T05:52:06Z", m.createdAt());
        assertEquals("MultiLayerNetwork", m.networkType());
        assertEquals(Map.of("cell", "lstm", "hidden", 4, "inputs", 3), m.hyperParameters());
        assertEquals(DataFingerprint.ofStrings("rnnkit fixture"), m.trainingData());
        assertEquals(Map.of("accuracy", 0.5), m.metrics());
        assertEquals(List.of("labels.txt"), List.copyOf(model.entries().names()));
        assertEquals("neg\npos\n", model.entries().text("labels.txt"));

        INDArray out = model.multiLayerNetwork().output(ModelFileTest.probe());
        assertArrayEquals(new long[] {2, 2, 4}, out.shape());
        assertArrayEquals(GOLDEN, out.dup('c').data().asFloat(), 1e-6f);
    }
}
