package io.rnnkit.text.embed;

import java.util.Objects;

/**
 * A word and its cosine similarity to a query.
 *
 * @param word       the neighbouring word
 * @param similarity cosine similarity in [-1, 1]
 */
public record Neighbour(String word, double similarity) {
    public Neighbour {
        Objects.requireNonNull(word, "word");
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s (%.3f)", word, similarity);
    }
}
