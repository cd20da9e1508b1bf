/**
 * Part-of-speech tagging with a bidirectional LSTM: {@link io.rnnkit.tagger.PosTagger} (train, tag raw or
 * pre-tokenized text, evaluate, save/load), its {@link io.rnnkit.tagger.TaggerConfig}, the tagged output
 * ({@link io.rnnkit.tagger.TaggedText}, with the {@code word/TAG} and CoNLL-U formats of {@code rnnkit tag}) and
 * the most-frequent-tag baseline.
 */
package io.rnnkit.tagger;
