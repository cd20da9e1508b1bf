package io.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class NativeBuildTest {

    @Test
    void aChoiceAlreadyMadeIsKept() {
        String before = System.getProperty(NativeBuild.PROPERTY);
        try {
            System.setProperty(NativeBuild.PROPERTY, "");
            assertEquals("", NativeBuild.selectBest());
            assertEquals("", System.getProperty(NativeBuild.PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty(NativeBuild.PROPERTY);
            } else {
                System.setProperty(NativeBuild.PROPERTY, before);
            }
        }
    }

    @Test
    void avx512IsOfferedExactlyWhenTheCpuListsIt() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        boolean linuxX86 = System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").equals("amd64") && Files.isReadable(cpuinfo);
        String flags = linuxX86 ? Files.readString(cpuinfo) : "";
        boolean has = flags.contains(" avx512f") && flags.contains(" avx512bw") && flags.contains(" avx512dq")
                && flags.contains(" avx512vl");
        assertEquals(linuxX86 && has, NativeBuild.bestExtension().isPresent());
        NativeBuild.bestExtension().ifPresent(e -> assertEquals("-avx512", e));
        assertTrue(!NativeBuild.cpuModel().isBlank());
    }
}
