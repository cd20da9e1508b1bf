package io.rnnkit.tagger;

import io.rnnkit.tagger.tagset.CoarseClass;

/**
 * One token with its predicted tag.
 *
 * @param word        the token exactly as given or as the tokenizer cut it from the text
 * @param tag         the predicted tag
 * @param probability the softmax probability of {@code tag} at this position
 * @param start       offset of the token in the tagged text (UTF-16 chars), -1 for pre-tokenized input
 * @param end         offset after the token, -1 for pre-tokenized input
 */
public record TaggedToken(String word, String tag, double probability, int start, int end) {
    /** The coarse class of the "I work at google" example (meaningful for universal tags). */
    public CoarseClass coarseClass() {
        return CoarseClass.of(tag);
    }

    /** {@code word/tag}. */
    @Override
    public String toString() {
        return word + "/" + tag;
    }
}
