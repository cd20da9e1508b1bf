package io.rnnkit.text;

/**
 * One token and where it came from: {@code text} is the token as the tokenizer emits it (possibly
 * lower-cased), {@code start} and {@code end} are UTF-16 char offsets into the original input, so
 * {@code input.substring(start, end)} is always the token's source span.
 *
 * @param text  the token text
 * @param start offset of the first char, inclusive
 * @param end   offset after the last char, exclusive
 */
public record Token(String text, int start, int end) {
    /** Validates the offsets. */
    public Token {
        if (text == null) {
            throw new IllegalArgumentException("token text must not be null");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid token offsets [" + start + ", " + end + ") for '" + text + "'");
        }
    }

    /** The number of UTF-16 chars the token spans in the input. */
    public int length() {
        return end - start;
    }
}
