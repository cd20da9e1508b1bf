/**
 * Character-level language models: {@link io.rnnkit.charlm.CharLanguageModel} trains a stacked LSTM or GRU on
 * text, samples from it ({@link io.rnnkit.charlm.SamplingOptions}: prefix, temperature, top-k, top-p, seed,
 * several samples at once, streaming) and measures it in bits per character beside a unigram baseline
 * ({@link io.rnnkit.charlm.Evaluation}), also on texts of any size read as a stream
 * ({@link io.rnnkit.charlm.EvaluationOptions}). {@link io.rnnkit.charlm.TextSplit} cuts a text by position into
 * training, validation and test parts.
 */
package io.rnnkit.charlm;
