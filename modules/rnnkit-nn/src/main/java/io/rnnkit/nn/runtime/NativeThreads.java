package io.rnnkit.nn.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Thread settings of ND4J's native back end (OpenMP, libnd4j's own thread pool, OpenBLAS).
 *
 * <p>ND4J starts with one thread per core. For recurrent networks that is slow on small machines: an LSTM step is
 * many small operations, and OpenMP threads spin and contend for the cores instead of sharing work (measured on a
 * 2-core machine: one thread trains a D=64/H=256/B=32/T=100 LSTM several times faster than two). rnnkit therefore
 * defaults to {@value #DEFAULT_THREADS} thread.
 *
 * <p>Choice, highest priority first: an explicit count ({@code --threads} on the command line), the system property
 * {@value #PROPERTY}, the environment variable {@value #ENV}, the environment variable {@code OMP_NUM_THREADS}
 * (left as the native library already applied it), and the default.
 *
 * <p>When settings take effect: {@link #apply(int)} changes the OpenMP, libnd4j master-thread and OpenBLAS
 * counts at run time, at any point before or between training runs (it loads the native library if needed).
 * Two things are fixed once the native library has loaded, because libnd4j reads them only then: the
 * {@code OMP_NUM_THREADS} environment variable, and libnd4j's own thread-pool size ({@code maxThreads}; its setter
 * is accepted but has no effect in 1.0.0-M2.1, and master threads are capped by it). Run-time settings recover most of the speed; for all of it, start
 * the JVM with {@code OMP_NUM_THREADS=1} in its environment (Java cannot set it for itself).
 */
public final class NativeThreads {
    /** System property naming a thread count. */
    public static final String PROPERTY = "rnnkit.threads";
    /** Environment variable naming a thread count. */
    public static final String ENV = "RNNKIT_THREADS";
    /** Thread count used when nothing else is requested (chosen by measurement, see class comment). */
    public static final int DEFAULT_THREADS = 1;

    private static final AtomicBoolean CONFIGURED = new AtomicBoolean();

    private NativeThreads() {
    }

    /**
     * Applies {@link #configureDefaults()} once per JVM unless the thread count was already configured. rnnkit's
     * entry points call this before their first ND4J work (loading a model file, {@code NetworkSpec.build}, the
     * {@code Trainer}, the inference engine), so library users get the measured default without doing anything;
     * {@code OMP_NUM_THREADS}, {@value #PROPERTY} or {@value #ENV} set by the user win, as in {@link #choose}.
     */
    public static synchronized void ensureConfigured() {
        if (!CONFIGURED.get()) {
            configureDefaults();
        }
    }

    /**
     * Decides the thread count and applies it.
     *
     * @param requested an explicit count (e.g. {@code --threads}), or {@code null} to use property, environment
     *                  or default
     * @return the settings now in force
     * @throws IllegalArgumentException when the count (explicit, property or environment) is not a positive integer
     */
    public static synchronized Settings configure(Integer requested) {
        Optional<Integer> threads = choose(requested, System.getProperty(PROPERTY), System.getenv());
        threads.ifPresent(NativeThreads::apply);
        CONFIGURED.set(true);
        return current();
    }

    /** Same as {@code configure(null)}: honours property and environment, else the default. */
    public static Settings configureDefaults() {
        return configure(null);
    }

    /**
     * The thread count to apply, or empty when {@code OMP_NUM_THREADS} already decided it at native load time.
     * Pure: exposed for testing and for tools that only want to report the choice.
     */
    public static Optional<Integer> choose(Integer requested, String property, Map<String, String> environment) {
        if (requested != null) {
            return Optional.of(positive("--threads", String.valueOf(requested)));
        }
        if (property != null && !property.isBlank()) {
            return Optional.of(positive("system property " + PROPERTY, property));
        }
        String env = environment.get(ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(positive("environment variable " + ENV, env));
        }
        String omp = environment.get("OMP_NUM_THREADS");
        if (omp != null && !omp.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(DEFAULT_THREADS);
    }

    /**
     * Sets OpenMP, libnd4j master threads and OpenBLAS to {@code threads} threads, effective at once. libnd4j's
     * pool size is asked too but stays as it was at load time (see class comment).
     */
    public static void apply(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        Environment environment = Nd4j.getEnvironment(); // loads the native back end first
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ops.setOmpNumThreads(threads);
        environment.setMaxThreads(threads);
        environment.setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The settings in force now. */
    public static Settings current() {
        Environment environment = Nd4j.getEnvironment();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        return new Settings(ops.ompGetMaxThreads(), environment.maxThreads(), environment.maxMasterThreads(),
                Nd4j.factory().blas().getMaxThreads(), Runtime.getRuntime().availableProcessors());
    }

    /** More threads than processors only contend (and 999 is a typing error, not a request). */
    private static int positive(String source, String value) {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= cores) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(source + " must be a whole number from 1 to " + cores
                + " (the processors available), got '" + value + "'");
    }

    /**
     * Thread settings of the native back end.
     *
     * @param openMp            OpenMP's maximum threads
     * @param maxThreads        libnd4j's maximum threads per operation
     * @param maxMasterThreads  libnd4j's maximum master threads
     * @param blas              OpenBLAS threads
     * @param cores             processors available to the JVM
     */
    public record Settings(int openMp, int maxThreads, int maxMasterThreads, int blas, int cores) {
    }
}
