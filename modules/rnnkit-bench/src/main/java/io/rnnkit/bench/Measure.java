package io.rnnkit.bench;

/**
 * Times a piece of work: warm-up iterations (JIT, allocator and native thread pools settle), then
 * timed iterations, each measured alone so the median and spread are meaningful.
 *
 * <p>A plain timing loop rather than JMH: one iteration here is a whole train step (tens to
 * thousands of milliseconds), far above the timer's resolution, and the same loop runs on the
 * libtorch side, so both peers are measured identically.
 *
 * @param warmup     untimed iterations first
 * @param iterations timed iterations (at least one)
 * @param maxSeconds stop timing early once this much time was spent in timed iterations (at least
 *                   three iterations are always timed), so a slow configuration cannot stall a run
 */
public record Measure(int warmup, int iterations, double maxSeconds) {

    public Measure {
        if (warmup < 0 || iterations <= 0 || maxSeconds <= 0) {
            throw new IllegalArgumentException("need warmup >= 0, iterations > 0 and maxSeconds > 0, got "
                    + warmup + ", " + iterations + ", " + maxSeconds);
        }
    }

    /** Runs {@code body} warmup + iterations times and returns the timed iterations' statistics. */
    public Stats time(Runnable body) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] ms = new double[iterations];
        double spent = 0;
        int n = 0;
        while (n < iterations) {
            long t0 = System.nanoTime();
            body.run();
            ms[n] = (System.nanoTime() - t0) / 1e6;
            spent += ms[n] / 1e3;
            n++;
            if (n >= Math.min(3, iterations) && spent > maxSeconds) {
                break;
            }
        }
        return Stats.of(java.util.Arrays.copyOf(ms, n));
    }
}
