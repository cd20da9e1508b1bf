package io.rnnkit.text.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts the records a reader skipped and why, so that no data is dropped silently.
 *
 * <p>All skips are counted; the first {@value #KEPT} are kept in full (location and reason) so that a
 * corpus with millions of bad lines does not fill memory. Thread-safe.
 */
public final class SkipLog {
    /** How many skipped records are kept with their location. */
    public static final int KEPT = 1000;

    /**
     * One skipped record.
     *
     * @param location where the record starts
     * @param reason   why it was skipped
     */
    public record Skipped(SourceLocation location, String reason) {
        public Skipped {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return location + ": " + reason;
        }
    }

    private final List<Skipped> kept = new ArrayList<>();
    private final Map<String, Long> byKind = new LinkedHashMap<>();
    private long count;

    /** Records a skipped record; {@code kind} groups reasons in {@link #countsByKind()}. */
    public synchronized void skip(SourceLocation location, String kind, String reason) {
        count++;
        byKind.merge(kind, 1L, Long::sum);
        if (kept.size() < KEPT) {
            kept.add(new Skipped(location, reason));
        }
    }

    /** How many records were skipped in all. */
    public synchronized long count() {
        return count;
    }

    /** Skip counts by kind (e.g. {@code "empty record"}, {@code "malformed"}), in first-seen order. */
    public synchronized Map<String, Long> countsByKind() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
    }

    /** The first {@value #KEPT} skipped records, in reading order. */
    public synchronized List<Skipped> skipped() {
        return List.copyOf(kept);
    }

    /** One line, e.g. {@code "skipped 3 records (empty record: 1, malformed: 2); first at imdb.json:1"}. */
    public synchronized String summary() {
        if (count == 0) {
            return "skipped 0 records";
        }
        StringBuilder sb = new StringBuilder("skipped ").append(count).append(count == 1 ? " record (" : " records (");
        String sep = "";
        for (Map.Entry<String, Long> e : byKind.entrySet()) {
            sb.append(sep).append(e.getKey()).append(": ").append(e.getValue());
            sep = ", ";
        }
        return sb.append("); first: ").append(kept.get(0)).toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
