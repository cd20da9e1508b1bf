package io.rnnkit.tagger.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One sentence of a tagged corpus: words and their gold tags, with where it came from.
 *
 * @param words  the words, never empty
 * @param tags   one tag per word
 * @param source file name (or another label) for messages
 * @param line   1-based line where the sentence starts, 0 when unknown
 */
public record TaggedSentence(List<String> words, List<String> tags, String source, int line) {
    /** Validates and copies. */
    public TaggedSentence {
        words = List.copyOf(words);
        tags = List.copyOf(tags);
        Objects.requireNonNull(source, "source");
        if (words.isEmpty()) {
            throw new IllegalArgumentException(source + ":" + line + ": empty sentence");
        }
        if (words.size() != tags.size()) {
            throw new IllegalArgumentException(source + ":" + line + ": " + words.size() + " words but "
                    + tags.size() + " tags");
        }
    }

    /** A sentence without a known source, e.g. for tests. */
    public static TaggedSentence of(List<String> words, List<String> tags) {
        return new TaggedSentence(words, tags, "<memory>", 0);
    }

    /** Number of tokens. */
    public int size() {
        return words.size();
    }
}
