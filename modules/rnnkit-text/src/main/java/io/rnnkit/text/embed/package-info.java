/**
 * Word embeddings: {@link io.rnnkit.text.embed.WordVectors} (load/save in word2vec text, word2vec binary and
 * GloVe text formats, cosine nearest neighbours), Word2Vec training on deeplearning4j-nlp
 * ({@link io.rnnkit.text.embed.Word2VecTrainer}), and {@link io.rnnkit.text.embed.EmbeddingMatrix} to initialise
 * an {@code Embedding} layer from pretrained vectors with a stated out-of-vocabulary policy.
 */
package io.rnnkit.text.embed;
