package io.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class NativeBuildTest {

    /** Runs {@code body}, then puts the platform-extension property back as it was. */
    private static void keepingTheProperty(Runnable body) {
        String before = System.getProperty(NativeBuild.PROPERTY);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(NativeBuild.PROPERTY);
            } else {
                System.setProperty(NativeBuild.PROPERTY, before);
            }
        }
    }

    @Test
    void aChoiceAlreadyMadeIsKept() {
        keepingTheProperty(() -> {
            System.setProperty(NativeBuild.PROPERTY, "");
            assertEquals("", NativeBuild.selectBest());
            assertEquals("", System.getProperty(NativeBuild.PROPERTY));
        });
    }

    /** Unset, the property would let JavaCPP load the AVX-512 build on any CPU: it is always set. */
    @Test
    void theChoiceIsAlwaysWrittenDownEvenForTheGenericBuild() {
        keepingTheProperty(() -> {
            System.clearProperty(NativeBuild.PROPERTY);
            String chosen = NativeBuild.selectBest();
            assertEquals(NativeBuild.bestExtension().orElse(""), chosen);
            assertEquals(chosen, System.getProperty(NativeBuild.PROPERTY));
        });
    }

    /** The test JVM itself runs the generic build (see the surefire argLine in this module's pom). */
    @Test
    void testsRunTheGenericBuild() {
        assertEquals("", System.getProperty(NativeBuild.PROPERTY));
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
