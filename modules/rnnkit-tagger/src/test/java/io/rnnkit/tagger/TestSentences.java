package io.rnnkit.tagger;

import io.rnnkit.text.io.SourceLocation;
import io.rnnkit.text.io.TaggedSentence;

import java.util.List;

/** Builds in-memory tagged sentences for tests. */
public final class TestSentences {
    private TestSentences() {
    }

    /** A sentence located at {@code <memory>}. */
    public static TaggedSentence of(List<String> words, List<String> tags) {
        return new TaggedSentence(words, tags, new SourceLocation("<memory>", 0));
    }
}
