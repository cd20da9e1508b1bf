package io.rnnkit.tagger.tagset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable table from a corpus tag set to the 12 universal tags of Petrov, Das &amp; McDonald (2012).
 *
 * <p>Lookup is exact, as NLTK's {@code map_tag} does it: the Brown table matches case-insensitively (the
 * corpus writes tags in lower case, the table in upper case), the Penn table case-sensitively. A tag the
 * table does not list maps to {@link UniversalTags#X}, again as in NLTK; {@link #contains(String)} tells
 * whether that happened. The tables ship as resources with their attribution and licence (CC BY-SA 4.0),
 * see {@code io/rnnkit/tagger/tagset/NOTICE.md}.
 */
public final class TagMapping {
    private static final String BROWN_RESOURCE = "brown-universal.tsv";
    private static final String PENN_RESOURCE = "penn-universal.tsv";

    private final String name;
    private final boolean caseInsensitive;
    private final Map<String, String> table;

    private TagMapping(String name, boolean caseInsensitive, Map<String, String> table) {
        this.name = name;
        this.caseInsensitive = caseInsensitive;
        this.table = Collections.unmodifiableMap(table);
    }

    /** Brown corpus tags (all 472 distinct tags, compound and suffixed ones included) to universal tags. */
    public static TagMapping brownToUniversal() {
        return Holder.BROWN;
    }

    /** Penn Treebank tags to universal tags. */
    public static TagMapping pennToUniversal() {
        return Holder.PENN;
    }

    /**
     * Reads a table of {@code SOURCE<TAB>UNIVERSAL} rows; lines starting with {@code "# "} and blank lines
     * are comments.
     *
     * @param name            a name for messages, e.g. the file name
     * @param caseInsensitive whether lookups ignore case
     * @throws IllegalArgumentException on a malformed row or a target that is not a universal tag, naming the line
     */
    public static TagMapping read(InputStream in, String name, boolean caseInsensitive) {
        Objects.requireNonNull(in, "in");
        Map<String, String> table = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("# ")) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                if (parts.length != 2 || parts[0].isEmpty()) {
                    throw new IllegalArgumentException(name + ":" + lineNo
                            + ": expected SOURCE_TAG<TAB>UNIVERSAL_TAG, got '" + line + "'");
                }
                if (!UniversalTags.ALL.contains(parts[1])) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": '" + parts[1]
                            + "' is not one of the universal tags " + UniversalTags.ALL);
                }
                String key = caseInsensitive ? parts[0].toUpperCase(Locale.ROOT) : parts[0];
                if (table.putIfAbsent(key, parts[1]) != null) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": tag '" + parts[0] + "' is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tag mapping " + name, e);
        }
        return new TagMapping(name, caseInsensitive, table);
    }

    /** The universal tag for {@code tag}; {@link UniversalTags#X} when the table does not list it (as NLTK). */
    public String map(String tag) {
        String universal = table.get(key(tag));
        return universal == null ? UniversalTags.X : universal;
    }

    /** Whether the table lists {@code tag} (under this table's case rule). */
    public boolean contains(String tag) {
        return table.containsKey(key(tag));
    }

    /** Number of rows in the table. */
    public int size() {
        return table.size();
    }

    /** The table's rows, source tag (upper case for case-insensitive tables) to universal tag, in file order. */
    public Map<String, String> rows() {
        return table;
    }

    /** The table's name, e.g. {@code brown-universal.tsv}. */
    public String name() {
        return name;
    }

    private String key(String tag) {
        Objects.requireNonNull(tag, "tag");
        return caseInsensitive ? tag.toUpperCase(Locale.ROOT) : tag;
    }

    @Override
    public String toString() {
        return "TagMapping[" + name + ", " + table.size() + " tags]";
    }

    private static TagMapping resource(String file, boolean caseInsensitive) {
        InputStream in = TagMapping.class.getResourceAsStream(file);
        if (in == null) {
            throw new IllegalStateException("tag mapping resource " + file + " is missing from the rnnkit-tagger jar");
        }
        return read(in, file, caseInsensitive);
    }

    /** Loads each table once, on first use. */
    private static final class Holder {
        static final TagMapping BROWN = resource(BROWN_RESOURCE, true);
        static final TagMapping PENN = resource(PENN_RESOURCE, false);
    }
}
