package io.rnnkit.nn.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what a user types for a model — a file path or {@code builtin:NAME} — into a model file on disk.
 *
 * <p>Built-in models are {@code .rnnk} resources under {@value #RESOURCE_DIR} on the class path, shipped by the
 * {@code rnnkit-models} artifact (like OpenNLP's model jars). {@link ModelFile#load(String, String)} reads them
 * straight from the class path; only {@link #resolve(String)}, which promises a {@link Path}, may need a copy.
 */
public final class ModelLocation {
    /** Prefix that selects a built-in model. */
    public static final String BUILTIN_PREFIX = "builtin:";
    /** Class-path folder of the built-in models. */
    public static final String RESOURCE_DIR = "io/rnnkit/models/";
    /**
     * The names of the built-in models rnnkit ships: one per task, named after it, and variants named
     * {@code TASK-VARIANT} ({@code charlm-ko}: the Korean character model; {@code translate-en-ko}: English → Korean).
     */
    public static final List<String> BUILTIN_NAMES = List.of("charlm", "sentiment", "tagger", "forecast",
            "charlm-ko", "translate-en-ko");

    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private ModelLocation() {
    }

    /** The task of the built-in model {@code name} ({@code charlm-ko} → {@code charlm}). */
    public static String builtinTask(String name) {
        int dash = name.indexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    /** Whether {@code location} names a built-in model. */
    public static boolean isBuiltin(String location) {
        return location != null && location.startsWith(BUILTIN_PREFIX);
    }

    /**
     * The model file for {@code location}: the path itself, or the extracted built-in model.
     *
     * @throws ModelFileException when a path does not exist or a built-in model is not on the class path
     */
    public static Path resolve(String location) {
        Objects.requireNonNull(location, "location");
        if (isBuiltin(location)) {
            String name = location.substring(BUILTIN_PREFIX.length());
            return EXTRACTED.computeIfAbsent(name, ModelLocation::extract);
        }
        Path p = Paths.get(location);
        if (!Files.isRegularFile(p)) {
            throw new ModelFileException("model file " + location + " does not exist"
                    + (Files.isDirectory(p) ? " (it is a directory)" : ""));
        }
        return p;
    }

    /**
     * The bytes of the built-in model {@code location} ({@code builtin:NAME}), read from the class path.
     *
     * @throws ModelFileException when no such built-in model is on the class path
     */
    public static byte[] builtinBytes(String location) {
        if (!isBuiltin(location)) {
            throw new IllegalArgumentException("not a built-in model: " + location);
        }
        String name = location.substring(BUILTIN_PREFIX.length());
        try (InputStream in = loader().getResourceAsStream(RESOURCE_DIR + name + ModelFile.EXTENSION)) {
            if (in == null) {
                throw unknown(name);
            }
            // Built-ins are a few MB; the limits still apply when their entries are inflated.
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, ModelFileLimits.defaults().maxTotalBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read built-in model '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The built-in models present on the class path. */
    public static List<String> availableBuiltins() {
        List<String> present = new ArrayList<>();
        for (String name : BUILTIN_NAMES) {
            if (loader().getResource(RESOURCE_DIR + name + ModelFile.EXTENSION) != null) {
                present.add(name);
            }
        }
        return present;
    }

    private static Path extract(String name) {
        String resource = RESOURCE_DIR + name + ModelFile.EXTENSION;
        try (InputStream in = loader().getResourceAsStream(resource)) {
            if (in == null) {
                throw unknown(name);
            }
            // A built-in inside a directory of the class path (a build tree) needs no copy.
            java.net.URL url = loader().getResource(resource);
            if (url != null && "file".equals(url.getProtocol())) {
                return Paths.get(java.net.URI.create(url.toString()));
            }
            Path tmp = Files.createTempFile("rnnkit-builtin-" + name + "-", ModelFile.EXTENSION);
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract built-in model '" + name + "': " + e.getMessage(), e);
        }
    }

    private static ModelFileException unknown(String name) {
        return new ModelFileException("no built-in model '" + name + "' on the class path (known: "
                + String.join(", ", BUILTIN_NAMES) + "; the models ship in io.rnnkit:rnnkit-models)");
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ModelLocation.class.getClassLoader();
    }
}
