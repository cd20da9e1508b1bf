package io.rnnkit.charlm;

import io.rnnkit.text.Vocabulary;

/** The running sums of one evaluation: bits of the model and of the unigram baseline, characters scored. */
final class Tally {
    /** Probabilities are floored here when scoring, so one impossible character cannot make the bpc infinite. */
    static final double MIN_PROBABILITY = 1e-10;
    private static final double LN2 = Math.log(2);

    private final UnigramModel unigram;
    private double bits;
    private double unigramBits;
    private long scored;
    private long unknown;

    Tally(UnigramModel unigram) {
        this.unigram = unigram;
    }

    /** Scores {@code target} under the model's distribution {@code p}. */
    void score(float[] p, int target) {
        bits -= Math.log(Math.max(p[target], MIN_PROBABILITY)) / LN2;
        count(target);
    }

    /** Counts {@code target} as scored (baseline and unknowns) without model bits: add those with {@link #addNats}. */
    void count(int target) {
        unigramBits += unigram.bits(target);
        scored++;
        if (target == Vocabulary.UNK) {
            unknown++;
        }
    }

    void addNats(double nats) {
        bits += nats / LN2;
    }

    void add(Tally other) {
        bits += other.bits;
        unigramBits += other.unigramBits;
        scored += other.scored;
        unknown += other.unknown;
    }

    long scored() {
        return scored;
    }

    /** The evaluation of a code-point model: every scored symbol is a character; {@code syllables} among them. */
    Evaluation evaluation(long startNanos) {
        return evaluation(startNanos, scored, 0);
    }

    /**
     * The evaluation in characters of the text: {@code chars} characters (with {@code syllables} Hangul syllables)
     * whose symbols were scored.
     */
    Evaluation evaluation(long startNanos, long chars, long syllables) {
        double perChar = chars > 0 ? chars : scored;
        double bpc = bits / perChar;
        return new Evaluation(bpc, Math.pow(2, bpc), chars > 0 ? chars : scored, unknown, unigramBits / perChar,
                (System.nanoTime() - startNanos) / 1e9, scored, syllables);
    }
}
