package io.rnnkit.nn.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * SHA-256 and total size of the data a model was trained on, stored in the manifest so that a model can be traced
 * back to its exact training data.
 *
 * <p>The digest covers the contents in the given order, as if concatenated: for a single file it equals
 * {@code sha256sum file}. Directories contribute their regular files sorted by relative path.
 *
 * @param sha256    lower-case hex SHA-256 digest
 * @param sizeBytes total number of bytes digested
 */
public record DataFingerprint(String sha256, long sizeBytes) {

    public DataFingerprint {
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
        }
    }

    /** Fingerprint of files and/or directories (walked recursively, files sorted by relative path). */
    public static DataFingerprint ofFiles(Path... paths) {
        MessageDigest digest = newDigest();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        for (Path file : expand(paths)) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " for its fingerprint: " + e.getMessage(), e);
            }
        }
        return new DataFingerprint(HexFormat.of().formatHex(digest.digest()), size);
    }

    /** Fingerprint of strings, encoded as UTF-8. */
    public static DataFingerprint ofStrings(String... texts) {
        byte[][] parts = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            parts[i] = Objects.requireNonNull(texts[i], "text " + i).getBytes(StandardCharsets.UTF_8);
        }
        return ofBytes(parts);
    }

    /** Fingerprint of byte arrays. */
    public static DataFingerprint ofBytes(byte[]... parts) {
        MessageDigest digest = newDigest();
        long size = 0;
        for (byte[] part : parts) {
            digest.update(part);
            size += part.length;
        }
        return new DataFingerprint(HexFormat.of().formatHex(digest.digest()), size);
    }

    private static List<Path> expand(Path... paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .sorted((a, b) -> path.relativize(a).toString().compareTo(path.relativize(b).toString()))
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return files;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
