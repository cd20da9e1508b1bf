package io.rnnkit.text.encode;

/**
 * How a batch of variable-length sequences becomes a rectangle, with Keras {@code pad_sequences} semantics.
 *
 * <p>Sequences longer than {@code maxLength} lose steps on the {@code truncating} side; shorter ones get
 * {@code value} on the {@code padding} side. With {@code shrinkToBatch} the batch is only as wide as its
 * longest (truncated) sequence, which is what length bucketing needs; without it every batch is exactly
 * {@code maxLength} wide, as in Keras. {@code maxLength} {@value #NO_LIMIT} means "no limit": the batch is as
 * wide as its longest sequence.
 *
 * @param maxLength     longest kept sequence, or {@value #NO_LIMIT}; never negative
 * @param padding       where padding goes
 * @param truncating    where over-long sequences are cut
 * @param value         the padding index (usually {@code Vocabulary.PAD} = 0)
 * @param shrinkToBatch whether a batch may be narrower than {@code maxLength}
 */
public record PadSpec(int maxLength, Side padding, Side truncating, int value, boolean shrinkToBatch) {
    /** {@code maxLength} value meaning "no limit". */
    public static final int NO_LIMIT = 0;

    /** Validates the settings. */
    public PadSpec {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0 (0 = no limit), got " + maxLength);
        }
        if (padding == null || truncating == null) {
            throw new IllegalArgumentException("padding and truncating sides must not be null");
        }
    }

    /** Keras defaults: no limit, padding and truncating at the start ({@code 'pre'}), value 0. */
    public static PadSpec keras() {
        return new PadSpec(NO_LIMIT, Side.PRE, Side.PRE, 0, false);
    }

    /** Keras {@code pad_sequences(maxlen=maxLength)}: every batch exactly {@code maxLength} wide, pre/pre. */
    public static PadSpec keras(int maxLength) {
        return new PadSpec(maxLength, Side.PRE, Side.PRE, 0, false);
    }

    /**
     * The iterators' default: pad at the end (masks make the side irrelevant to the loss), cut at the start
     * (keep the end of long texts), each batch as wide as its longest sequence, at most {@code maxLength}.
     */
    public static PadSpec upTo(int maxLength) {
        return new PadSpec(maxLength, Side.POST, Side.PRE, 0, true);
    }

    /** The same spec with another padding side. */
    public PadSpec withPadding(Side side) {
        return new PadSpec(maxLength, side, truncating, value, shrinkToBatch);
    }

    /** The same spec with another truncating side. */
    public PadSpec withTruncating(Side side) {
        return new PadSpec(maxLength, padding, side, value, shrinkToBatch);
    }

    /** The same spec with another padding value. */
    public PadSpec withValue(int value) {
        return new PadSpec(maxLength, padding, truncating, value, shrinkToBatch);
    }

    /** The same spec with another maximum length. */
    public PadSpec withMaxLength(int maxLength) {
        return new PadSpec(maxLength, padding, truncating, value, shrinkToBatch);
    }

    /** The length a sequence of {@code length} steps keeps after truncation. */
    public int keptLength(int length) {
        return maxLength == NO_LIMIT ? length : Math.min(length, maxLength);
    }

    /** The width of a batch whose longest sequence (before truncation) has {@code longest} steps. */
    public int width(int longest) {
        if (maxLength == NO_LIMIT) {
            return longest;
        }
        return shrinkToBatch ? Math.min(longest, maxLength) : maxLength;
    }
}
