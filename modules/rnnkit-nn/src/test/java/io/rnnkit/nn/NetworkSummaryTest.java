package io.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** {@link Summary#of} reads a built DL4J network back into the same table the spec produces. */
class NetworkSummaryTest {
    private static void assertSameAsSpec(NetworkSpec spec) {
        Summary fromSpec = spec.summary();
        Summary fromNetwork = Summary.of(spec.build(3).network());
        assertEquals(fromSpec.rows(), fromNetwork.rows());
        assertEquals(fromSpec.totalParams(), fromNetwork.totalParams());
        assertEquals(fromSpec.trainableParams(), fromNetwork.trainableParams());
    }

    @Test
    void notesNetworksReadBackFromDl4j() {
        assertSameAsSpec(NetworkSpec.builder().add(new Embedding(10000, 32)).add(new SimpleRnn(32)).build());
        assertSameAsSpec(NetworkSpec.builder().features(32).add(new Lstm(32)).build());
        assertSameAsSpec(NetworkSpec.builder().features(32).add(new Gru(32)).build());
        assertSameAsSpec(NetworkSpec.builder().features(32).add(new Bidirectional(new Lstm(32))).build());
    }

    @Test
    void sequenceHeadsAndFrozenEmbedding() {
        assertSameAsSpec(NetworkSpec.builder()
                .add(new Embedding(50, 8, true, new float[50][8], false))
                .add(new Gru(16, true))
                .add(new Bidirectional(new Lstm(4, true), Merge.CONCAT))
                .add(new Dense(5, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY)
                .build());
    }

    @Test
    void otherObjectsAreRefusedClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> Summary.of(null));
        assertEquals("cannot summarise a null network; expected a MultiLayerNetwork or ComputationGraph",
                e.getMessage());
    }
}
