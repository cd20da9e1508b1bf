/**
 * English → Korean translation (any language pair of sentence-pair files): {@link io.rnnkit.translate.Translator}
 * (an encoder–decoder with attention trained with DL4J, beam search on rnnkit's inference engine, one model file),
 * its settings {@link io.rnnkit.translate.TranslatorConfig}, results {@link io.rnnkit.translate.Translation} and
 * {@link io.rnnkit.translate.TranslationEvaluation}, {@link io.rnnkit.translate.AttentionHeatMap}; sentence pairs
 * ({@link io.rnnkit.translate.SentencePair}); in {@code text} the token units (characters or byte-pair subwords),
 * in {@code memory} the translation-memory baseline, in {@code metrics} chrF and BLEU.
 */
package io.rnnkit.translate;
