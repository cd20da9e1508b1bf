/**
 * Review sentiment analysis: a many-to-one recurrent classifier (words of a text in, one label out).
 *
 * <p>{@link io.rnnkit.sentiment.SentimentClassifier} trains a word tokenizer + vocabulary → embedding →
 * LSTM/GRU (optionally bidirectional) → softmax network from labelled texts, predicts a {@link
 * io.rnnkit.sentiment.Sentiment} (label and class probabilities), evaluates ({@link
 * io.rnnkit.sentiment.Evaluation}), cross-validates with stratified folds ({@link
 * io.rnnkit.sentiment.CrossValidation}) and saves to / loads from an rnnkit model file.
 */
package io.rnnkit.sentiment;
