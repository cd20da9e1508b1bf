package io.rnnkit.nn.io;

/**
 * How much a model file may unpack to. {@link ModelFile} applies the limits to the {@code .rnnk} zip and, apart, to
 * the {@code network.zip} inside it, counting the bytes as they are inflated (the sizes a zip declares are not
 * trusted), so a small hostile file cannot make loading exhaust memory. A file over a limit is refused with a
 * {@link ModelFileException} naming the file, the entry, the limit and the property that raises it.
 *
 * <p>The defaults are far above what rnnkit's models need (the largest built-in model, {@code builtin:charlm}, has
 * 6 entries in all and its largest entry inflates to 5.1 MB at a ratio of 1.1). Each can be changed for a JVM with a
 * system property, read whenever {@link #defaults()} is called, or for one call with the {@code with...} methods:
 *
 * <pre>{@code
 * ModelFile.load(path, "charlm", ModelFileLimits.defaults().withMaxEntryBytes(2L << 30));
 * }</pre>
 *
 * @param maxEntries          entries one zip may hold ({@value #ENTRIES_PROPERTY}, default {@value #DEFAULT_ENTRIES})
 * @param maxEntryBytes       bytes one entry may inflate to ({@value #ENTRY_BYTES_PROPERTY}, default
 *                            {@value #DEFAULT_ENTRY_BYTES}, 256 MiB)
 * @param maxTotalBytes       bytes all entries of one zip may inflate to together ({@value #TOTAL_BYTES_PROPERTY},
 *                            default {@value #DEFAULT_TOTAL_BYTES}, 512 MiB)
 * @param maxCompressionRatio how many times its compressed size an entry may inflate to, checked once it passes
 *                            {@value #RATIO_CHECK_FLOOR} bytes ({@value #RATIO_PROPERTY}, default
 *                            {@value #DEFAULT_RATIO})
 */
public record ModelFileLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {
    public static final String ENTRIES_PROPERTY = "rnnkit.model.maxEntries";
    public static final String ENTRY_BYTES_PROPERTY = "rnnkit.model.maxEntryBytes";
    public static final String TOTAL_BYTES_PROPERTY = "rnnkit.model.maxTotalBytes";
    public static final String RATIO_PROPERTY = "rnnkit.model.maxCompressionRatio";

    public static final int DEFAULT_ENTRIES = 256;
    public static final long DEFAULT_ENTRY_BYTES = 256L << 20;
    public static final long DEFAULT_TOTAL_BYTES = 512L << 20;
    public static final int DEFAULT_RATIO = 100;
    /** Entries smaller than this (1 MiB) are never refused for their compression ratio: they cannot be bombs. */
    public static final long RATIO_CHECK_FLOOR = 1L << 20;

    /** @throws IllegalArgumentException when a limit is not positive */
    public ModelFileLimits {
        positive(ENTRIES_PROPERTY, maxEntries);
        positive(ENTRY_BYTES_PROPERTY, maxEntryBytes);
        positive(TOTAL_BYTES_PROPERTY, maxTotalBytes);
        positive(RATIO_PROPERTY, maxCompressionRatio);
    }

    /**
     * The defaults, each replaced by its system property when that is set.
     *
     * @throws IllegalArgumentException when a property is set but is not a positive integer
     */
    public static ModelFileLimits defaults() {
        return new ModelFileLimits((int) property(ENTRIES_PROPERTY, DEFAULT_ENTRIES, Integer.MAX_VALUE),
                property(ENTRY_BYTES_PROPERTY, DEFAULT_ENTRY_BYTES, Long.MAX_VALUE),
                property(TOTAL_BYTES_PROPERTY, DEFAULT_TOTAL_BYTES, Long.MAX_VALUE),
                (int) property(RATIO_PROPERTY, DEFAULT_RATIO, Integer.MAX_VALUE));
    }

    public ModelFileLimits withMaxEntries(int value) {
        return new ModelFileLimits(value, maxEntryBytes, maxTotalBytes, maxCompressionRatio);
    }

    public ModelFileLimits withMaxEntryBytes(long value) {
        return new ModelFileLimits(maxEntries, value, maxTotalBytes, maxCompressionRatio);
    }

    public ModelFileLimits withMaxTotalBytes(long value) {
        return new ModelFileLimits(maxEntries, maxEntryBytes, value, maxCompressionRatio);
    }

    public ModelFileLimits withMaxCompressionRatio(int value) {
        return new ModelFileLimits(maxEntries, maxEntryBytes, maxTotalBytes, value);
    }

    private static long property(String name, long fallback, long max) {
        String value = System.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the property's name.
        }
        throw new IllegalArgumentException(name + " must be a positive integer (at most " + max + "), got '"
                + value + "'");
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("model file limit " + name + " must be >= 1, got " + value);
        }
    }
}
