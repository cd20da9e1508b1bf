package io.rnnkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses libnd4j's native build for this CPU. JavaCPP loads the build named by the system property
 * {@value #PROPERTY} (e.g. {@code -avx512} loads the {@code linux-x86_64-avx512} jar's library); it
 * must be set before ND4J's first use, and to a build the CPU can run, or the JVM dies with an
 * illegal instruction; left unset, JavaCPP loads the AVX-512 build whenever its jar is present.
 */
public final class NativeBuild {

    /** JavaCPP's system property naming the platform extension to load. */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private NativeBuild() {
    }

    /**
     * The fastest extension this CPU supports among those rnnkit ships ({@code -avx512} on x86-64
     * Linux with AVX-512F/BW/DQ/VL), or empty for the generic build.
     */
    public static Optional<String> bestExtension() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        return cpuFlags().filter(f -> f.contains(" avx512f ") && f.contains(" avx512bw ")
                && f.contains(" avx512dq ") && f.contains(" avx512vl ")).map(f -> "-avx512");
    }

    /**
     * Sets {@value #PROPERTY} to {@link #bestExtension()} unless the user already chose; on a CPU
     * without AVX-512 it is set to "" (the generic build). It must never stay unset while the
     * {@code -avx512} jar is on the class path: JavaCPP then tries the extensions ND4J lists, the
     * AVX-512 one first, and loads it whatever the CPU (seen on an AMD EPYC with AVX2 only: SIGILL in
     * {@code libnd4jcpu.so} at ND4J's first use). Returns the extension in effect, "" for the generic
     * build.
     */
    public static String selectBest() {
        String chosen = System.getProperty(PROPERTY);
        if (chosen == null) {
            chosen = bestExtension().orElse("");
            System.setProperty(PROPERTY, chosen);
        }
        return chosen;
    }

    /** The CPU model name from /proc/cpuinfo, or the JVM's arch when it is not readable. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch", "unknown");
    }

    private static Optional<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return Optional.of(" " + line.substring(line.indexOf(':') + 1).trim() + " ");
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: assume no extensions
        }
        return Optional.empty();
    }
}
