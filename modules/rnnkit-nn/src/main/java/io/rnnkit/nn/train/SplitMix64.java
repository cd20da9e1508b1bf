package io.rnnkit.nn.train;

/**
 * The trainer's own random stream: SplitMix64, whose whole state is one {@code long}, so a checkpoint can store
 * it exactly and a resumed run draws the same numbers as an uninterrupted one ({@link java.util.Random} hides
 * its state).
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long state) {
        this.state = state;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long state() {
        return state;
    }
}
