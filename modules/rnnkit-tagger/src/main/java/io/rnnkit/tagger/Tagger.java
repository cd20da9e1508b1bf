package io.rnnkit.tagger;

import java.util.ArrayList;
import java.util.List;

/** Anything that assigns one tag per word of a pre-tokenized sentence; lets evaluation treat peers alike. */
@FunctionalInterface
public interface Tagger {
    /** The tags of {@code words}, one per word. */
    List<String> tag(List<String> words);

    /** Tags many sentences; implementations override this to batch. */
    default List<List<String>> tagAll(List<List<String>> sentences) {
        List<List<String>> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            out.add(tag(s));
        }
        return out;
    }
}
