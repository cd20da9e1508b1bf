package io.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.inference.InferenceStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        // As in the README's "Prediction: the inference engine".
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
}
