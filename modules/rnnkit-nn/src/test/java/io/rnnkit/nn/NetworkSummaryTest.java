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
    void aDropoutReadBackFromJsonHasTheWidthOfTheLayerBelow() {
        // The sentiment network: DL4J's configuration stores no size for the dropout, so the table must not read 0.
        NetworkSpec spec = NetworkSpec.builder()
                .add(new Embedding(20, 4, true))
                .add(new Bidirectional(new Gru(3, true)))
                .add(GlobalPooling.max())
                .add(new Dropout(0.3))
                .add(new Dense(2, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY)
                .build();
        var built = spec.build(3).network();
        var reloaded = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(built.getLayerWiseConfigurations().toJson()));
        reloaded.init();
        assertEquals(spec.summary().rows(), Summary.of(reloaded).rows());
        assertEquals("(None, 6)", Summary.of(reloaded).rows().get(3).outputShape());
    }

    @Test
    void otherObjectsAreRefusedClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> Summary.of(null));
        assertEquals("cannot summarise a null network; expected a MultiLayerNetwork or ComputationGraph",
                e.getMessage());
    }
}
