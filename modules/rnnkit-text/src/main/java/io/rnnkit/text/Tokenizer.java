package io.rnnkit.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits text into {@link Token}s with character offsets.
 *
 * <p>Implementations are immutable and thread-safe. Empty input gives an empty list (an empty document
 * is a corpus question, not a tokenizer one); {@code null} is rejected. Every tokenizer can describe
 * itself as a small settings map ({@link #toSettings()}) that a model file stores and
 * {@link #fromSettings(Map)} rebuilds.
 */
public interface Tokenizer {

    /** Settings key naming the tokenizer kind ({@code char}, {@code word} or {@code whitespace}). */
    String KIND = "kind";

    /** The tokens of {@code text}, in order, with offsets into {@code text}. */
    List<Token> tokenize(String text);

    /** Only the token strings of {@link #tokenize(String)}. */
    default List<String> words(String text) {
        List<Token> tokens = tokenize(text);
        List<String> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(t.text());
        }
        return out;
    }

    /** The settings that rebuild this tokenizer with {@link #fromSettings(Map)}; always holds {@link #KIND}. */
    Map<String, String> toSettings();

    /**
     * Rebuilds a tokenizer from {@link #toSettings()} output.
     *
     * @throws IllegalArgumentException for an unknown kind or setting value
     */
    static Tokenizer fromSettings(Map<String, String> settings) {
        if (settings == null || settings.get(KIND) == null) {
            throw new IllegalArgumentException("tokenizer settings need a '" + KIND + "' entry, got " + settings);
        }
        String kind = settings.get(KIND);
        return switch (kind) {
            case CharTokenizer.KIND_NAME -> CharTokenizer.fromSettings(settings);
            case WordTokenizer.KIND_NAME -> WordTokenizer.fromSettings(settings);
            case WhitespaceTokenizer.KIND_NAME -> WhitespaceTokenizer.fromSettings(settings);
            default -> throw new IllegalArgumentException("unknown tokenizer kind '" + kind
                    + "' (expected char, word or whitespace)");
        };
    }
}
