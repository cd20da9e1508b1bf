package io.rnnkit.tagger.corpus;

import io.rnnkit.tagger.tagset.TagMapping;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.tagger.tagset.UniversalTags;
import io.rnnkit.text.io.BrownCorpusReader;
import io.rnnkit.text.io.CorpusFormatException;
import io.rnnkit.text.io.TaggedSentence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads tagged corpora for the tagger: rnnkit-text's {@link io.rnnkit.text.io.TaggedCorpusReader}s do the
 * parsing (a malformed line is a {@link CorpusFormatException} naming file and line), and the tags are then
 * put into the chosen {@link TagSet}: Brown tags through {@link TagMapping#brownToUniversal()}, CoNLL-U UPOS
 * through {@link UniversalTags#fromUpos}, or kept as written.
 */
public final class TaggedCorpus {
    private TaggedCorpus() {
    }

    /**
     * Reads files and folders in the given order. A folder contributes its files in name order; for Brown only
     * the corpus files {@code c[a-r]NN} (not {@code cats.txt} or {@code README}).
     *
     * @throws CorpusFormatException for a malformed line, naming file and line
     * @throws IllegalArgumentException for a missing path or an empty folder
     */
    public static List<TaggedSentence> read(List<Path> paths, CorpusFormat format, TagSet tagSet) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(tagSet, "tagSet");
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(files(p, format));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no corpus files given");
        }
        return map(format.reader().readAll(files).records(), format, tagSet);
    }

    /** Reads one file or folder; see {@link #read(List, CorpusFormat, TagSet)}. */
    public static List<TaggedSentence> read(Path path, CorpusFormat format, TagSet tagSet) {
        return read(List.of(path), format, tagSet);
    }

    /**
     * Reads the UTF-8 text of one corpus file from a stream (bytes in memory, a class-path resource), parsed and
     * mapped exactly as a file by {@link #read(Path, CorpusFormat, TagSet)}; the stream is closed.
     *
     * @param source names the stream in errors and in each sentence's location, e.g. a file name
     * @throws CorpusFormatException for a malformed line, naming {@code source} and the line
     */
    public static List<TaggedSentence> read(String source, InputStream in, CorpusFormat format, TagSet tagSet) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(tagSet, "tagSet");
        return map(format.reader().readAll(source, in).records(), format, tagSet);
    }

    /**
     * Puts sentences read as {@code format} into {@code tagSet}; words and locations are kept.
     *
     * @throws CorpusFormatException for a CoNLL-U tag that is not a UPOS tag, or a Brown tag that is not one of the
     *                               Brown corpus's 472 tags (a file of another tag set, or a damaged one, would
     *                               otherwise train X silently), naming the sentence's first line
     */
    public static List<TaggedSentence> map(List<TaggedSentence> sentences, CorpusFormat format, TagSet tagSet) {
        if (tagSet == TagSet.RAW) {
            return List.copyOf(sentences);
        }
        TagMapping brown = format == CorpusFormat.BROWN ? TagMapping.brownToUniversal() : null;
        List<TaggedSentence> out = new ArrayList<>(sentences.size());
        for (TaggedSentence s : sentences) {
            List<String> tags = new ArrayList<>(s.size());
            for (String tag : s.tags()) {
                if (brown != null) {
                    if (!brown.contains(tag)) {
                        throw new CorpusFormatException(s.location(), "'" + tag + "' is not a Brown corpus tag "
                                + "(the table lists all " + brown.size() + " of them; to keep tags as written, use the "
                                + "raw tag set: --tagset raw)");
                    }
                    tags.add(brown.map(tag));
                } else {
                    try {
                        tags.add(UniversalTags.fromUpos(tag));
                    } catch (IllegalArgumentException e) {
                        throw new CorpusFormatException(s.location(), e.getMessage());
                    }
                }
            }
            out.add(new TaggedSentence(s.words(), tags, s.location()));
        }
        return out;
    }

    private static List<Path> files(Path path, CorpusFormat format) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        if (format == CorpusFormat.BROWN) {
            return BrownCorpusReader.corpusFiles(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            List<Path> files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no files in " + path);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }
}
