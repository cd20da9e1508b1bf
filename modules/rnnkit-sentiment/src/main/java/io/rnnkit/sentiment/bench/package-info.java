/**
 * The sentiment benchmark ({@link io.rnnkit.sentiment.bench.SentimentBenchmark}) and its peers: the majority class
 * and Apache OpenNLP's maximum-entropy bag-of-words document categorizer. OpenNLP is an optional dependency of this
 * module, needed only to run the benchmark.
 */
package io.rnnkit.sentiment.bench;
