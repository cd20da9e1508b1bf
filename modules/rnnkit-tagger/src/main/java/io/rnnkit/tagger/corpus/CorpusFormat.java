package io.rnnkit.tagger.corpus;

import io.rnnkit.text.io.BrownCorpusReader;
import io.rnnkit.text.io.ConlluReader;
import io.rnnkit.text.io.TaggedCorpusReader;

import java.util.Locale;

/** File formats a tagged corpus can be read from; each is read by the matching rnnkit-text reader. */
public enum CorpusFormat {
    /** Brown corpus: one sentence per non-blank line, each token {@code word/tag} (see {@link BrownCorpusReader}). */
    BROWN,
    /** CoNLL-U (Universal Dependencies): FORM and UPOS columns (see {@link ConlluReader}). */
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

    /** The reader of this format; it fails on the first malformed line, naming file and line. */
    public TaggedCorpusReader reader() {
        return this == BROWN ? BrownCorpusReader.create() : ConlluReader.upos();
    }
}
