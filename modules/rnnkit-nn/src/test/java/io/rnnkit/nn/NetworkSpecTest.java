package io.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class NetworkSpecTest {

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void rejectsARecurrentLayerOnTopOfOneThatReturnsOnlyItsLastStep() {
        String msg = error(() -> NetworkSpec.builder().features(4)
                .add(new Lstm(8))
                .add(new Lstm(8))
                .build());
        assertEquals("layer 1 (LSTM) needs a sequence, but layer 0 (LSTM) has returnSequences=false and outputs "
                + "only its last step; every inner layer of a recurrent stack must return sequences, so set "
                + "returnSequences=true on layer 0", msg);
        // The fix the message suggests is accepted.
        NetworkSpec ok = NetworkSpec.builder().features(4).add(new Lstm(8, true)).add(new Lstm(8)).build();
        assertEquals(8, ok.outputSize());
    }

    @Test
    void rejectsRecurrentAfterBidirectionalOrDenseVector() {
        String msg = error(() -> NetworkSpec.builder().features(4)
                .add(new Bidirectional(new SimpleRnn(8)))
                .add(new Dense(3))
                .add(new Gru(8))
                .build());
        assertTrue(msg.startsWith("layer 2 (GRU) needs a sequence, but layer 0 (Bidirectional)"), msg);
    }

    @Test
    void embeddingRules() {
        assertEquals("layer 1 (Embedding): an Embedding can only be the first layer, it reads token ids",
                error(() -> NetworkSpec.builder().add(new Embedding(10, 4)).add(new Embedding(10, 4)).build()));
        assertTrue(error(() -> NetworkSpec.builder().add(new Lstm(4)).build()).startsWith("say what the network reads"));
        assertTrue(error(() -> NetworkSpec.builder().features(3).add(new Embedding(10, 4)).build())
                .startsWith("an Embedding reads token ids"));
        assertTrue(error(() -> NetworkSpec.builder().input(Input.tokens()).add(new Lstm(4)).build())
                .startsWith("token-id input needs an Embedding"));
        assertEquals("Embedding pretrained weights have 2 rows, expected vocabSize=3",
                error(() -> new Embedding(3, 2, false, new float[2][2], true)));
    }

    @Test
    void headAndLossRules() {
        assertEquals("loss CROSS_ENTROPY needs a Dense output head as the last layer, but the last layer is LSTM",
                error(() -> NetworkSpec.builder().features(2).add(new Lstm(4)).loss(Loss.CROSS_ENTROPY).build()));
        assertEquals("loss BINARY_CROSS_ENTROPY needs the Dense head activation SIGMOID, got SOFTMAX",
                error(() -> NetworkSpec.builder().features(2).add(new Lstm(4)).add(new Dense(1, Activation.SOFTMAX))
                        .loss(Loss.BINARY_CROSS_ENTROPY).build()));
        assertTrue(error(() -> NetworkSpec.builder().features(2).add(new Lstm(4)).add(new Dense(1, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY).build()).startsWith("CROSS_ENTROPY with a 1-unit softmax head"));
    }

    @Test
    void layerArgumentChecks() {
        assertEquals("Lstm units must be positive, got 0", error(() -> new Lstm(0)));
        assertEquals("Dropout rate must be in [0, 1), got 1.0", error(() -> new Dropout(1.0)));
        assertEquals("Input feature size must be positive, got -1", error(() -> Input.features(-1)));
    }

    @Test
    void specsAreValuesAndImmutable() {
        float[][] w = {{1f, 2f}, {3f, 4f}};
        Embedding e = new Embedding(2, 2, true, w, true);
        w[0][0] = 99f;
        assertEquals(1f, e.pretrained()[0][0]);
        e.pretrained()[0][0] = 42f;
        assertEquals(1f, e.pretrained()[0][0]);
        assertEquals(e, new Embedding(2, 2, true, new float[][] {{1f, 2f}, {3f, 4f}}, true));
        assertEquals(new Lstm(8, true), new Lstm(8).withReturnSequences(true));
        NetworkSpec.Builder b = NetworkSpec.builder().features(3).add(new SimpleRnn(4));
        NetworkSpec spec = b.build();
        b.add(new Dense(2));
        assertEquals(1, spec.layers().size());
        assertThrows(UnsupportedOperationException.class, () -> spec.layers().add(new Dense(1)));
    }
}
