/** The translation-memory baseline: the stored translation of the most similar stored sentence. */
package io.rnnkit.translate.memory;
