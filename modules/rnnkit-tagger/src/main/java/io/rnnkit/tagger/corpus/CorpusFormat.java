package io.rnnkit.tagger.corpus;

import java.util.Locale;

/** File formats a tagged corpus can be read from. */
public enum CorpusFormat {
    /** Brown corpus: one sentence per non-blank line, tokens separated by white space, each {@code word/tag}
     *  (split at the last slash, so {@code 1/2/cd} is the word {@code 1/2}). */
    BROWN,
    /** CoNLL-U (Universal Dependencies): FORM and UPOS columns; comments, multi-word token lines
     *  ({@code 3-4}) and empty nodes ({@code 5.1}) are skipped. */
    CONLLU;

    /** Parses {@code brown} or {@code conllu} (any case). */
    public static CorpusFormat parse(String name) {
        for (CorpusFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown corpus format '" + name + "'; expected brown or conllu");
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
