package io.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class SummaryTest {

    /** Checks the spec's totals and per-layer rows against DL4J's own counts of the built network. */
    private static Summary checkedSummary(NetworkSpec spec, long expectedTotal) {
        Summary s = spec.summary();
        assertEquals(expectedTotal, s.totalParams());
        RecurrentNetwork net = spec.build(1);
        assertEquals(expectedTotal, net.network().numParams());
        for (int i = 0; i < s.rows().size(); i++) {
            assertEquals(net.network().getLayer(i).numParams(), s.rows().get(i).params(), "layer " + i);
        }
        return s;
    }

    @Test
    void embeddingPlusSimpleRnnMatchesTheNotes() {
        NetworkSpec spec = NetworkSpec.builder().add(new Embedding(10000, 32)).add(new SimpleRnn(32)).build();
        Summary s = checkedSummary(spec, 322_080);
        assertEquals(List.of(
                new Summary.Row("embedding", "Embedding", "(None, None, 32)", 320_000, true),
                new Summary.Row("simple_rnn", "SimpleRNN", "(None, 32)", 2_080, true)), s.rows());
        String table = s.toString();
        assertTrue(table.contains(" embedding (Embedding)"), table);
        assertTrue(table.contains("(None, None, 32)"), table);
        assertTrue(table.contains("Total params: 322,080"), table);
        assertTrue(table.contains("Trainable params: 322,080"), table);
        assertTrue(table.contains("Non-trainable params: 0"), table);
    }

    @Test
    void lstmOn32Inputs() {
        checkedSummary(NetworkSpec.builder().features(32).add(new Lstm(32)).build(), 8_320);
    }

    @Test
    void gruOn32Inputs() {
        checkedSummary(NetworkSpec.builder().features(32).add(new Gru(32)).build(), 6_336);
    }

    @Test
    void bidirectionalLstmOn32Inputs() {
        Summary s = checkedSummary(NetworkSpec.builder().features(32).add(new Bidirectional(new Lstm(32))).build(),
                16_640);
        assertEquals("(None, 64)", s.rows().get(0).outputShape());
        Summary sum = NetworkSpec.builder().features(32)
                .add(new Bidirectional(new Lstm(32, true), Merge.SUM)).build().summary();
        assertEquals("(None, None, 32)", sum.rows().get(0).outputShape());
    }

    @Test
    void fiveStackedSimpleRnnsMatchTheNotes() {
        NetworkSpec.Builder b = NetworkSpec.builder().add(new Embedding(10000, 32));
        for (int i = 0; i < 4; i++) {
            b.add(new SimpleRnn(32, true));
        }
        Summary s = checkedSummary(b.add(new SimpleRnn(32)).build(), 330_400);
        assertEquals("simple_rnn_4", s.rows().get(5).name());
        assertEquals("(None, None, 32)", s.rows().get(4).outputShape());
        assertEquals("(None, 32)", s.rows().get(5).outputShape());
    }

    @Test
    void headsDropoutAndFrozenEmbedding() {
        float[][] w = new float[50][8];
        w[3][2] = 1f;
        NetworkSpec spec = NetworkSpec.builder()
                .add(new Embedding(50, 8, true, w, false))
                .add(new Gru(16, true))
                .add(new Dropout(0.2))
                .add(new Dense(5, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY)
                .build();
        Summary s = checkedSummary(spec, 400 + 3L * (8 * 16 + 16 * 16 + 32) + 0 + 16 * 5 + 5);
        assertEquals(400, s.nonTrainableParams());
        assertEquals(s.totalParams() - 400, s.trainableParams());
        assertEquals("(None, None, 5)", s.rows().get(3).outputShape());
        RecurrentNetwork net = spec.build(3);
        assertEquals(1f, net.network().getLayer(0).getParam("W").getFloat(3, 2));
        assertEquals(0f, net.network().getLayer(0).getParam("W").getFloat(4, 2));
    }
}
