package io.rnnkit.charlm;

import java.util.List;

/**
 * Text sampled from a {@link CharLanguageModel}.
 *
 * @param prefix         the prefix as the model was primed with it (after the unknown-character policy)
 * @param samples        the generated continuations, one per requested sample, without the prefix
 * @param seed           the random seed used (repeat it to get the same text)
 * @param warnings       notes about the input, e.g. prefix characters skipped as unknown; empty when none
 * @param seconds        wall-clock time of priming and generation
 */
public record GeneratedText(String prefix, List<String> samples, long seed, List<String> warnings, double seconds) {

    /** Copies the lists. */
    public GeneratedText {
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
    }

    /** The first sample, without the prefix. */
    public String sample() {
        return samples.get(0);
    }

    /** The prefix followed by the first sample. */
    public String text() {
        return prefix + samples.get(0);
    }

    /** Generated characters (code points) per second over all samples. */
    public double charsPerSecond() {
        long chars = 0;
        for (String s : samples) {
            chars += s.codePointCount(0, s.length());
        }
        return chars / Math.max(seconds, 1e-9);
    }
}
