package io.rnnkit.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Reads the entries of one zip into memory within {@link ModelFileLimits}: the entry count, each entry's inflated
 * size, their total and the compression ratio are checked while the bytes are inflated, never from the sizes the
 * zip declares alone, and no buffer is sized by a declared size. One instance per zip; not thread-safe.
 */
final class LimitedUnzip {
    private static final int CHUNK = 64 * 1024;

    private final String file;
    private final String archive;
    private final ModelFileLimits limits;
    private int entries;
    private long total;

    /**
     * @param file    the model file, named in every message
     * @param archive the zip inside it being read (e.g. {@code network.zip}), or {@code null} for the file itself
     * @param limits  the limits
     */
    LimitedUnzip(String file, String archive, ModelFileLimits limits) {
        this.file = file;
        this.archive = archive;
        this.limits = limits;
    }

    /** Counts one more entry (call it before reading the entry), refusing the zip when there are too many. */
    void count(String name) {
        entries++;
        if (entries > limits.maxEntries()) {
            throw refused((archive == null ? "it" : archive) + " has more than " + limits.maxEntries()
                    + " entries (refused at " + describe(name) + "), the limit",
                    ModelFileLimits.ENTRIES_PROPERTY, "<count>");
        }
    }

    /**
     * Reads one entry fully, refusing it as soon as it passes a limit.
     *
     * @param name            the entry's name, for messages
     * @param in              the entry's inflated bytes
     * @param declaredSize    the size the zip declares, or -1; only used to refuse early
     * @param compressedBytes how many compressed bytes of this entry have been consumed so far, at least
     */
    byte[] read(String name, InputStream in, long declaredSize, LongSupplier compressedBytes) throws IOException {
        if (declaredSize > limits.maxEntryBytes()) {
            throw tooLarge(name);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        long size = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            size += n;
            if (size > limits.maxEntryBytes()) {
                throw tooLarge(name);
            }
            if (total + size > limits.maxTotalBytes()) {
                throw refused("its entries inflate to more than " + limits.maxTotalBytes() + " bytes together "
                        + "(reached at " + describe(name) + "), the limit", ModelFileLimits.TOTAL_BYTES_PROPERTY,
                        "<bytes>");
            }
            if (size > ModelFileLimits.RATIO_CHECK_FLOOR
                    && size / Math.max(1, compressedBytes.getAsLong()) > limits.maxCompressionRatio()) {
                throw refused(describe(name) + " inflates to more than " + limits.maxCompressionRatio()
                        + " times its compressed size, the limit", ModelFileLimits.RATIO_PROPERTY, "<ratio>");
            }
            out.write(chunk, 0, n);
        }
        total += size;
        return out.toByteArray();
    }

    private ModelFileException tooLarge(String name) {
        return refused(describe(name) + " inflates to more than " + limits.maxEntryBytes() + " bytes, the limit",
                ModelFileLimits.ENTRY_BYTES_PROPERTY, "<bytes>");
    }

    private String describe(String name) {
        return "entry '" + ModelFile.printable(name) + "'" + (archive == null ? "" : " of " + archive);
    }

    private ModelFileException refused(String what, String property, String unit) {
        return new ModelFileException(file + ": " + what + "; if the file is trusted, raise it with -D" + property
                + "=" + unit);
    }
}
