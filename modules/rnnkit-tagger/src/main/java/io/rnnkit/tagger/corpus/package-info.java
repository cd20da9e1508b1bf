/**
 * Tagged corpora for the tagger: reading through rnnkit-text's readers with tag-set mapping
 * ({@link io.rnnkit.tagger.corpus.TaggedCorpus}), and the fixed train/validation/test split of the Brown files
 * ({@link io.rnnkit.tagger.corpus.BrownSplit}).
 */
package io.rnnkit.tagger.corpus;
