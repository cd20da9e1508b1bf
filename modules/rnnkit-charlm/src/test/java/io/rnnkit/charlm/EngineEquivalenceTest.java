package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sampling and evaluation through the inference engine give what DL4J's stateful stepping gave. */
class EngineEquivalenceTest {
    private static final String TEXT = SmallModels.sonnets().substring(6000, 7500);

    private static List<CharLanguageModel> models() {
        return List.of(SmallModels.lstm(), SmallModels.gru(), ModelFileTest.loadFixture());
    }

    @Test
    void evaluationEqualsTheDl4jPath() {
        for (CharLanguageModel m : models()) {
            assertEquals(Dl4jReference.bpc(m, "", TEXT), m.evaluate(TEXT).bpc(), 1e-5, m.toString());
            String context = SmallModels.sonnets().substring(5000, 6000);
            assertEquals(Dl4jReference.bpc(m, context, TEXT), m.evaluate(context, TEXT).bpc(), 1e-5, m.toString());
        }
    }

    @Test
    void samplesEqualTheDl4jPathForEveryOption() {
        SamplingOptions base = SamplingOptions.builder().prefix("Shall I compare ").length(120).seed(5).build();
        List<SamplingOptions> options = List.of(base, base.toBuilder().temperature(0.7).build(),
                base.toBuilder().topK(4).seed(6).build(), base.toBuilder().topP(0.9).temperature(1.3).build(),
                base.toBuilder().greedy().build(), base.toBuilder().prefix("").seed(8).build(),
                base.toBuilder().count(5).temperature(0.9).build(),
                // A long prefix for many samples is fed in several pieces (468 steps each for 70 samples).
                base.toBuilder().prefix(SmallModels.sonnets().substring(3000, 4300)).count(70).length(30).build());
        for (CharLanguageModel m : models()) {
            for (SamplingOptions o : options) {
                assertEquals(Dl4jReference.samples(m, o), m.sample(o).samples(), m + ", " + o);
            }
        }
    }
}
