package io.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchMainTest {

    @Test
    void quickModeIsTheDefaultAndPlansTheSmallSizeOnly() {
        BenchMain.Options o = BenchMain.parse(new String[0]);
        assertTrue(o.quick());
        assertEquals(Path.of("target/bench/rnnkit.json"), o.out());
        List<String> names = List.copyOf(BenchMain.plan(o).keySet());
        assertEquals("sgemm.1024", names.get(0));
        for (Cell c : Cell.values()) {
            assertTrue(names.contains(c.key() + ".train.D64-H256-B32-T100"), c.key());
            assertTrue(names.contains(c.key() + ".infer.D64-H256-B32-T100"), c.key());
        }
        assertTrue(names.contains("lstm.step.D64-H256"));
        assertFalse(names.stream().anyMatch(n -> n.contains("H512")));
    }

    @Test
    void fullModeAddsTheLargeSizeAndLeversOnRequest() {
        BenchMain.Options o = BenchMain.parse(new String[] {"--mode", "full", "--levers", "--only", "lstm"});
        List<String> names = List.copyOf(BenchMain.plan(o).keySet());
        assertTrue(names.contains("lstm.train.D128-H512-B64-T50"));
        assertTrue(names.contains("lever.D64-H256-B32-T100"));
        assertTrue(o.only().matcher("bi_lstm.train.D64-H256-B32-T100").find());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertEquals("--mode must be quick or full, got 'fast'",
                assertThrows(IllegalArgumentException.class,
                        () -> BenchMain.parse(new String[] {"--mode", "fast"})).getMessage());
        assertEquals("--out needs a value",
                assertThrows(IllegalArgumentException.class, () -> BenchMain.parse(new String[] {"--out"})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchMain.parse(new String[] {"-x"}))
                .getMessage().startsWith("unknown option '-x'"));
    }

    @Test
    void roundingKeepsFourSignificantDigits() {
        assertEquals(1235.0, BenchMain.round(1234.56), 0);
        assertEquals(0.001235, BenchMain.round(0.00123456), 1e-15);
    }
}
