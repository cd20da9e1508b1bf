/**
 * Tokens, tokenizers and vocabularies: the first step from raw text to the integer sequences a
 * recurrent network eats.
 *
 * <p>{@link io.rnnkit.text.Tokenizer} has three immutable implementations that all report character
 * offsets: {@link io.rnnkit.text.CharTokenizer} (code points or grapheme clusters),
 * {@link io.rnnkit.text.WordTokenizer} (Unicode words, numbers, punctuation; contractions kept or split)
 * and {@link io.rnnkit.text.WhitespaceTokenizer} (pre-tokenized corpora). A
 * {@link io.rnnkit.text.Vocabulary} maps tokens to indices with PAD = 0 and UNK = 1 reserved.
 */
package io.rnnkit.text;
