package io.rnnkit.tagger.eval;

/**
 * How often gold tag {@code gold} was predicted as {@code predicted}.
 *
 * @param gold      the correct tag
 * @param predicted the tag given instead
 * @param count     number of tokens
 */
public record Confusion(String gold, String predicted, long count) {
}
