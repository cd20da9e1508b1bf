package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.train.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

    @Test
    void networkShapeFollowsTheConfig() {
        CharLanguageModel m = SmallModels.lstm();
        int v = m.vocabulary().size();
        // 2 x LSTM(24) on one-hot V, then Dense(V): 4(VH + H^2 + H) + 4(2H^2 + H) + (HV + V).
        long expected = 4L * (v * 24 + 24 * 24 + 24) + 4L * (24 * 24 + 24 * 24 + 24) + 24L * v + v;
        assertEquals(expected, m.summary().totalParams());
        CharLanguageModel g = SmallModels.gru();
        long gru = (long) v * 8 + 3L * (8 * 24 + 24 * 24 + 2 * 24) + 3L * (24 * 24 + 24 * 24 + 2 * 24) + 24L * v + v;
        assertEquals(gru, g.summary().totalParams());
    }

    @Test
    void trainingReportsHistoryValidationAndThroughput() {
        TrainingSummary t = SmallModels.lstm().training().orElseThrow();
        assertEquals(2, t.history().size());
        assertEquals(2, t.validationBpc().size());
        assertEquals(StopReason.COMPLETED, t.stopReason());
        assertEquals(3600, t.trainChars()); // 90 % of 4,000
        assertTrue(t.charsPerSecond() > 0);
        assertTrue(t.validationBpc().get(1) < t.validationBpc().get(0), t.validationBpc().toString());
    }

    @Test
    void timeBudgetStopsTrainingAndCheckpointsAreWritten(@TempDir Path dir) throws Exception {
        CharLmConfig c = SmallModels.config(Cell.LSTM).epochs(1000).timeBudget(Duration.ofMillis(1))
                .checkpointDir(dir).build();
        CharLanguageModel m = CharLanguageModel.train(c, SmallModels.sonnets().substring(0, 3000));
        TrainingSummary t = m.training().orElseThrow();
        assertEquals(StopReason.TIME_BUDGET, t.stopReason());
        assertEquals(1, t.history().size());
        assertEquals(1, t.history().get(0).batches());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".rnnk")).count());
        }
    }

    @Test
    void badTrainingInputsGiveClearErrors() {
        CharLmConfig c = SmallModels.config(Cell.LSTM).build();
        assertEquals("training text is empty",
                assertThrows(IllegalArgumentException.class, () -> CharLanguageModel.train(c, "")).getMessage());
        assertEquals("training text must not be null",
                assertThrows(IllegalArgumentException.class, () -> CharLanguageModel.train(c, (String) null))
                        .getMessage());
        assertEquals("training text has 30 characters; it must be longer than the sequence length (40): use more "
                        + "text or a shorter sequence length",
                assertThrows(IllegalArgumentException.class,
                        () -> CharLanguageModel.train(c, "x".repeat(30), null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CharLanguageModel.train(c, "y".repeat(100), "z")).getMessage()
                .startsWith("validation text has 1 characters"));
        assertEquals("dropout must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> CharLmConfig.builder().dropout(1).build()).getMessage());
        assertEquals("tbpttLength (50) must not exceed sequenceLength (40)", assertThrows(
                IllegalArgumentException.class,
                () -> CharLmConfig.builder().sequenceLength(40).tbpttLength(50).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharLmConfig.builder().minutes(0));
        assertThrows(IllegalArgumentException.class, () -> CharLmConfig.builder().layers(0).build());
    }

    @Test
    void continuedTrainingKeepsTheVocabularyLowersTheLossAndLeavesTheOriginalAlone() {
        CharLanguageModel m = SmallModels.lstm();
        String text = SmallModels.sonnets().substring(0, 4000);
        TextSplit split = TextSplit.byPosition(text, 0.9, 0.1);
        double before = m.evaluate(split.validation()).bpc();
        WeightsSnapshot original = WeightsSnapshot.of(m);
        CharLmConfig c = m.config().toBuilder().epochs(2).learningRate(0.01).build();
        CharLanguageModel more = m.continueTraining(c, split.train(), split.validation(), java.util.List.of());
        assertEquals(m.vocabulary().size(), more.vocabulary().size());
        assertEquals(2, more.training().orElseThrow().history().size());
        assertTrue(more.evaluate(split.validation()).bpc() < before);
        assertTrue(original.matches(m), "the model continued from must not change");
        assertEquals(before, m.evaluate(split.validation()).bpc(), 1e-12);

        CharLmConfig wider = m.config().toBuilder().units(32).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.continueTraining(wider, split.train(), null, java.util.List.of()));
        assertTrue(e.getMessage().startsWith("cannot continue training with another network shape: the model is lstm "
                + "2x24"), e.getMessage());
    }

    /** A snapshot of a model's weights. */
    private record WeightsSnapshot(org.nd4j.linalg.api.ndarray.INDArray params) {
        static WeightsSnapshot of(CharLanguageModel m) {
            return new WeightsSnapshot(m.network().network().params().dup());
        }

        boolean matches(CharLanguageModel m) {
            return params.equals(m.network().network().params());
        }
    }

    @Test
    void textSplitIsByPositionOnCodePoints() {
        TextSplit s = TextSplit.standard("a".repeat(90) + "b".repeat(5) + "c".repeat(5));
        assertEquals("a".repeat(90), s.train());
        assertEquals("bbbbb", s.validation());
        assertEquals("ccccc", s.test());
        assertEquals("a".repeat(90) + "bbbbb", s.beforeTest());
        // 4 emoji (8 UTF-16 chars): a cut at half is after 2 code points, never inside a pair.
        TextSplit e = TextSplit.byPosition("😀😁😂😃", 0.5, 0.25);
        assertEquals("😀😁", e.train());
        assertEquals("😂", e.validation());
        assertEquals("😃", e.test());
        assertThrows(IllegalArgumentException.class, () -> TextSplit.byPosition("abc", 0.9, 0.2));
        assertThrows(IllegalArgumentException.class, () -> TextSplit.byPosition("abc", 0, 0.2));
    }
}
