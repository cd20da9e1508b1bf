/**
 * English → Korean translation: sentence pairs ({@link io.rnnkit.translate.SentencePair}), the translation-memory
 * baseline ({@link io.rnnkit.translate.memory.TranslationMemory}), byte-pair subwords
 * ({@link io.rnnkit.translate.text.BytePairEncoding}) and, in {@code metrics}, chrF and BLEU. The
 * encoder–decoder is still to come.
 */
package io.rnnkit.translate;
