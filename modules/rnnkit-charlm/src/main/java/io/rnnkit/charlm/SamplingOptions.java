package io.rnnkit.charlm;

/**
 * How {@link CharLanguageModel#sample} generates text; immutable. Defaults: empty prefix, 200 characters,
 * temperature 1, no top-k / top-p cut, a fresh random seed, one sample, unknown prefix characters skipped.
 *
 * <p>Each character is drawn from the model's next-character distribution after three optional reshapings, in this
 * order: temperature ({@code p^(1/T)}, renormalised; below 1 sharper, above 1 flatter), top-k (keep the k most
 * probable characters), top-p / nucleus (keep the smallest set of most probable characters whose mass reaches p;
 * at least one). {@code topK = 1} is greedy decoding; a temperature close to 0 approaches it. The padding and
 * {@code <unk>} entries are never generated.
 *
 * @param prefix        text that primes the model; the samples continue it (not repeated in them)
 * @param length        characters to generate per sample
 * @param temperature   softmax temperature, &gt; 0
 * @param topK          keep only the k most probable characters, 0 = no limit
 * @param topP          nucleus mass in (0, 1]; 1 = no cut
 * @param seed          random seed; the same seed, model and options give the same text
 * @param count         number of samples, generated together as one batch; each sample has its own random stream
 *                      derived from the seed, so sample 0 equals the single sample of the same seed
 * @param unknownChars  what to do with prefix characters the model does not know
 */
public record SamplingOptions(String prefix, int length, double temperature, int topK, double topP, long seed,
                              int count, UnknownCharPolicy unknownChars) {
    /** Most samples one call may generate. */
    public static final int MAX_COUNT = 4096;

    /** Validates every field with a one-line message. */
    public SamplingOptions {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null (use \"\" for none)");
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature
                    + " (use topK=1 for greedy decoding)");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 = no limit), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1] (1 = no cut), got " + topP);
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be in [1, " + MAX_COUNT + "], got " + count);
        }
        if (unknownChars == null) {
            throw new IllegalArgumentException("unknownChars policy must not be null");
        }
    }

    /** The defaults with a fresh random seed. */
    public static SamplingOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults (with a fresh random seed). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().prefix(prefix).length(length).temperature(temperature).topK(topK).topP(topP).seed(seed)
                .count(count).unknownChars(unknownChars);
    }

    /** Whether decoding is greedy (always the most probable character). */
    public boolean greedy() {
        return topK == 1;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String prefix = "";
        private int length = 200;
        private double temperature = 1.0;
        private int topK;
        private double topP = 1.0;
        private long seed = new java.util.Random().nextLong();
        private int count = 1;
        private UnknownCharPolicy unknownChars = UnknownCharPolicy.SKIP;

        private Builder() {
        }

        public Builder prefix(String value) {
            prefix = value;
            return this;
        }

        public Builder length(int value) {
            length = value;
            return this;
        }

        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        public Builder topK(int value) {
            topK = value;
            return this;
        }

        public Builder topP(double value) {
            topP = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder count(int value) {
            count = value;
            return this;
        }

        public Builder unknownChars(UnknownCharPolicy value) {
            unknownChars = value;
            return this;
        }

        /** Greedy decoding: {@code topK(1)}. */
        public Builder greedy() {
            topK = 1;
            return this;
        }

        public SamplingOptions build() {
            return new SamplingOptions(prefix, length, temperature, topK, topP, seed, count, unknownChars);
        }
    }
}
