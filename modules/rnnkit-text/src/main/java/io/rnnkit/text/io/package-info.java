/**
 * Streaming corpus readers: labelled text (JSON array, JSON lines, CSV, TSV), {@code word/tag} tagged
 * sentences (the Brown corpus) and CoNLL-U, with DataVec {@code RecordReader} adapters.
 *
 * <p>Every reader decodes UTF-8 strictly (invalid bytes are an error, never replaced), reads one record at a
 * time so that a corpus larger than memory can be streamed, and reports bad input as a
 * {@link io.rnnkit.text.io.CorpusFormatException} naming the file and line. Malformed records are skipped only
 * when {@link io.rnnkit.text.io.OnMalformed#SKIP} is asked for, and then each one is counted in a
 * {@link io.rnnkit.text.io.SkipLog}.
 */
package io.rnnkit.text.io;
