package io.rnnkit.translate;

import java.util.List;

/**
 * One translated sentence.
 *
 * @param source       the text translated
 * @param text         its translation
 * @param sourceTokens the source as the model read it (pieces, then {@code </s>})
 * @param targetTokens the translation's tokens, then {@code </s>} when the decoder ended the sentence
 * @param attention    per target token (row) its attention over the source tokens (columns), each row summing to 1
 * @param logProb      log probability of the target tokens under the model
 */
public record Translation(String source, String text, List<String> sourceTokens, List<String> targetTokens,
                          float[][] attention, double logProb) {
}
