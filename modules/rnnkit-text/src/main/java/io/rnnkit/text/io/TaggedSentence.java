package io.rnnkit.text.io;

import java.util.List;
import java.util.Objects;

/**
 * A sentence of words with one tag per word, e.g. {@code The/at jury/nn said/vbd}.
 *
 * @param words    the words, as written in the corpus
 * @param tags     one tag per word, as written in the corpus (no tag-set mapping is applied here)
 * @param location the file and the line where the sentence starts
 */
public record TaggedSentence(List<String> words, List<String> tags, SourceLocation location) {
    public TaggedSentence {
        words = List.copyOf(words);
        tags = List.copyOf(tags);
        Objects.requireNonNull(location, "location");
        if (words.size() != tags.size()) {
            throw new IllegalArgumentException(location + ": " + words.size() + " words but " + tags.size() + " tags");
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException(location + ": a tagged sentence needs at least one word");
        }
    }

    /** The number of words. */
    public int size() {
        return words.size();
    }

    /** {@code word/tag} pairs separated by spaces, the Brown corpus form. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(words.get(i)).append('/').append(tags.get(i));
        }
        return sb.toString();
    }
}
