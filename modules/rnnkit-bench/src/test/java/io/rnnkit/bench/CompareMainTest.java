package io.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CompareMainTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void ratioIsLibtorchTimeOverRnnkitTime() throws Exception {
        JsonNode rnnkit = mapper.readTree("""
                {"machine": {"cpu": "x"}, "mode": "quick", "sgemm_peak_gflops": 70,
                 "benchmarks": {"sgemm.1024": {"ms": 30},
                                "lstm.train.D64-H256-B32-T100": {"ms": 200, "gflops": 31.5},
                                "gru.train.D64-H256-B32-T100": {"ms": 100}}}""");
        JsonNode torch = mapper.readTree("""
                {"peer_info": {"threads": 1},
                 "benchmarks": {"lstm.train.D64-H256-B32-T100": {"ms": 100},
                                "rnn.only_in_torch": {"ms": 5}}}""");
        ObjectNode s = CompareMain.compare(mapper, rnnkit, torch);
        JsonNode lstm = s.get("benchmarks").get("lstm.train.D64-H256-B32-T100");
        assertEquals(0.5, lstm.get("ratio_vs_libtorch").asDouble(), 1e-12);
        assertEquals(100, lstm.get("libtorch_ms").asDouble(), 1e-12);
        assertEquals(31.5, lstm.get("gflops").asDouble(), 1e-12);
        assertTrue(s.get("benchmarks").get("gru.train.D64-H256-B32-T100").get("ratio_vs_libtorch").isNull());
        assertFalse(s.get("benchmarks").get("sgemm.1024").has("ratio_vs_libtorch"));
        assertEquals(5, s.get("benchmarks").get("rnn.only_in_torch").get("libtorch_ms").asDouble(), 1e-12);
        assertEquals(70, s.get("sgemm_peak_gflops").asDouble(), 1e-12);
        assertEquals(1, s.get("libtorch").get("threads").asInt());
    }

    @Test
    void withoutThePeerRatiosAreNull() throws Exception {
        JsonNode rnnkit = mapper.readTree("{\"benchmarks\": {\"lstm.infer.D64-H256-B32-T100\": {\"ms\": 50}}}");
        ObjectNode s = CompareMain.compare(mapper, rnnkit, null);
        assertTrue(s.get("benchmarks").get("lstm.infer.D64-H256-B32-T100").get("ratio_vs_libtorch").isNull());
    }

    @Test
    void resultsWithoutBenchmarksAreRejected() throws Exception {
        JsonNode bad = mapper.readTree("{\"peer\": \"rnnkit\"}");
        assertEquals("rnnkit results have no 'benchmarks' object",
                assertThrows(IllegalArgumentException.class, () -> CompareMain.compare(mapper, bad, null)).getMessage());
    }
}
