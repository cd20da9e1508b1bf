/**
 * Translation quality metrics implemented in rnnkit: {@link io.rnnkit.translate.metrics.ChrF} (character n-gram
 * F-score, the usual metric for Korean) and {@link io.rnnkit.translate.metrics.Bleu} (corpus BLEU on tokens), both
 * on a 0–100 scale and cross-checked against NLTK's implementations by the tests.
 */
package io.rnnkit.translate.metrics;
