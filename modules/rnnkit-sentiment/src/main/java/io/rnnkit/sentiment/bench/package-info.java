/**
 * The sentiment benchmarks and their peers: {@link io.rnnkit.sentiment.bench.SentimentBenchmark} (10-fold
 * cross-validation of several rnnkit settings), {@link io.rnnkit.sentiment.bench.SentimentQuality} (the sentiment
 * part of {@code scripts/bench-quality}: the CLI defaults cross-domain, in 10-fold CV and on a user's CSV split), the
 * majority class and Apache OpenNLP's maximum-entropy bag-of-words document categorizer. OpenNLP is an optional
 * dependency of this module, needed only to run the benchmarks.
 */
package io.rnnkit.sentiment.bench;
