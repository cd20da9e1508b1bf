package io.rnnkit.text.embed;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.WordTokenizer;
import io.rnnkit.text.io.BrownCorpusReader;
import io.rnnkit.text.io.LabelledText;
import io.rnnkit.text.io.LabelledTextReader;
import io.rnnkit.text.io.SkipLog;
import io.rnnkit.text.io.TaggedCorpusReader;
import io.rnnkit.text.io.TaggedSentence;
import io.rnnkit.text.io.Utf8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Re-iterable, streaming sources of tokenized sentences for {@link Word2VecTrainer}: each iteration re-reads the
 * files, so a corpus larger than memory can be used for several epochs. Empty token lists are left out.
 */
public final class TrainingText {
    private TrainingText() {
    }

    /** Each non-blank line of a UTF-8 text file, tokenized. */
    public static Iterable<List<String>> lines(Path file, Tokenizer tokenizer) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tokenizer, "tokenizer");
        return of(() -> {
            BufferedReader r = Utf8.open(file);
            return r.lines().onClose(() -> {
                try {
                    r.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(tokenizer::words);
        });
    }

    /** The words of tagged sentences (tags dropped), optionally lower-cased. */
    public static Iterable<List<String>> taggedWords(List<Path> files, TaggedCorpusReader reader, boolean lowerCase) {
        List<Path> copy = List.copyOf(files);
        Objects.requireNonNull(reader, "reader");
        return of(() -> reader.stream(copy, new SkipLog()).map(TaggedSentence::words)
                .map(w -> lowerCase ? w.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList() : w));
    }

    /** The texts of labelled files (labels dropped), tokenized. */
    public static Iterable<List<String>> texts(List<Path> files, LabelledTextReader reader, Tokenizer tokenizer) {
        List<Path> copy = List.copyOf(files);
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(tokenizer, "tokenizer");
        return of(() -> copy.stream().flatMap(f -> reader.stream(f, new SkipLog())).map(LabelledText::text).map(tokenizer::words));
    }

    /** The sources one after the other. */
    @SafeVarargs
    public static Iterable<List<String>> concat(Iterable<List<String>>... sources) {
        List<Iterable<List<String>>> copy = List.of(sources);
        return of(() -> copy.stream().flatMap(s -> java.util.stream.StreamSupport.stream(s.spliterator(), false)));
    }

    /**
     * The project's unlabelled English text, lower-cased, word-tokenized (contractions kept whole, as in Brown):
     * Moby Dick (line by line), the words of all 500 Brown files, and the 3,000 UCI review sentences.
     *
     * @throws Datasets.MissingDatasetException if a dataset has not been fetched
     */
    public static Iterable<List<String>> project() {
        Tokenizer words = new WordTokenizer(true, WordTokenizer.Contractions.KEEP);
        Path uci = Datasets.dir(Datasets.UCI_SENTENCES);
        return concat(
                lines(Datasets.file(Datasets.MOBY_DICK, "data.txt"), words),
                taggedWords(BrownCorpusReader.corpusFiles(Datasets.dir(Datasets.BROWN)), BrownCorpusReader.create(), true),
                texts(List.of(uci.resolve("imdb.json"), uci.resolve("yelp.json"), uci.resolve("amazon.json")),
                        LabelledTextReader.json("text", "class"), words));
    }

    /** An iterable whose iterators close their stream when exhausted (or when closed). */
    private static Iterable<List<String>> of(Supplier<Stream<List<String>>> streams) {
        return () -> new ClosingIterator(streams.get().filter(l -> !l.isEmpty()));
    }

    private static final class ClosingIterator implements Iterator<List<String>>, AutoCloseable {
        private final Stream<List<String>> stream;
        private final Iterator<List<String>> it;
        private boolean closed;

        ClosingIterator(Stream<List<String>> stream) {
            this.stream = stream;
            this.it = stream.iterator();
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            boolean more = it.hasNext();
            if (!more) {
                close();
            }
            return more;
        }

        @Override
        public List<String> next() {
            return it.next();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                stream.close();
            }
        }
    }
}
