/**
 * Word embeddings: {@link io.rnnkit.text.embed.WordVectors} (load/save in word2vec text, word2vec binary, GloVe text
 * and rnnkit's 8-bit {@link io.rnnkit.text.embed.CompactVectors} formats, cosine nearest neighbours),
 * {@link io.rnnkit.text.embed.VectorSource} (what a user types for vectors: {@code builtin:NAME}, a dataset name, a
 * file of any of those formats, or {@code none}), {@link io.rnnkit.text.embed.BuiltinVectors} (vectors shipped on the
 * class path, {@code builtin:glove-100d}), Word2Vec training on deeplearning4j-nlp
 * ({@link io.rnnkit.text.embed.Word2VecTrainer}), and {@link io.rnnkit.text.embed.EmbeddingMatrix} to initialise
 * an {@code Embedding} layer from pretrained vectors with a stated out-of-vocabulary policy.
 */
package io.rnnkit.text.embed;
