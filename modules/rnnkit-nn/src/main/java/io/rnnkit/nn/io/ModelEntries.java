package io.rnnkit.nn.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The task's own entries of a loaded model file ({@code vocab.txt}, {@code labels.txt}, {@code tokenizer.json}...),
 * by name. Asking for a missing entry fails with a {@link ModelFileException} naming the file and the entry.
 */
public final class ModelEntries {
    private final String file;
    private final Map<String, byte[]> entries;

    ModelEntries(String file, Map<String, byte[]> entries) {
        this.file = file;
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /** Entry names, sorted. */
    public Set<String> names() {
        return entries.keySet();
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The entry's bytes (a copy). */
    public byte[] bytes(String name) {
        return require(name).clone();
    }

    /** The entry decoded as UTF-8 text. */
    public String text(String name) {
        return new String(require(name), StandardCharsets.UTF_8);
    }

    /**
     * The entry as UTF-8 lines (written with {@link #linesOf}): split at each newline, without the empty string
     * after the last one.
     */
    public List<String> lines(String name) {
        List<String> out = new ArrayList<>(Arrays.asList(text(name).split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The bytes of an entry holding one value per line, each ended by a newline, as UTF-8 ({@link #lines}). */
    public static byte[] linesOf(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(v).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The entry as UTF-8 text, or empty when the file has no such entry (for entries added in later versions). */
    public Optional<String> optionalText(String name) {
        byte[] value = entries.get(name);
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /**
     * The entry as an array in ND4J's binary format ({@code Nd4j.toByteArray}); its headers are checked against
     * its size before ND4J allocates anything.
     */
    public INDArray array(String name) {
        return NdArrays.read(require(name), file + ": entry '" + ModelFile.printable(name) + "'");
    }

    /** Checks up front that all {@code names} are present, so a task fails before half-building its model. */
    public void requireAll(String... names) {
        for (String name : names) {
            require(name);
        }
    }

    private byte[] require(String name) {
        byte[] value = entries.get(name);
        if (value == null) {
            throw new ModelFileException(file + " has no entry '" + ModelFile.printable(name) + "' (it has "
                    + entries.keySet().stream().map(ModelFile::printable).toList() + ")");
        }
        return value;
    }
}
