package io.rnnkit.tagger.corpus;

import io.rnnkit.tagger.tagset.TagMapping;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.tagger.tagset.UniversalTags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tagged corpora (Brown {@code word/tag} or CoNLL-U) into sentences, with the tags in the chosen
 * {@link TagSet}. Every malformed line raises a {@link CorpusFormatException} naming file and line; nothing
 * is skipped silently.
 */
public final class TaggedCorpus {
    private TaggedCorpus() {
    }

    /** Reads several files in the given order. */
    public static List<TaggedSentence> read(List<Path> files, CorpusFormat format, TagSet tagSet) {
        List<TaggedSentence> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(read(f, format, tagSet));
        }
        return all;
    }

    /**
     * Reads one file, or, when {@code path} is a folder, every regular file in it in name order (for a Brown
     * folder only the corpus files {@code c[a-r]NN}).
     */
    public static List<TaggedSentence> read(Path path, CorpusFormat format, TagSet tagSet) {
        if (Files.isDirectory(path)) {
            List<Path> files = format == CorpusFormat.BROWN ? BrownSplit.corpusFiles(path) : listFiles(path);
            return read(files, format, tagSet);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + ": not valid UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        String name = path.toString();
        return format == CorpusFormat.BROWN ? parseBrown(lines, name, tagSet) : parseConllu(lines, name, tagSet);
    }

    /** Parses Brown lines (one sentence per non-blank line). */
    public static List<TaggedSentence> parseBrown(List<String> lines, String source, TagSet tagSet) {
        TagMapping mapping = TagMapping.brownToUniversal();
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            List<String> words = new ArrayList<>(tokens.length);
            List<String> tags = new ArrayList<>(tokens.length);
            for (String token : tokens) {
                int slash = token.lastIndexOf('/');
                if (slash <= 0 || slash == token.length() - 1) {
                    throw new CorpusFormatException(source, i + 1, "expected word/tag, got '" + token + "'");
                }
                String tag = token.substring(slash + 1);
                words.add(token.substring(0, slash));
                tags.add(tagSet == TagSet.UNIVERSAL ? mapping.map(tag) : tag);
            }
            out.add(new TaggedSentence(words, tags, source, i + 1));
        }
        return out;
    }

    /** Parses CoNLL-U lines; under {@link TagSet#UNIVERSAL} UPOS is mapped with {@link UniversalTags#fromUpos}. */
    public static List<TaggedSentence> parseConllu(List<String> lines, String source, TagSet tagSet) {
        List<TaggedSentence> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            if (line.isBlank()) {
                if (!words.isEmpty()) {
                    out.add(new TaggedSentence(words, tags, source, start));
                    words = new ArrayList<>();
                    tags = new ArrayList<>();
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 10) {
                throw new CorpusFormatException(source, i + 1, "expected 10 tab-separated CoNLL-U columns, got " + cols.length);
            }
            String id = cols[0];
            if (id.contains("-") || id.contains(".")) {
                continue; // multi-word token range or empty node: the syntactic words carry the tags
            }
            if (!id.chars().allMatch(Character::isDigit) || id.isEmpty()) {
                throw new CorpusFormatException(source, i + 1, "bad token ID '" + id + "'");
            }
            if (cols[1].isEmpty() || cols[3].isEmpty() || cols[3].equals("_")) {
                throw new CorpusFormatException(source, i + 1, "missing FORM or UPOS");
            }
            String tag = cols[3];
            if (tagSet == TagSet.UNIVERSAL) {
                try {
                    tag = UniversalTags.fromUpos(tag);
                } catch (IllegalArgumentException e) {
                    throw new CorpusFormatException(source, i + 1, e.getMessage());
                }
            }
            if (words.isEmpty()) {
                start = i + 1;
            }
            words.add(cols[1]);
            tags.add(tag);
        }
        return out;
    }

    private static List<Path> listFiles(Path dir) {
        try (var s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
