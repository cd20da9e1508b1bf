package io.rnnkit.text.io;

import java.util.Objects;

/**
 * A CSV/TSV column chosen by header name or by 0-based position.
 *
 * @param name  the header name, or {@code null} when chosen by position
 * @param index the 0-based position, or -1 when chosen by name
 */
public record Column(String name, int index) {
    public Column {
        if ((name == null) == (index < 0)) {
            throw new IllegalArgumentException("a column is chosen either by name or by a 0-based index >= 0");
        }
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("column name must not be empty");
        }
    }

    /** The column whose header is {@code name}. */
    public static Column named(String name) {
        return new Column(Objects.requireNonNull(name, "name"), -1);
    }

    /** The column at 0-based position {@code index}. */
    public static Column at(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("column index must be >= 0, got " + index);
        }
        return new Column(null, index);
    }

    /** Whether the column is chosen by header name. */
    public boolean byName() {
        return name != null;
    }

    @Override
    public String toString() {
        return byName() ? "'" + name + "'" : "#" + index;
    }
}
