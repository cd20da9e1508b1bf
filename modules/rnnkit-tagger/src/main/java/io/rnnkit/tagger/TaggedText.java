package io.rnnkit.tagger;

import io.rnnkit.tagger.tagset.CoarseClass;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A tagged sentence: tokens with tags and probabilities, and the output formats of {@code rnnkit tag}.
 *
 * @param tokens the tagged tokens in order
 */
public record TaggedText(List<TaggedToken> tokens) {
    /** Copies the list. */
    public TaggedText {
        tokens = List.copyOf(tokens);
    }

    /** The tokens' words. */
    public List<String> words() {
        return tokens.stream().map(TaggedToken::word).toList();
    }

    /** The predicted tags. */
    public List<String> tags() {
        return tokens.stream().map(TaggedToken::tag).toList();
    }

    /** The coarse classes of the "I work at google" example. */
    public List<CoarseClass> coarseClasses() {
        return tokens.stream().map(TaggedToken::coarseClass).toList();
    }

    /** {@code I/PRON work/VERB at/ADP google/NOUN}: tokens separated by single spaces. */
    public String toSlashFormat() {
        return tokens.stream().map(TaggedToken::toString).collect(Collectors.joining(" "));
    }

    /**
     * The sentence as CoNLL-U lines (ID, FORM, UPOS = the predicted tag, MISC = {@code Prob=0.9876}; other
     * columns {@code _}), ending with a blank line. Tabs and newlines inside a word become spaces.
     */
    public String toConllu() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            TaggedToken t = tokens.get(i);
            String form = t.word().replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
            sb.append(i + 1).append('\t').append(form).append("\t_\t").append(t.tag())
                    .append("\t_\t_\t_\t_\t_\t")
                    .append(String.format(Locale.ROOT, "Prob=%.4f", t.probability())).append('\n');
        }
        return sb.append('\n').toString();
    }

    @Override
    public String toString() {
        return toSlashFormat();
    }
}
