package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Test
    void goldenScores() {
        // gold:      a a a a b b c
        // predicted: a a b c b b b
        Evaluation e = Evaluation.of(List.of("a", "b", "c"), new int[] {0, 0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 2, 1, 1, 1});
        assertEquals(7, e.n());
        assertEquals(4.0 / 7, e.accuracy(), 1e-12);
        List<Evaluation.ClassScores> s = e.perClass();
        assertEquals(new Evaluation.ClassScores("a", 1.0, 0.5, 2.0 / 3, 4), s.get(0));
        assertEquals(0.5, s.get(1).precision(), 1e-12); // b predicted 4 times, 2 right
        assertEquals(1.0, s.get(1).recall(), 1e-12);
        assertEquals(2.0 / 3, s.get(1).f1(), 1e-12);
        assertEquals(new Evaluation.ClassScores("c", 0.0, 0.0, 0.0, 1), s.get(2)); // zero division counts as 0
        assertEquals((2.0 / 3 + 2.0 / 3 + 0) / 3, e.macroF1(), 1e-12);
        assertEquals(List.of(2L, 1L, 1L), java.util.Arrays.stream(e.confusion()[0]).boxed().toList());
    }

    @Test
    void jsonHasTheContractKeys() throws Exception {
        Evaluation e = Evaluation.of(List.of("-1", "1"), new int[] {0, 1, 1}, new int[] {0, 1, 0});
        JsonNode json = new ObjectMapper().readTree(e.toJson());
        assertEquals(2.0 / 3, json.get("accuracy").asDouble(), 1e-12);
        assertEquals(e.macroF1(), json.get("macro_f1").asDouble(), 1e-12);
        assertEquals(3, json.get("n").asInt());
        assertEquals(1, json.get("confusion").get(1).get(0).asInt());
        assertEquals(0.5, json.get("per_class").get("1").get("recall").asDouble(), 1e-12);
    }

    @Test
    void crossValidationMeanAndSampleStd() {
        Evaluation right = Evaluation.of(List.of("a", "b"), new int[] {0, 1}, new int[] {0, 1});
        Evaluation half = Evaluation.of(List.of("a", "b"), new int[] {0, 1}, new int[] {0, 0});
        CrossValidation cv = new CrossValidation(List.of(right, half, right), List.of(1.0, 2.0, 3.0));
        assertEquals(2.5 / 3, cv.meanAccuracy(), 1e-12);
        assertEquals(Math.sqrt((2 * Math.pow(1 - 2.5 / 3, 2) + Math.pow(0.5 - 2.5 / 3, 2)) / 2), cv.stdAccuracy(), 1e-12);
        assertEquals(6.0, cv.totalTrainSeconds(), 1e-12);
        assertEquals(3, cv.toMap().get("k"));
    }

    @Test
    void mismatchedInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(List.of("a", "b"), new int[] {0}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(List.of("a", "b"), new int[] {2}, new int[] {0}));
    }
}
