/**
 * Tagged corpora: Brown {@code word/tag} and CoNLL-U readers with tag-set mapping, and the fixed
 * train/validation/test split of the Brown files ({@link io.rnnkit.tagger.corpus.BrownSplit}).
 */
package io.rnnkit.tagger.corpus;
