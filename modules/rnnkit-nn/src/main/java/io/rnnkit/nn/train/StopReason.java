package io.rnnkit.nn.train;

/** Why {@link Trainer} stopped. */
public enum StopReason {
    /** All configured epochs ran. */
    COMPLETED,
    /** The validation metric did not improve for {@code patience} epochs. */
    EARLY_STOPPED,
    /** The time budget ran out (checked after every batch). */
    TIME_BUDGET
}
