package io.rnnkit.text.io;

import java.util.Objects;

/**
 * A text with its class label, e.g. a review sentence and {@code "1"}.
 *
 * @param text     the text exactly as written in the source (not trimmed)
 * @param label    the label as a string: numbers keep their written form ({@code "1"}, {@code "-1"}, {@code "0"})
 * @param location where the record starts
 */
public record LabelledText(String text, String label, SourceLocation location) {
    public LabelledText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(location, "location");
    }
}
