package io.rnnkit.charlm;

/**
 * How {@link CharLanguageModel#evaluate(String, java.io.Reader, EvaluationOptions)} scores a text read as a stream.
 *
 * <p><b>Batched</b> (the default): the text is read a block of {@code parts × partLength} characters at a time;
 * each block is cut into {@code parts} contiguous parts scored side by side as one batch, each part first reading
 * the {@code partContext} characters before it (unscored) so that its first characters are predicted with
 * history. Every character but the text's first is scored exactly once; memory is bounded by the block whatever
 * the length of the text. The state does not cross a part boundary, so the result differs slightly from
 * sequential scoring (on Moby Dick's test slice with {@code builtin:charlm}: see docs/charlm.md).
 *
 * <p><b>Sequential</b> ({@code parts = 1}): one stream through the whole text, the state carried from the first
 * character to the last, as {@link CharLanguageModel#evaluate(String)}; exact, but one matrix-vector product per
 * character.
 *
 * @param parts       parts scored side by side; 1 = sequential
 * @param partLength  characters per part of a full block (the last block is cut into fewer, shorter parts)
 * @param partContext characters each part reads before its first scored one, at least 1 (the one that predicts
 *                    it)
 * @param threads     threads scoring a block's parts, each a share of them with its own stream; the result does
 *                    not depend on the timing (only, within float rounding, on the count)
 */
public record EvaluationOptions(int parts, int partLength, int partContext, int threads) {
    /** Default parts per batch: enough rows for the recurrent products to run as efficient GEMMs. */
    public static final int DEFAULT_PARTS = 128;
    /** Default part length: a part boundary (and its context) every 16,384 characters. */
    public static final int DEFAULT_PART_LENGTH = 16_384;
    /** Default context per part, chosen by measurement (see docs/charlm.md). */
    public static final int DEFAULT_PART_CONTEXT = 300;

    /** Fewest parts per thread by default: a thread's recurrent products stay large enough for efficient GEMMs. */
    static final int PARTS_PER_THREAD = 32;

    /** Validates the fields with a one-line message. */
    public EvaluationOptions {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1 (1 = sequential), got " + parts);
        }
        if (partLength < 1) {
            throw new IllegalArgumentException("partLength must be >= 1, got " + partLength);
        }
        if (partContext < 1) {
            throw new IllegalArgumentException("partContext must be >= 1, got " + partContext);
        }
        if (threads < 1 || threads > parts) {
            throw new IllegalArgumentException("threads must be in [1, parts = " + parts + "], got " + threads);
        }
        if ((long) parts * partLength + partContext > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("parts × partLength + partContext is too large for one block");
        }
    }

    /**
     * Options with the default thread count: the processors available, at most one per
     * {@value #PARTS_PER_THREAD} parts.
     */
    public EvaluationOptions(int parts, int partLength, int partContext) {
        this(parts, partLength, partContext, defaultThreads(parts));
    }

    /** The batched defaults. */
    public static EvaluationOptions batched() {
        return new EvaluationOptions(DEFAULT_PARTS, DEFAULT_PART_LENGTH, DEFAULT_PART_CONTEXT);
    }

    /** Strictly sequential scoring: the state carried through the whole text. */
    public static EvaluationOptions sequential() {
        return new EvaluationOptions(1, DEFAULT_PART_LENGTH, DEFAULT_PART_CONTEXT, 1);
    }

    /** Whether the text is scored as one sequence ({@code parts == 1}). */
    public boolean isSequential() {
        return parts == 1;
    }

    /** These options with {@code value} parts and the default thread count for them. */
    public EvaluationOptions withParts(int value) {
        return new EvaluationOptions(value, partLength, partContext);
    }

    public EvaluationOptions withPartLength(int value) {
        return new EvaluationOptions(parts, value, partContext, threads);
    }

    public EvaluationOptions withPartContext(int value) {
        return new EvaluationOptions(parts, partLength, value, threads);
    }

    public EvaluationOptions withThreads(int value) {
        return new EvaluationOptions(parts, partLength, partContext, value);
    }

    private static int defaultThreads(int parts) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), parts / PARTS_PER_THREAD));
    }
}
