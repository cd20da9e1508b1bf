package io.rnnkit.nn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library user's first use applies the measured thread default by itself. Runs a fresh JVM without
 * {@code OMP_NUM_THREADS} (the test JVM has it set, and ND4J reads it only once, at load), so ND4J starts with one
 * thread per core and only rnnkit's entry points can bring it down.
 */
class FirstUseThreadsTest {

    @TempDir
    Path dir;

    /** Child JVM: one library entry point, then the OpenMP thread count in force. */
    public static void main(String[] args) {
        if (args[0].equals("build")) {
            spec().build(1);
        } else {
            ModelFile.load(Path.of(args[1]), null);
        }
        System.out.println("openmp=" + NativeThreads.current().openMp());
    }

    private static NetworkSpec spec() {
        return NetworkSpec.builder().features(3).add(new Lstm(4)).add(new Dense(2)).build();
    }

    @Test
    void buildingANetworkAppliesTheDefault() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: ND4J's own default is already 1");
        assertEquals("openmp=" + NativeThreads.DEFAULT_THREADS, child(List.of(), "build"));
    }

    @Test
    void loadingAModelFileAppliesTheDefault() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: ND4J's own default is already 1");
        Path file = dir.resolve("m.rnnk");
        RecurrentNetwork net = spec().build(1);
        ModelFile.save(file, Manifest.forTask("test"), net.network(), Map.of());
        assertEquals("openmp=" + NativeThreads.DEFAULT_THREADS, child(List.of(), "load", file.toString()));
    }

    @Test
    void thePropertyWinsOverTheDefault() throws Exception {
        assertEquals("openmp=2", child(List.of("-D" + NativeThreads.PROPERTY + "=2"), "build"));
    }

    private static String child(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FirstUseThreadsTest.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("OMP_NUM_THREADS");
        builder.environment().remove(NativeThreads.ENV);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.lines().filter(l -> l.startsWith("openmp=")).findFirst().orElse(out);
    }
}
