package io.rnnkit.charlm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bits per character a general-purpose compressor spends on a test text when it has already seen the text before
 * it: {@code 8 * (size(compress(context + test)) - size(compress(context))) / chars(test)}. The difference cancels
 * headers and the cost of the context, leaving what coding the test part adds. Unlike the language model, which is
 * frozen when scored, a compressor also keeps adapting to the test part while it codes it.
 *
 * @param name    short name, e.g. {@code "ppmd_o8"}
 * @param command the command line; {@code {in}} is the input file and {@code {out}} a scratch output file whose
 *                size is measured (when the command writes to standard output instead, that is measured)
 */
public record CompressorBaseline(String name, List<String> command) {

    /** {@code bzip2 -9} (900 kB blocks of Burrows-Wheeler transform). */
    public static CompressorBaseline bzip2() {
        return new CompressorBaseline("bzip2_9", List.of("bzip2", "-9", "-c", "{in}"));
    }

    /** {@code xz -9e} (LZMA2 with a 64 MiB dictionary, extreme preset). */
    public static CompressorBaseline xz() {
        return new CompressorBaseline("xz_9e", List.of("xz", "-9e", "-c", "{in}"));
    }

    /** 7-Zip's PPMd (variant H) of order 8 with 256 MB of model memory. */
    public static CompressorBaseline ppmd8() {
        return new CompressorBaseline("ppmd_o8", List.of("7z", "a", "-bd", "-bso0", "-t7z", "-m0=PPMd:o=8:mem=256m",
                "{out}", "{in}"));
    }

    /** Whether the compressor's program is on the {@code PATH}. */
    public boolean available() {
        String exe = command.get(0);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    /** Bits per character of {@code test} given {@code context}, as described in the class comment. */
    public double bitsPerChar(String context, String test) {
        long withTest = compressedBytes(context + test);
        long without = compressedBytes(context);
        return 8.0 * (withTest - without) / test.codePointCount(0, test.length());
    }

    /** Size in bytes of {@code text} (UTF-8) after compression. */
    public long compressedBytes(String text) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rnnkit-" + name);
            Path in = Files.writeString(dir.resolve("input.txt"), text, StandardCharsets.UTF_8);
            Path out = dir.resolve("output.bin");
            Path stdout = dir.resolve("stdout.bin");
            List<String> cmd = new ArrayList<>();
            boolean usesOut = false;
            for (String part : command) {
                usesOut |= part.equals("{out}");
                cmd.add(part.replace("{in}", in.toString()).replace("{out}", out.toString()));
            }
            Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + (p.isAlive() ? "timeout" : p.exitValue()));
            }
            return Files.size(usesOut ? out : stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // Only scratch files in the temp folder are left behind.
                }
            }
        }
    }
}
