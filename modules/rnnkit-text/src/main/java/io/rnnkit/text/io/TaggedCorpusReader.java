package io.rnnkit.text.io;

import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads tagged sentences from a corpus file, one sentence at a time.
 * Implemented by {@link BrownCorpusReader} ({@code word/tag}) and {@link ConlluReader} (CoNLL-U).
 */
public interface TaggedCorpusReader {

    /** The sentences read from {@code reader}; {@code source} names it in errors. Closing the stream closes it. */
    Stream<TaggedSentence> stream(String source, BufferedReader reader, SkipLog skipped);

    /** Streams the sentences of a file, counting skipped sentences in {@code skipped}. */
    default Stream<TaggedSentence> stream(Path file, SkipLog skipped) {
        Objects.requireNonNull(file, "file");
        return stream(file.toString(), Utf8.open(file), skipped);
    }

    /** Streams the sentences of a file; skipped sentences are logged as a warning when the stream ends. */
    default Stream<TaggedSentence> stream(Path file) {
        SkipLog log = new SkipLog();
        return stream(file, log).onClose(() -> {
            if (log.count() > 0) {
                LoggerFactory.getLogger(TaggedCorpusReader.class).warn("{}: {}", file, log.summary());
            }
        });
    }

    /** Streams the sentences of several files in order, opening each file only when it is reached. */
    default Stream<TaggedSentence> stream(List<Path> files, SkipLog skipped) {
        return List.copyOf(files).stream().flatMap(f -> stream(f, skipped));
    }

    /** Reads all sentences of the files into memory. */
    default ReadResult<TaggedSentence> readAll(List<Path> files) {
        SkipLog log = new SkipLog();
        return new ReadResult<>(collect(stream(files, log)), log);
    }

    /**
     * Reads all sentences of UTF-8 text from a stream (bytes in memory, a class-path resource) into memory, decoded
     * and parsed exactly as a file is by {@link #readAll(Path)}; the stream is closed.
     *
     * @param source names the stream in errors and in each sentence's {@link SourceLocation}, e.g. a file name
     * @throws CorpusFormatException as for a file, naming {@code source}
     */
    default ReadResult<TaggedSentence> readAll(String source, InputStream in) {
        Objects.requireNonNull(source, "source");
        SkipLog log = new SkipLog();
        return new ReadResult<>(collect(stream(source, Utf8.open(Objects.requireNonNull(in, "in")), log)), log);
    }

    /** Reads all sentences of one file into memory. */
    default ReadResult<TaggedSentence> readAll(Path file) {
        return readAll(List.of(file));
    }

    /** The sentences of a stream, which is closed. */
    private static List<TaggedSentence> collect(Stream<TaggedSentence> sentences) {
        List<TaggedSentence> all = new ArrayList<>();
        try (Stream<TaggedSentence> s = sentences) {
            s.forEach(all::add);
        }
        return all;
    }
}
