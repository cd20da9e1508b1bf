package io.rnnkit.charlm;

/**
 * Settings of dynamic evaluation (Krause et al., 2018, "Dynamic Evaluation of Neural Sequence Models"): the text is
 * cut into segments of {@code segment} characters, each scored with the weights learned so far and then used for
 * one update of a copy of the network.
 *
 * <ul>
 *   <li>{@link Rule#SGD}: {@code θ ← θ − η·∇}, the gradient of the segment's summed loss, clipped as in training.
 *   <li>{@link Rule#RMS}: {@code θ ← θ − η·∇ / (√MS + ε) + λ·(θ₀ − θ)·RMS}, where MS is the mean squared gradient
 *       of segments of {@code statisticsText} (normally the end of the training text) at the trained weights θ₀,
 *       and RMS = √MS / mean(√MS), so that each weight moves in proportion to how much it moved in training and
 *       decays back to its trained value at rate λ (λ·RMS capped at 1). This is the paper's best rule.
 * </ul>
 *
 * @param rule           update rule
 * @param segment        characters per segment (≥ 1)
 * @param learningRate   η (≥ 0; 0 gives static evaluation)
 * @param decay          λ, pull back towards the trained weights (≥ 0; RMS only)
 * @param statisticsText text whose gradients give MS (RMS only; at least two segments long)
 * @param learnContext   whether the context read before the text is learned from too (segment by segment, not
 *                       scored), as a compressor learns from everything before what it codes; see
 *                       {@link #learningFromContext()}
 */
public record DynamicEvaluation(Rule rule, int segment, double learningRate, double decay, String statisticsText,
                                boolean learnContext) {

    /** Update rules. */
    public enum Rule {
        /** Plain gradient step on each segment. */
        SGD,
        /** Gradient step normalised by training-time gradient statistics, with decay to the trained weights. */
        RMS
    }

    /** ε in the RMS rule's denominator (relative to the summed-loss gradients, which are of order 1e-2 to 1). */
    public static final double EPSILON = 1e-8;

    /** Validates the settings. */
    public DynamicEvaluation {
        if (rule == null) {
            throw new IllegalArgumentException("dynamic evaluation rule must not be null (SGD or RMS)");
        }
        if (segment < 1) {
            throw new IllegalArgumentException("segment must be >= 1, got " + segment);
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + learningRate);
        }
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("decay must be >= 0, got " + decay);
        }
        if (rule == Rule.SGD && decay != 0) {
            throw new IllegalArgumentException("decay is part of the RMS rule; the SGD rule takes none");
        }
        if (rule == Rule.RMS && (statisticsText == null || statisticsText.length() < 2 * segment + 1)) {
            throw new IllegalArgumentException("the RMS rule needs gradient statistics from a text of at least "
                    + (2 * segment + 1) + " characters (normally the end of the training text), got "
                    + (statisticsText == null ? "none" : statisticsText.length() + ""));
        }
    }

    /** Settings that read the context without learning from it. */
    public DynamicEvaluation(Rule rule, int segment, double learningRate, double decay, String statisticsText) {
        this(rule, segment, learningRate, decay, statisticsText, false);
    }

    /** The SGD rule: rate η on segments of {@code segment} characters. */
    public static DynamicEvaluation sgd(int segment, double learningRate) {
        return new DynamicEvaluation(Rule.SGD, segment, learningRate, 0, null);
    }

    /** The RMS rule with decay λ, its gradient statistics taken from {@code statisticsText}. */
    public static DynamicEvaluation rms(int segment, double learningRate, double decay, String statisticsText) {
        return new DynamicEvaluation(Rule.RMS, segment, learningRate, decay, statisticsText);
    }

    /**
     * These settings, also learning from the context: its segments update the weights like the text's but are not
     * scored. The context's first {@code (length − 1) mod segment} characters are dropped so that a segment boundary
     * falls where scoring starts.
     */
    public DynamicEvaluation learningFromContext() {
        return new DynamicEvaluation(rule, segment, learningRate, decay, statisticsText, true);
    }

    @Override
    public String toString() {
        return rule + "(segment " + segment + ", rate " + learningRate + (rule == Rule.RMS ? ", decay " + decay
                + ", statistics from " + statisticsText.length() + " chars" : "")
                + (learnContext ? ", learning from the context" : "") + ")";
    }
}
