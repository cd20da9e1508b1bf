package io.rnnkit.tagger.eval;

/**
 * Precision, recall and F1 of one tag.
 *
 * @param tag       the tag
 * @param support   gold tokens with this tag
 * @param predicted tokens predicted with this tag
 * @param correct   tokens where both agree on this tag
 */
public record TagScore(String tag, long support, long predicted, long correct) {
    /** correct / predicted (0 when nothing was predicted). */
    public double precision() {
        return predicted == 0 ? 0 : (double) correct / predicted;
    }

    /** correct / support (0 when the tag never occurs). */
    public double recall() {
        return support == 0 ? 0 : (double) correct / support;
    }

    /** Harmonic mean of precision and recall. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
