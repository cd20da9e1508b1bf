package io.rnnkit.charlm;

import java.util.Objects;

/**
 * A text cut by position into training, validation and test parts, in that order; nothing is shuffled across the
 * cuts, so the model is always judged on text that follows what it learned from. Cuts fall on code-point
 * boundaries (a surrogate pair is never split).
 *
 * @param train      the first part
 * @param validation the middle part (early stopping, model selection)
 * @param test       the last part (the reported score)
 */
public record TextSplit(String train, String validation, String test) {
    /** Fraction of the standard split used for training. */
    public static final double STANDARD_TRAIN = 0.90;
    /** Fraction of the standard split used for validation; the rest (5 %) is the test part. */
    public static final double STANDARD_VALIDATION = 0.05;

    /** Rejects null parts. */
    public TextSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /** rnnkit's standard split: first 90 % training, next 5 % validation, last 5 % test. */
    public static TextSplit standard(String text) {
        return byPosition(text, STANDARD_TRAIN, STANDARD_VALIDATION);
    }

    /**
     * Cuts {@code text} after {@code trainFraction} and {@code trainFraction + validationFraction} of its code
     * points; the rest is the test part.
     *
     * @throws IllegalArgumentException when the fractions are negative or add up to more than 1
     */
    public static TextSplit byPosition(String text, double trainFraction, double validationFraction) {
        if (text == null) {
            throw new IllegalArgumentException("text to split must not be null");
        }
        if (!(trainFraction > 0 && trainFraction <= 1) || !(validationFraction >= 0)
                || trainFraction + validationFraction > 1 + 1e-12) {
            throw new IllegalArgumentException("split fractions must satisfy 0 < train <= 1, validation >= 0 and "
                    + "train + validation <= 1, got train=" + trainFraction + ", validation=" + validationFraction);
        }
        int codePoints = text.codePointCount(0, text.length());
        int a = cut(text, (long) Math.floor(codePoints * trainFraction));
        int b = cut(text, (long) Math.floor(codePoints * Math.min(1.0, trainFraction + validationFraction)));
        return new TextSplit(text.substring(0, a), text.substring(a, b), text.substring(b));
    }

    /** Everything before the test part (what a compressor gets as context for it). */
    public String beforeTest() {
        return train + validation;
    }

    /** The last {@code chars} code points of {@code text} (all of it when shorter): the context before a part. */
    public static String tail(String text, int chars) {
        int cps = text.codePointCount(0, text.length());
        return chars >= cps ? text : text.substring(text.offsetByCodePoints(0, cps - chars));
    }

    private static int cut(String text, long codePoints) {
        return text.offsetByCodePoints(0, (int) codePoints);
    }
}
