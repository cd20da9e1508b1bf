package io.rnnkit.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.nn.runtime.NativeThreads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Reads and writes rnnkit model files ({@code .rnnk}): one zip holding {@code manifest.json}, {@code network.zip}
 * (DL4J's own format) and the task's named entries such as {@code vocab.txt} or {@code labels.txt}.
 *
 * <pre>{@code
 * ModelFile.save(path, Manifest.forTask("sentiment").withMetrics(Map.of("accuracy", 0.91)), net,
 *         Map.of("vocab.txt", vocabBytes));
 * LoadedModel model = ModelFile.load(path, "sentiment");
 * MultiLayerNetwork net = model.multiLayerNetwork();
 * String vocab = model.entries().text("vocab.txt");
 * }</pre>
 *
 * <p>Writes are atomic: the zip is written to a temporary file beside the target and renamed over it, so a crash
 * never leaves a half-written model under the real name.
 *
 * <p>Loading is safe against hostile files. Nothing is read with Java serialization: the network is built from
 * {@code network.zip}'s configuration JSON and ND4J binary arrays by rnnkit itself (not by DL4J's
 * {@code ModelSerializer}, which deserializes a {@code preprocessor.bin}), and a {@code network.zip} with any other
 * entry is refused. As a second wall the first load installs a JVM-wide {@link java.io.ObjectInputFilter} that
 * rejects everything, unless the JVM already has one. Both zips are read within {@link ModelFileLimits}, counted
 * as they inflate, so a zip bomb is refused instead of exhausting memory.
 */
public final class ModelFile {
    /** Format version written by this rnnkit; files with a higher version are refused. */
    public static final int FORMAT_VERSION = 1;
    /** Conventional file-name extension. */
    public static final String EXTENSION = ".rnnk";

    static final String MANIFEST = "manifest.json";
    static final String NETWORK = "network.zip";

    /** Compiled once: entry names are checked for every entry of every file read. */
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");
    private static final Pattern PATH_SEPARATOR = Pattern.compile("[/\\\\]");
    private static final Pattern LINE_BREAK = Pattern.compile("[\r\n]");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Metrics may be NaN (e.g. no validation data); JSON has no NaN literal, so allow it explicitly.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Fields added by later releases of the same format version are ignored, not fatal.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A manifest has exact types: "formatVersion": "1" (a string) is a corrupt file, not version 1.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ModelFile() {
    }

    /** Saves an inference model (no updater state). See {@link #save(Path, Manifest, Model, Map, boolean)}. */
    public static void save(Path path, Manifest manifest, Model network, Map<String, byte[]> entries) {
        save(path, manifest, network, entries, false);
    }

    /**
     * Writes a model file atomically.
     *
     * @param path           target file; parent directories are created
     * @param manifest       manifest; its {@code networkType} is set from {@code network}
     * @param network        a {@link MultiLayerNetwork} or {@link ComputationGraph}
     * @param entries        the task's named entries (relative names such as {@code vocab.txt})
     * @param includeUpdater whether to store the optimiser state too (checkpoints that training resumes from)
     * @throws IllegalArgumentException for an unsupported network type or a bad entry name
     * @throws ModelFileException       when the file cannot be written
     */
    public static void save(Path path, Manifest manifest, Model network, Map<String, byte[]> entries,
                            boolean includeUpdater) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(network, "network");
        Map<String, byte[]> userEntries = new TreeMap<>(entries == null ? Map.of() : entries);
        for (Map.Entry<String, byte[]> e : userEntries.entrySet()) {
            String problem = badEntryName(e.getKey());
            if (problem != null) {
                throw new IllegalArgumentException("model file entry '" + e.getKey() + "' " + problem);
            }
            if (e.getKey().equals(MANIFEST) || e.getKey().equals(NETWORK)) {
                throw new IllegalArgumentException("model file entry name '" + e.getKey() + "' is reserved");
            }
            Objects.requireNonNull(e.getValue(), "entry " + e.getKey());
        }
        Manifest stamped = manifest.withNetworkType(networkType(network));

        Path target = path.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            removeStaleTemporaryFiles(target);
            // Not Files.createTempFile: that makes the file owner-only (0600), and the rename would keep it so.
            temp = target.resolveSibling(temporaryPrefix(target) + ProcessHandle.current().pid() + "."
                    + UUID.randomUUID() + ".tmp");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE))) {
                put(zip, MANIFEST, JSON.writeValueAsBytes(stamped));
                put(zip, NETWORK, networkBytes(network, includeUpdater));
                for (Map.Entry<String, byte[]> e : userEntries.entrySet()) {
                    put(zip, e.getKey(), e.getValue());
                }
            }
            moveIntoPlace(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new ModelFileException("could not write model file " + path + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one worth reporting.
                }
            }
        }
    }

    /** Loads a model file within {@link ModelFileLimits#defaults()}. See {@link #load(Path, String, ModelFileLimits)}. */
    public static LoadedModel load(Path path, String expectedTask) {
        return load(path, expectedTask, ModelFileLimits.defaults());
    }

    /**
     * Loads a model file, checking it fully before building the network.
     *
     * @param path         the file
     * @param expectedTask the task the caller can handle, or {@code null} to accept any
     * @param limits       how much the file may unpack to
     * @throws ModelFileException with a one-line message when the file is missing, not a zip, truncated or
     *                            corrupted, has unsafe entry names, passes a limit, lacks its manifest or network,
     *                            has an entry in its network that rnnkit does not read, comes from a newer format,
     *                            or holds a model of another task
     */
    public static LoadedModel load(Path path, String expectedTask, ModelFileLimits limits) {
        Objects.requireNonNull(path, "path");
        return load(path.toString(), path, null, expectedTask, limits);
    }

    /**
     * Loads the model a user named: a file path, or {@code builtin:NAME}, read straight from the class path (no
     * temporary file; messages name {@code builtin:NAME}). See {@link #load(Path, String, ModelFileLimits)}.
     */
    public static LoadedModel load(String location, String expectedTask) {
        Objects.requireNonNull(location, "location");
        if (ModelLocation.isBuiltin(location)) {
            return load(location, ModelLocation.builtinBytes(location), expectedTask, ModelFileLimits.defaults());
        }
        return load(ModelLocation.resolve(location), expectedTask);
    }

    /** Reads only the manifest of the model a user named (a path or {@code builtin:NAME}). */
    public static Manifest readManifest(String location) {
        Objects.requireNonNull(location, "location");
        if (ModelLocation.isBuiltin(location)) {
            return readManifest(location, ModelLocation.builtinBytes(location), ModelFileLimits.defaults());
        }
        return readManifest(ModelLocation.resolve(location));
    }

    /**
     * Loads a model file held in memory (how a built-in model is loaded), checked as a file is by
     * {@link #load(Path, String, ModelFileLimits)}: the entries are read with {@link ZipInputStream}, which verifies
     * their checksums, under the same limits and name rules, and the manifest and network go through the same code.
     *
     * @param name names the bytes in messages, e.g. {@code builtin:NAME}
     * @throws ModelFileException as for a file, naming {@code name}
     */
    static LoadedModel load(String name, byte[] bytes, String expectedTask, ModelFileLimits limits) {
        Objects.requireNonNull(name, "name");
        return load(name, null, Objects.requireNonNull(bytes, "bytes"), expectedTask, limits);
    }

    /** Reads only the manifest of a model file held in memory; see {@link #load(String, byte[], String, ModelFileLimits)}. */
    static Manifest readManifest(String name, byte[] bytes, ModelFileLimits limits) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(limits, "limits");
        SerialFilter.install();
        return manifestOf(name, readEntries(name, null, bytes, limits));
    }

    /** Loads from a file ({@code bytes == null}) or from the bytes of one; {@code name} is used in messages. */
    private static LoadedModel load(String name, Path path, byte[] bytes, String expectedTask, ModelFileLimits limits) {
        Objects.requireNonNull(limits, "limits");
        SerialFilter.install();
        Map<String, byte[]> content = readEntries(name, path, bytes, limits);
        Manifest manifest = manifestOf(name, content);
        content.remove(MANIFEST);
        if (manifest.formatVersion() > FORMAT_VERSION) {
            throw new ModelFileException("model format " + manifest.formatVersion()
                    + " is newer than this rnnkit supports (" + FORMAT_VERSION + "); upgrade rnnkit (" + name + ")");
        }
        if (manifest.formatVersion() < 1) {
            throw new ModelFileException(name + " has an invalid model format version " + manifest.formatVersion());
        }
        if (expectedTask != null && !expectedTask.equals(manifest.task())) {
            throw new ModelFileException("this is " + article(manifest.task()) + " " + printable(manifest.task())
                    + " model, not " + article(expectedTask) + " " + expectedTask + " model (" + name + ")");
        }
        byte[] networkBytes = content.remove(NETWORK);
        if (networkBytes == null) {
            throw new ModelFileException(name + " has no " + NETWORK + " (the network weights)");
        }
        // Loading a model is a library user's first use of ND4J: take the measured thread default now, before any op.
        NativeThreads.ensureConfigured();
        Model network = NetworkArchive.read(name, manifest.networkType(), networkBytes, limits);
        return new LoadedModel(path, name, manifest, network, new ModelEntries(name, content));
    }

    private static Manifest manifestOf(String name, Map<String, byte[]> content) {
        byte[] manifestBytes = content.get(MANIFEST);
        if (manifestBytes == null) {
            throw new ModelFileException(name + " has no " + MANIFEST + "; it is not an rnnkit model file");
        }
        return parseManifest(name, manifestBytes);
    }

    /** Reads only the manifest within {@link ModelFileLimits#defaults()}. */
    public static Manifest readManifest(Path path) {
        return readManifest(path, ModelFileLimits.defaults());
    }

    /**
     * Reads only the manifest, e.g. to list models without building their networks. The file's entries are still
     * read and checked (checksums, names, limits).
     */
    public static Manifest readManifest(Path path, ModelFileLimits limits) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        SerialFilter.install();
        return manifestOf(path.toString(), readEntries(path.toString(), path, null, limits));
    }

    private static Manifest parseManifest(String path, byte[] bytes) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(bytes, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(path + " has an unreadable " + MANIFEST + ": " + firstLine(e), e);
        }
        if (manifest == null) {
            throw new ModelFileException(path + " has an empty " + MANIFEST + " (null)");
        }
        return manifest;
    }

    /** Moves {@code source} over {@code target}, atomically where the file system can. */
    static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] networkBytes(Model network, boolean includeUpdater) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ModelSerializer closes the stream it is given; a byte array does not mind.
        ModelSerializer.writeModel(network, (OutputStream) out, includeUpdater);
        return out.toByteArray();
    }

    private static String networkType(Model network) {
        if (network instanceof MultiLayerNetwork) {
            return "MultiLayerNetwork";
        }
        if (network instanceof ComputationGraph) {
            return "ComputationGraph";
        }
        throw new IllegalArgumentException("cannot save a " + network.getClass().getName()
                + "; expected a MultiLayerNetwork or ComputationGraph");
    }

    private static void checkZipMagic(String name, Path path, byte[] bytes) {
        byte[] head = new byte[4];
        int read;
        if (bytes != null) {
            read = Math.min(4, bytes.length);
            System.arraycopy(bytes, 0, head, 0, read);
        } else {
            try (InputStream in = Files.newInputStream(path)) {
                read = in.readNBytes(head, 0, 4);
            } catch (NoSuchFileException e) {
                throw new ModelFileException("model file not found: " + path, e);
            } catch (IOException e) {
                throw new ModelFileException("cannot read model file " + path + ": " + e.getMessage(), e);
            }
        }
        check(name, read, head);
    }

    private static void check(String path, int read, byte[] head) {
        if (read == 0) {
            throw new ModelFileException(path + " is empty; it is not an rnnkit model file");
        }
        if (read < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw new ModelFileException(path + " is not an rnnkit model file (not a zip archive)");
        }
    }

    private static Map<String, byte[]> readEntries(String name, Path path, byte[] inMemory, ModelFileLimits limits) {
        checkZipMagic(name, path, inMemory);
        if (inMemory != null) {
            return readEntries(name, inMemory, limits);
        }
        Map<String, byte[]> content = new LinkedHashMap<>();
        LimitedUnzip unzip = new LimitedUnzip(path.toString(), null, limits);
        try (ZipFile zip = new ZipFile(path.toFile())) {
            long fileSize = Files.size(path);
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = nextEntry(path, all);
                unzip.count(entry.getName());
                String problem = badEntryName(entry.getName());
                if (problem != null) {
                    throw new ModelFileException(path + " has an unsafe entry '" + printable(entry.getName()) + "': "
                            + problem);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                // ZipFile inflates at most the compressed size the central directory gives, so that (bounded by
                // the file) is a sound denominator for the ratio; the inflated size is counted, not believed.
                long compressed = Math.min(entry.getCompressedSize() < 0 ? fileSize : entry.getCompressedSize(),
                        fileSize);
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = unzip.read(entry.getName(), in, entry.getSize(), () -> compressed);
                }
                // ZipFile does not verify checksums of what it inflates; a flipped bit must not load silently.
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                    throw new ModelFileException(path + " is corrupted (checksum mismatch in "
                            + printable(entry.getName()) + ")");
                }
                if (content.put(entry.getName(), bytes) != null) {
                    throw new ModelFileException(path + " has a duplicate entry '" + printable(entry.getName()) + "'");
                }
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFileException(path + " is truncated or corrupted (" + firstLine(e) + ")", e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + path + ": " + firstLine(e), e);
        }
        return content;
    }

    /**
     * The entries of a model file held in memory (a built-in model): read with {@link ZipInputStream}, which checks
     * each entry's CRC itself, within the same limits and name rules as a file.
     */
    private static Map<String, byte[]> readEntries(String name, byte[] bytes, ModelFileLimits limits) {
        Map<String, byte[]> content = new LinkedHashMap<>();
        LimitedUnzip unzip = new LimitedUnzip(name, null, limits);
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        try (ZipInputStream zip = new ZipInputStream(source)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                unzip.count(entry.getName());
                String problem = badEntryName(entry.getName());
                if (problem != null) {
                    throw new ModelFileException(name + " has an unsafe entry '" + printable(entry.getName()) + "': "
                            + problem);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                long start = bytes.length - source.available();
                byte[] inflated = unzip.read(entry.getName(), zip, entry.getSize(),
                        () -> bytes.length - source.available() - start);
                if (content.put(entry.getName(), inflated) != null) {
                    throw new ModelFileException(name + " has a duplicate entry '" + printable(entry.getName()) + "'");
                }
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(name + " is truncated or corrupted (" + firstLine(e) + ")", e);
        }
        return content;
    }

    /** The prefix of the temporary files a save of {@code target} writes beside it. */
    private static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Deletes the temporary files that earlier saves of {@code target} left when their process was killed: each
     * name carries its writer's process id, and a file whose writer is no longer running is garbage.
     */
    private static void removeStaleTemporaryFiles(Path target) {
        String prefix = temporaryPrefix(target);
        try (var siblings = Files.newDirectoryStream(target.getParent(), path -> {
            String n = path.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path stale : siblings) {
                String rest = stale.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
                } catch (NumberFormatException e) {
                    continue; // not one of ours (or written before names carried the process id)
                }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(stale);
                }
            }
        } catch (IOException e) {
            // Clean-up is best effort; the save itself reports real problems.
        }
    }

    /** The next entry; ZipFile reports an entry comment (or name) that is not UTF-8 only here, as an argument error. */
    private static ZipEntry nextEntry(Path path, Enumeration<? extends ZipEntry> entries) {
        try {
            return entries.nextElement();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(path + " is corrupted (an entry name or comment is not UTF-8)", e);
        }
    }

    /** Why a zip entry name is unsafe to honour, or {@code null} when it is fine. */
    static String badEntryName(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.startsWith("/") || name.startsWith("\\") || DRIVE_LETTER.matcher(name).matches()) {
            return "is an absolute path";
        }
        for (String part : PATH_SEPARATOR.split(name)) {
            if (part.equals("..")) {
                return "escapes the archive with '..'";
            }
        }
        if (name.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        return null;
    }

    private static String article(String word) {
        return !word.isEmpty() && "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    static String firstLine(Throwable e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return LINE_BREAK.split(message, 2)[0];
    }

    /**
     * A name taken from a file (an entry, a task) as it may stand in a one-line message: line breaks, tabs and other
     * control characters are written as escapes ({@code \n}, {@code \u001b}).
     */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
