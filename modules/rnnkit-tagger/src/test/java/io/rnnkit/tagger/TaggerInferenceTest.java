package io.rnnkit.tagger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaggerInferenceTest {

    @Test
    void rationalTanhIsWithinFourTenMillionthsOfMathTanhEverywhere() {
        double worst = 0;
        for (int i = -400_000; i <= 400_000; i++) {
            float x = i * 1e-4f;   // [-40, 40]
            worst = Math.max(worst, Math.abs(TaggerInference.tanh(x) - Math.tanh(x)));
        }
        assertTrue(worst < 4e-7, "max |error| " + worst);
        assertEquals(1f, TaggerInference.tanh(1e30f), 4e-7f);
        assertEquals(-1f, TaggerInference.tanh(Float.NEGATIVE_INFINITY), 4e-7f);
        assertEquals(0f, TaggerInference.tanh(0f));
    }

    @Test
    void sigmoidThroughTanhIsWithinFourTenMillionthsOfTheLogistic() {
        double worst = 0;
        for (int i = -400_000; i <= 400_000; i++) {
            float x = i * 1e-4f;
            worst = Math.max(worst, Math.abs(TaggerInference.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(worst < 4e-7, "max |error| " + worst);
        assertEquals(0.5f, TaggerInference.sigmoid(0f));
    }
}
