package io.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.inference.InferenceStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The README's usage example, kept compiling and correct. */
class ReadmeExampleTest {

    @Test
    void sentimentStyleNetwork() {
        NetworkSpec spec = NetworkSpec.builder()
                .add(new Embedding(10000, 32, true))          // token ids, 0 = padding
                .add(new Bidirectional(new Lstm(32)))         // many-to-one, both directions
                .add(new Dense(2, Activation.SOFTMAX))        // classification head
                .loss(Loss.CROSS_ENTROPY)
                .build();
        RecurrentNetwork net = spec.build(42);
        System.out.print(net.summary());
        INDArray probs = net.output(Nd4j.createFromArray(new float[][] {{12, 7, 99, 0, 0}}));

        assertArrayEquals(new long[] {1, 2}, probs.shape());
        assertEquals(320_000 + 16_640 + 130, net.summary().totalParams());
        assertEquals(net.network().numParams(), net.summary().totalParams());
    }

    @Test
    void inferenceEngineSnippet() {
        RecurrentNetwork net = NetworkSpec.builder().add(new Embedding(30, 8)).add(new Lstm(16, true))
                .add(new Dense(30, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build().build(1);
        // As in docs/building-blocks.md, "Prediction: the inference engine".
        InferenceNetwork engine = net.inference();
        float[][][] perStep = engine.outputSequences(new int[][] {{4, 8, 15}, {16, 23}});
        float[][] next;
        try (InferenceStream stream = engine.newStream(1)) {
            next = stream.step(new int[] {4});
        }
        assertEquals(3, perStep[0].length);
        assertEquals(2, perStep[1].length);
        assertArrayEquals(perStep[0][0], next[0], 1e-6f);
    }

    @TempDir
    Path dir;

    /** The PyTorch import example, on a 2-layer bidirectional nn.LSTM(5, 4) of the parity fixtures. */
    @Test
    void pyTorchImport() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/parity/lstm_2layer_bidirectional.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        Path file = dir.resolve("lstm.json");    // what the Python lines of docs/building-blocks.md write
        new ObjectMapper().writeValue(file.toFile(), fixture.get("state_dict"));
        // The fixture's module is time-major: [time, batch, 5] as batch_first [batch, time, 5].
        INDArray x = Nd4j.createFromArray(floats3(fixture.get("input"))).permute(1, 0, 2).dup();
        INDArray mask = Nd4j.zeros(DataType.FLOAT, x.size(0), x.size(1));
        for (int b = 0; b < x.size(0); b++) {
            mask.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, fixture.get("lengths").get(b).asInt())).assign(1);
        }

        // --- README example starts here ---
        NetworkSpec spec = NetworkSpec.builder().features(5)
                .add(new Bidirectional(new Lstm(4, true)))           // PyTorch layer 0 (and 0_reverse)
                .add(new Bidirectional(new Lstm(4, true)))           // PyTorch layer 1
                .build();
        RecurrentNetwork net = spec.build(42);
        PyTorchWeights.load(net, PyTorchWeights.read(file));
        INDArray y = net.output(x.permute(0, 2, 1), mask);       // x: PyTorch's batch_first [batch, time, 5]
        // --- README example ends here ---

        INDArray expected = Nd4j.createFromArray(floats3(fixture.get("output"))).permute(1, 2, 0);
        assertArrayEquals(new long[] {4, 8, 6}, y.shape());
        assertTrue(expected.sub(y).amaxNumber().doubleValue() < 1e-5);
    }

    private static float[][][] floats3(JsonNode n) {
        float[][][] out = new float[n.size()][n.get(0).size()][n.get(0).get(0).size()];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                for (int k = 0; k < out[i][j].length; k++) {
                    out[i][j][k] = (float) n.get(i).get(j).get(k).asDouble();
                }
            }
        }
        return out;
    }
}
