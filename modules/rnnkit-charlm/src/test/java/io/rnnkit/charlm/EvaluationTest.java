package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.text.Vocabulary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.deeplearning4j.nn.api.Layer;

class EvaluationTest {
    private static final String HELD_OUT = SmallModels.sonnets().substring(5000, 5800);

    @Test
    void stateCarriedAcrossChunksEqualsOneLongPass() {
        for (CharLanguageModel m : java.util.List.of(SmallModels.lstm(), SmallModels.gru())) {
            Evaluation whole = m.evaluate("", HELD_OUT, 10_000);
            for (int chunk : new int[] {1, 7, 100}) {
                Evaluation chunked = m.evaluate("", HELD_OUT, chunk);
                assertEquals(whole.bpc(), chunked.bpc(), 1e-5, "chunk " + chunk);
                assertEquals(whole.chars(), chunked.chars());
            }
            assertEquals(799, whole.chars());
            assertEquals(Math.pow(2, whole.bpc()), whole.perplexity(), 1e-9);
        }
    }

    @Test
    void heldOutPartsAreScoredAfterTheTextBeforeThem() {
        CharLanguageModel m = SmallModels.lstm();
        TextSplit split = TextSplit.byPosition(SmallModels.sonnets().substring(0, 6000), 0.8, 0.1);
        HeldOutScores scores = m.evaluateHeldOut(split, 500);
        // Held-out parts are scored batched; one sequential pass agrees to float rounding (documented: ~1e-6 bpc).
        assertEquals(m.evaluate(split.train().substring(split.train().length() - 500), split.validation()).bpc(),
                scores.validation().bpc(), 1e-6);
        assertEquals(m.evaluate(split.beforeTest().substring(split.beforeTest().length() - 500), split.test()).bpc(),
                scores.test().bpc(), 1e-6);
        assertEquals(java.util.Map.of("val_bpc", scores.validation().bpc(), "test_bpc", scores.test().bpc(),
                "unigram_bpc", scores.test().unigramBpc()), scores.metrics());
        // No context: the part's first character is only context, as evaluate(text) has it.
        assertEquals(m.evaluate(split.test()).bpc(), m.evaluateHeldOut(split, 0).test().bpc(), 1e-6);
        // A part too short to score is left out, not an error.
        HeldOutScores noValidation = m.evaluateHeldOut(TextSplit.byPosition(split.beforeTest(), 0.9, 0), 500);
        assertEquals(null, noValidation.validation());
        assertEquals(java.util.Set.of("test_bpc", "unigram_bpc"), noValidation.metrics().keySet());
        assertThrows(IllegalArgumentException.class, () -> m.evaluateHeldOut(split, -1));

        // A deadline already passed leaves both parts unscored: --minutes bounds the whole train command.
        HeldOutScores late = m.evaluateHeldOut(split, 500, java.time.Instant.now().minusSeconds(1));
        assertEquals(null, late.validation());
        assertEquals(null, late.test());
        HeldOutScores inTime = m.evaluateHeldOut(split, 500, java.time.Instant.now().plusSeconds(600));
        assertEquals(scores.test().bpc(), inTime.test().bpc(), 1e-12);
    }

    @Test
    void dynamicEvaluationScoresBeforeLearningAndAdaptsToTheText() {
        for (CharLanguageModel m : java.util.List.of(SmallModels.lstm(), SmallModels.gru())) {
            String context = HELD_OUT.substring(0, 300);
            String text = HELD_OUT.substring(300);
            Evaluation still = m.evaluate(context, text);
            double before = m.network().network().params().sumNumber().doubleValue();
            // A vanishing rate leaves the weights as they are: exactly the static figure, through the same
            // segment-by-segment scoring.
            Evaluation frozen = m.evaluateDynamic(context, text, 50, 1e-12);
            assertEquals(still.bpc(), frozen.bpc(), 1e-4);
            assertEquals(still.chars(), frozen.chars());
            assertEquals(still.unigramBpc(), frozen.unigramBpc(), 1e-12);
            // Text that repeats is learned as it is read.
            String repeated = text.substring(0, 100).repeat(10);
            double staticBpc = m.evaluate(context, repeated).bpc();
            double dynamicBpc = m.evaluateDynamic(context, repeated, 100, 0.01).bpc();
            assertTrue(dynamicBpc < staticBpc - 0.03, dynamicBpc + " vs " + staticBpc);
            assertEquals(before, m.network().network().params().sumNumber().doubleValue(), 0,
                    "the model itself does not change");
        }
        CharLanguageModel m = SmallModels.lstm();
        assertThrows(IllegalArgumentException.class, () -> m.evaluateDynamic("", HELD_OUT, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> m.evaluateDynamic("", HELD_OUT, 10, -1));
    }

    @Test
    void rmsDynamicEvaluationMatchesStaticAtAVanishingRateAndAdaptsToRepeatedText() {
        String statistics = SmallModels.sonnets().substring(0, 3000);
        for (CharLanguageModel m : java.util.List.of(SmallModels.lstm(), SmallModels.gru())) {
            String context = HELD_OUT.substring(0, 300);
            String text = HELD_OUT.substring(300);
            double before = m.network().network().params().sumNumber().doubleValue();
            Evaluation still = m.evaluate(context, text);
            Evaluation frozen = m.evaluateDynamic(context, text, DynamicEvaluation.rms(20, 1e-12, 0, statistics));
            assertEquals(still.bpc(), frozen.bpc(), 1e-4);
            assertEquals(still.chars(), frozen.chars());
            String repeated = text.substring(0, 100).repeat(10);
            double staticBpc = m.evaluate(context, repeated).bpc();
            double rms = m.evaluateDynamic(context, repeated, DynamicEvaluation.rms(20, 1e-3, 0, statistics)).bpc();
            assertTrue(rms < staticBpc - 0.03, rms + " vs " + staticBpc);
            // The gradient statistics are reused for the same text instance, recomputed for an equal copy: same result.
            assertEquals(rms, m.evaluateDynamic(context, repeated, DynamicEvaluation.rms(20, 1e-3, 0, statistics))
                    .bpc(), 1e-9);
            assertEquals(rms, m.evaluateDynamic(context, repeated,
                    DynamicEvaluation.rms(20, 1e-3, 0, new String(statistics.toCharArray()))).bpc(), 1e-6);
            // A decay that pulls every weight fully back each segment leaves nothing learned.
            double reset = m.evaluateDynamic(context, repeated, DynamicEvaluation.rms(20, 1e-3, 1e9, statistics))
                    .bpc();
            assertTrue(reset > rms, reset + " vs " + rms);
            assertEquals(before, m.network().network().params().sumNumber().doubleValue(), 0,
                    "the model itself does not change");
        }
    }

    @Test
    void learningFromTheContextHelpsWhenTheTextRepeatsIt() {
        for (CharLanguageModel m : java.util.List.of(SmallModels.lstm(), SmallModels.gru())) {
            String text = HELD_OUT.substring(0, 250);
            String context = HELD_OUT.substring(400) + text + text;    // the text appears in the context twice
            for (DynamicEvaluation rule : new DynamicEvaluation[] {DynamicEvaluation.sgd(50, 0.01),
                    DynamicEvaluation.rms(50, 3e-3, 0, HELD_OUT)}) {
                Evaluation readOnly = m.evaluateDynamic(context, text, rule);
                Evaluation learned = m.evaluateDynamic(context, text, rule.learningFromContext());
                assertEquals(readOnly.chars(), learned.chars(), "only the text is scored");
                assertEquals(readOnly.unigramBpc(), learned.unigramBpc(), 1e-12);
                assertTrue(learned.bpc() < readOnly.bpc() - 0.05, rule + ": " + learned.bpc() + " vs "
                        + readOnly.bpc());
            }
            // At a vanishing rate learning from the context changes nothing but drops a few leading context
            // characters (to align the segments), which barely moves the state.
            DynamicEvaluation frozen = DynamicEvaluation.sgd(50, 1e-12);
            assertEquals(m.evaluateDynamic(context, text, frozen).bpc(),
                    m.evaluateDynamic(context, text, frozen.learningFromContext()).bpc(), 2e-3);
        }
        assertTrue(DynamicEvaluation.sgd(20, 0.1).learningFromContext().toString().contains("learning from the context"));
    }

    @Test
    void dynamicEvaluationSettingsAreCheckedWithClearMessages() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> DynamicEvaluation.rms(20, 1e-3, 0, null));
        assertTrue(none.getMessage().contains("gradient statistics"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DynamicEvaluation.rms(20, 1e-3, 0, "too short"));
        assertThrows(IllegalArgumentException.class, () -> DynamicEvaluation.rms(20, 1e-3, -1, HELD_OUT));
        assertThrows(IllegalArgumentException.class, () -> new DynamicEvaluation(DynamicEvaluation.Rule.SGD, 20,
                1e-3, 0.1, null));
        assertThrows(IllegalArgumentException.class, () -> DynamicEvaluation.sgd(0, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> DynamicEvaluation.sgd(10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SmallModels.lstm().evaluateDynamic("", HELD_OUT, null));
    }

    @Test
    void contextPredictsTheFirstCharacterToo() {
        CharLanguageModel m = SmallModels.lstm();
        Evaluation withContext = m.evaluate(HELD_OUT.substring(0, 400), HELD_OUT.substring(400));
        assertEquals(400, withContext.chars());
        // The same characters scored in one pass over the whole text give the same bits.
        Evaluation whole = m.evaluate(HELD_OUT);
        Evaluation firstHalf = m.evaluate(HELD_OUT.substring(0, 400));
        double bits = whole.bpc() * whole.chars() - firstHalf.bpc() * firstHalf.chars();
        assertEquals(bits / 400, withContext.bpc(), 1e-4);
    }

    @Test
    void uniformModelScoresLog2OfTheVocabulary(@TempDir Path dir) {
        CharLanguageModel trained = CharLanguageModel.train(SmallModels.config(Cell.LSTM).epochs(1).build(),
                SmallModels.sonnets().substring(0, 2000));
        Layer head = trained.network().network().getLayer(trained.network().network().getnLayers() - 1);
        head.params().assign(0); // zero weights and bias: the softmax is uniform over all V outputs
        // Evaluation runs on the weights as they were when the model was built: the change shows after a reload.
        assertTrue(trained.evaluate(HELD_OUT).bpc() < Math.log(trained.vocabulary().size()) / Math.log(2) - 0.1);
        Path file = dir.resolve("uniform.rnnk");
        trained.save(file);
        CharLanguageModel m = CharLanguageModel.load(file);
        Evaluation e = m.evaluate(HELD_OUT);
        assertEquals(Math.log(m.vocabulary().size()) / Math.log(2), e.bpc(), 1e-5);
    }

    @Test
    void trainedModelBeatsTheUnigramBaselineWhichMatchesAHandCount() {
        CharLanguageModel fixture = ModelFileTest.loadFixture();
        Evaluation held = fixture.evaluate(SmallModels.sonnets().substring(90_000));
        assertTrue(held.bpc() < held.unigramBpc() - 0.5, held.toString());
        CharLanguageModel m = SmallModels.lstm();
        Evaluation e = m.evaluate(HELD_OUT);
        // Hand-computed unigram: add-one over V - 1 predictable entries, counts from the training text.
        Vocabulary v = m.vocabulary();
        long total = 0;
        for (int i = Vocabulary.RESERVED; i < v.size(); i++) {
            total += v.count(v.token(i));
        }
        double bits = 0;
        String body = HELD_OUT;
        int n = 0;
        boolean first = true;
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            i += Character.charCount(cp);
            if (first) {
                first = false;
                continue;
            }
            long c = v.count(new String(Character.toChars(cp)));
            bits -= Math.log((c + 1.0) / (total + v.size() - 1)) / Math.log(2);
            n++;
        }
        assertEquals(bits / n, e.unigramBpc(), 1e-9);
    }

    @Test
    void unknownCharactersAreScoredAsUnkAndCounted() {
        CharLanguageModel m = SmallModels.lstm();
        Evaluation e = m.evaluate("Shall I €compare thee€");
        assertEquals(2, e.unknownChars());
        assertEquals(21, e.chars());
        assertTrue(Double.isFinite(e.bpc()));
    }

    @Test
    void badEvaluationInputsAreRejected() {
        CharLanguageModel m = SmallModels.lstm();
        assertEquals("text to evaluate has 1 characters; it needs at least 2 (the first one is only context)",
                assertThrows(IllegalArgumentException.class, () -> m.evaluate("x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.evaluate(""));
        assertThrows(IllegalArgumentException.class, () -> m.evaluate((String) null));
        assertThrows(IllegalArgumentException.class, () -> m.evaluate((java.io.Reader) null));
        assertThrows(NullPointerException.class, () -> m.evaluate((Path) null));
        assertEquals(1, m.evaluate("S", "x").chars());
    }
}
