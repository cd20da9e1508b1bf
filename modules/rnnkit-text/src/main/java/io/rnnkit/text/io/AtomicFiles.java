package io.rnnkit.text.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * Writes that never leave a half-written file: the bytes go to a temporary file beside the target, which is then
 * renamed over it in one step. A reader sees the old file or the new one; a crash leaves the old one (and at most
 * a {@code .tmp} file). Missing parent directories are created.
 */
public final class AtomicFiles {
    /** Writes the file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code file} with what {@code writer} writes. */
    public static void write(Path file, Writer writer) throws IOException {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        // Not Files.createTempFile: that makes the file owner-only (0600), and the rename would keep it so.
        Path tmp = parent.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
                + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.write(out);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code file} with {@code bytes}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Replaces {@code file} with the lines, each ended by a newline, as UTF-8. */
    public static void writeLines(Path file, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
