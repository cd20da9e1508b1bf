/** Subword vocabularies for translation: {@link io.rnnkit.translate.text.BytePairEncoding}. */
package io.rnnkit.translate.text;
