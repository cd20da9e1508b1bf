package io.rnnkit.tagger.bench;

import io.rnnkit.tagger.tagset.TagMapping;
import io.rnnkit.text.io.SourceLocation;
import io.rnnkit.text.io.TaggedSentence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Penn-Treebank-tagged English in the two layouts of Apache OpenNLP's test samples, mapping every tag to the
 * 12 universal tags with {@link TagMapping#pennToUniversal()} (a tag the table lacks becomes {@code X}, and is
 * counted in {@link #unmapped}):
 * <ul>
 *   <li>{@code word_TAG word_TAG …}, one sentence per line (the tag after the last underscore);</li>
 *   <li>{@code word<TAB>TAG[<TAB>…]}, one token per line, a blank line between sentences.</li>
 * </ul>
 *
 * @param sentences the sentences, tags already universal
 * @param unmapped  Penn tags absent from the table → how many tokens had them
 */
record PennSamples(List<TaggedSentence> sentences, Map<String, Integer> unmapped) {
    /** The layout by file name: {@code .tsv} is one token per line, anything else one sentence per line. */
    static PennSamples read(Path file, Charset charset) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, charset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.getFileName().toString(), file.getFileName().toString().endsWith(".tsv"));
    }

    static PennSamples parse(List<String> lines, String source, boolean tokenPerLine) {
        TagMapping penn = TagMapping.pennToUniversal();
        List<TaggedSentence> sentences = new ArrayList<>();
        Map<String, Integer> unmapped = new TreeMap<>();
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int start = 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                flush(sentences, words, tags, source, start);
                continue;
            }
            if (words.isEmpty()) {
                start = i + 1;
            }
            if (tokenPerLine) {
                String[] cols = line.split("\t");
                add(cols.length < 2 ? null : cols[0], cols.length < 2 ? null : cols[1], source, i + 1, penn, words,
                        tags, unmapped);
            } else {
                for (String token : line.split("\\s+")) {
                    int cut = token.lastIndexOf('_');
                    add(cut <= 0 ? null : token.substring(0, cut), cut <= 0 ? null : token.substring(cut + 1), source,
                            i + 1, penn, words, tags, unmapped);
                }
                flush(sentences, words, tags, source, start);
            }
        }
        flush(sentences, words, tags, source, start);
        return new PennSamples(List.copyOf(sentences), unmapped);
    }

    private static void flush(List<TaggedSentence> sentences, List<String> words, List<String> tags, String source,
                              int line) {
        if (!words.isEmpty()) {
            sentences.add(new TaggedSentence(List.copyOf(words), List.copyOf(tags), new SourceLocation(source, line)));
            words.clear();
            tags.clear();
        }
    }

    private static void add(String word, String tag, String source, int line, TagMapping penn, List<String> words,
                            List<String> tags, Map<String, Integer> unmapped) {
        if (word == null || tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException(source + ":" + line + ": expected word_TAG or word<TAB>TAG");
        }
        if (!penn.contains(tag)) {
            unmapped.merge(tag, 1, Integer::sum);
        }
        words.add(word);
        tags.add(penn.map(tag));
    }

    /** The number of tokens. */
    int tokens() {
        return sentences.stream().mapToInt(TaggedSentence::size).sum();
    }
}
