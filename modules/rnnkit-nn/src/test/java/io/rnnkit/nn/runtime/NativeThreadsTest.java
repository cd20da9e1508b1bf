package io.rnnkit.nn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeThreadsTest {

    @Test
    void explicitCountBeatsPropertyBeatsEnvironmentBeatsDefault() {
        // Counts stay within the processors of a 2-core machine (the smallest this project runs on).
        Map<String, String> env = Map.of(NativeThreads.ENV, "2", "OMP_NUM_THREADS", "4");
        assertEquals(Optional.of(1), NativeThreads.choose(1, "2", env));
        assertEquals(Optional.of(2), NativeThreads.choose(null, "2", Map.of(NativeThreads.ENV, "1")));
        assertEquals(Optional.of(2), NativeThreads.choose(null, null, env));
        assertEquals(Optional.empty(), NativeThreads.choose(null, "", Map.of("OMP_NUM_THREADS", "4")),
                "OMP_NUM_THREADS was applied by the native library itself");
        assertEquals(Optional.of(NativeThreads.DEFAULT_THREADS), NativeThreads.choose(null, null, Map.of()));
    }

    @Test
    void badCountsAreRejectedNamingTheirSource() {
        String range = "must be a whole number from 1 to " + Runtime.getRuntime().availableProcessors()
                + " (the processors available), got ";
        assertEquals("system property rnnkit.threads " + range + "'many'",
                assertThrows(IllegalArgumentException.class,
                        () -> NativeThreads.choose(null, "many", Map.of())).getMessage());
        assertEquals("environment variable RNNKIT_THREADS " + range + "'0'",
                assertThrows(IllegalArgumentException.class,
                        () -> NativeThreads.choose(null, null, Map.of(NativeThreads.ENV, "0"))).getMessage());
        assertEquals("--threads " + range + "'-1'",
                assertThrows(IllegalArgumentException.class,
                        () -> NativeThreads.choose(-1, null, Map.of())).getMessage());
        assertEquals("--threads " + range + "'999'",
                assertThrows(IllegalArgumentException.class,
                        () -> NativeThreads.choose(999, null, Map.of())).getMessage());
    }

    @Test
    void applyChangesOpenMpMasterAndBlasThreadsAtRunTime() {
        NativeThreads.Settings before = NativeThreads.current();
        try {
            NativeThreads.apply(2);
            NativeThreads.Settings two = NativeThreads.current();
            assertEquals(2, two.openMp());
            assertEquals(Math.min(2, before.maxThreads()), two.maxMasterThreads(), "capped by the pool size");
            assertEquals(2, two.blas());
            assertEquals(before.maxThreads(), two.maxThreads(), "libnd4j's pool size is fixed at native load");
            NativeThreads.Settings one = NativeThreads.configure(1); // down is always possible
            assertEquals(new NativeThreads.Settings(1, before.maxThreads(), 1, 1, one.cores()), one);
        } finally {
            NativeThreads.apply(before.openMp());
        }
    }
}
