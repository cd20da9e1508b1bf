package io.rnnkit.nn.train;

/**
 * Implemented by training iterators that reorder their examples each epoch. The {@link Trainer} calls
 * {@link #shuffle(long)} with a seed from its own seeded random stream before every epoch, so the order is
 * reproducible and survives a checkpoint/resume.
 */
public interface EpochShuffling {

    /**
     * Reorders the examples for the next pass. The order must depend on {@code seed} alone, not on earlier calls,
     * so that a run resumed from a checkpoint sees the same order as an uninterrupted one.
     */
    void shuffle(long seed);
}
