package io.rnnkit.nn.io;

import java.io.ObjectInputFilter;

/**
 * The second wall behind {@link ModelFile}, which reads nothing with Java serialization: a JVM-wide
 * {@link ObjectInputFilter} that rejects every class, array and reference, so that no {@code ObjectInputStream}
 * without a filter of its own (in rnnkit's libraries as much as in rnnkit) can build objects from model bytes.
 * It is installed on the first load only when the JVM has no filter yet: one given with {@code -Djdk.serialFilter}
 * or set by the application is left alone, which is also how a program that needs Java serialization elsewhere
 * keeps it.
 */
final class SerialFilter {
    /** Rejects everything it is asked about. */
    static final ObjectInputFilter REJECT_ALL = info -> ObjectInputFilter.Status.REJECTED;

    private static volatile boolean tried;

    private SerialFilter() {
    }

    /** Installs {@link #REJECT_ALL} as the JVM-wide filter unless one is set; later calls do nothing. */
    static void install() {
        if (tried) {
            return;
        }
        synchronized (SerialFilter.class) {
            if (tried) {
                return;
            }
            tried = true;
            try {
                if (ObjectInputFilter.Config.getSerialFilter() == null) {
                    ObjectInputFilter.Config.setSerialFilter(REJECT_ALL);
                }
            } catch (IllegalStateException | SecurityException e) {
                // Another filter was set meanwhile, or the security policy forbids setting one: keep that.
            }
        }
    }
}
