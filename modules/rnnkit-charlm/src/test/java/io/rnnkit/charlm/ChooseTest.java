package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sampling maths on hand-made distributions (indices 0 and 1 are PAD and UNK). */
class ChooseTest {
    private static final double[] P = {0.30, 0.05, 0.40, 0.15, 0.10};

    private static SamplingOptions.Builder o() {
        return SamplingOptions.builder().seed(1);
    }

    private static double[] frequencies(SamplingOptions options, int draws) {
        Random r = new Random(123);
        double[] f = new double[P.length];
        for (int i = 0; i < draws; i++) {
            f[CharLanguageModel.choose(P, options, r)] += 1.0 / draws;
        }
        return f;
    }

    @Test
    void plainSamplingFollowsTheDistributionWithoutPadAndUnk() {
        double[] f = frequencies(o().build(), 200_000);
        assertEquals(0, f[0]);
        assertEquals(0, f[1]);
        assertEquals(0.40 / 0.65, f[2], 0.005);
        assertEquals(0.15 / 0.65, f[3], 0.005);
        assertEquals(0.10 / 0.65, f[4], 0.005);
    }

    @Test
    void temperatureSharpensAndFlattens() {
        // T = 0.5 squares the probabilities: 0.16, 0.0225, 0.01.
        double[] f = frequencies(o().temperature(0.5).build(), 200_000);
        assertEquals(0.16 / 0.1925, f[2], 0.005);
        assertEquals(0.01 / 0.1925, f[4], 0.005);
        assertEquals(2, CharLanguageModel.choose(P, o().temperature(1e-6).build(), new Random(5)));
        double[] hot = frequencies(o().temperature(1e6).build(), 90_000);
        for (int i = 2; i < 5; i++) {
            assertEquals(1.0 / 3, hot[i], 0.01);
        }
    }

    @Test
    void topKAndTopP() {
        double[] k2 = frequencies(o().topK(2).build(), 100_000);
        assertEquals(0.40 / 0.55, k2[2], 0.005);
        assertEquals(0, k2[4]);
        // Renormalised masses 0.615, 0.231, 0.154: p = 0.6 keeps only the top one, p = 0.7 the top two.
        assertEquals(1.0, frequencies(o().topP(0.6).build(), 1000)[2], 1e-9);
        double[] p7 = frequencies(o().topP(0.7).build(), 100_000);
        assertEquals(0.40 / 0.55, p7[2], 0.005);
        assertEquals(0, p7[4]);
    }

    @Test
    void tiesBreakByIndexAndZeroMassFallsBack() {
        double[] tie = {0, 0, 0.5, 0.5};
        assertEquals(2, CharLanguageModel.choose(tie, o().greedy().build(), new Random(1)));
        double[] onlyReserved = {0.5, 0.5, 0, 0};
        assertEquals(2, CharLanguageModel.choose(onlyReserved, o().build(), new Random(1)));
    }

    @Test
    void invalidOptionsAreRejectedWithClearMessages() {
        assertEquals("temperature must be a positive number, got 0.0 (use topK=1 for greedy decoding)",
                assertThrows(IllegalArgumentException.class, () -> o().temperature(0).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> o().temperature(-1).build());
        assertThrows(IllegalArgumentException.class, () -> o().temperature(Double.NaN).build());
        assertEquals("topP must be in (0, 1] (1 = no cut), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> o().topP(0).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> o().topP(1.5).build());
        assertEquals("topK must be >= 0 (0 = no limit), got -1",
                assertThrows(IllegalArgumentException.class, () -> o().topK(-1).build()).getMessage());
        assertEquals("length must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> o().length(0).build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o().count(0).build()).getMessage()
                .startsWith("count must be in [1, "));
        assertThrows(IllegalArgumentException.class, () -> o().prefix(null).build());
    }
}
