package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lecture notes' example: trained on "hello", the model continues "h" with e, l, l, o. */
class HelloTest {

    @Test
    void predictsElloAfterH() {
        CharLmConfig config = CharLmConfig.builder()
                .layers(1).units(16).dropout(0).sequenceLength(4).batchSize(1)
                .learningRate(0.05).epochs(150).patience(0).validationFraction(0)
                .seed(1).quiet().build();
        CharLanguageModel model = CharLanguageModel.train(config, "hello");

        // Vocabulary: PAD, UNK, then l (twice) before e, h, o (once each, alphabetical).
        assertEquals(java.util.List.of("<pad>", "<unk>", "l", "e", "h", "o"), model.vocabulary().tokens());
        GeneratedText g = model.sample(SamplingOptions.builder().prefix("h").length(4).greedy().seed(0).build());
        assertEquals("ello", g.sample());
        assertEquals("hello", g.text());

        // It is learned, not luck: each next character gets most of the probability mass.
        Evaluation e = model.evaluate("hello");
        assertEquals(4, e.chars());
        assertTrue(e.bpc() < 0.5, "bpc on its own training text " + e.bpc());
    }
}
