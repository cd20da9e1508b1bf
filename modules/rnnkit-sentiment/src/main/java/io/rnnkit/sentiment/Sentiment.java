package io.rnnkit.sentiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The prediction for one text.
 *
 * @param label         the most probable label (ties go to the label listed first)
 * @param probabilities every label's probability, in the model's label order; they sum to 1
 * @param words         words the text had (before truncation)
 * @param unknownWords  of the words read, how many were not in the vocabulary and were read as {@code <unk>}
 * @param truncated     whether the text was longer than the model's maximum length and lost its first words
 */
public record Sentiment(String label, Map<String, Double> probabilities, int words, int unknownWords,
                        boolean truncated) {

    public Sentiment {
        Objects.requireNonNull(label, "label");
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        if (!probabilities.containsKey(label)) {
            throw new IllegalArgumentException("label '" + label + "' is not among the probabilities " + probabilities.keySet());
        }
    }

    /** The probability of the predicted label. */
    public double confidence() {
        return probabilities.get(label);
    }

    /** The probability of {@code label}. */
    public double probability(String label) {
        Double p = probabilities.get(label);
        if (p == null) {
            throw new IllegalArgumentException("unknown label '" + label + "'; the model's labels are " + probabilities.keySet());
        }
        return p;
    }
}
