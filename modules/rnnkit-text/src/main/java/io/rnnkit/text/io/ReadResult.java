package io.rnnkit.text.io;

import java.util.List;
import java.util.Objects;

/**
 * Everything read from a corpus, with the records that were skipped.
 *
 * @param records the records, in file order
 * @param skipped what was skipped and why (empty unless skipping was allowed or a terminator record was met)
 * @param <T>     the record type
 */
public record ReadResult<T>(List<T> records, SkipLog skipped) {
    public ReadResult {
        records = List.copyOf(records);
        Objects.requireNonNull(skipped, "skipped");
    }

    /** The number of records read. */
    public int size() {
        return records.size();
    }
}
