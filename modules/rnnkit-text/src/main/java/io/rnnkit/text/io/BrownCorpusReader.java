package io.rnnkit.text.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code word/tag} corpora such as the Brown corpus: one sentence per non-blank line (leading tabs
 * ignored), tokens separated by whitespace, each token split at its <em>last</em> {@code '/'} because words may
 * contain {@code '/'} themselves ({@code 1/2/cd} is the word {@code 1/2} tagged {@code cd}). Tags are kept as
 * written ({@code np-tl}, {@code pps+bez}).
 *
 * <p>A token without a {@code '/'}, or with an empty word or tag, is malformed: an error naming the file, line
 * and token, or with {@link OnMalformed#SKIP} the whole sentence is skipped and counted (dropping one token would
 * misalign the rest). A file without any sentence is an error.
 */
public final class BrownCorpusReader implements TaggedCorpusReader {
    /** Brown corpus text files: {@code ca01} … {@code cr09}. */
    private static final Pattern BROWN_FILE = Pattern.compile("c[a-r]\\d\\d");
    /** What separates tokens, compiled once rather than by {@code String.split} on every line. */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final OnMalformed onMalformed;

    private BrownCorpusReader(OnMalformed onMalformed) {
        this.onMalformed = Objects.requireNonNull(onMalformed, "onMalformed");
    }

    /** A reader that fails on malformed tokens. */
    public static BrownCorpusReader create() {
        return new BrownCorpusReader(OnMalformed.FAIL);
    }

    /** What to do with a sentence that has a malformed token. */
    public BrownCorpusReader onMalformed(OnMalformed policy) {
        return new BrownCorpusReader(policy);
    }

    /**
     * The Brown text files in a folder ({@code ca01} … {@code cr09}), sorted by name, skipping {@code cats.txt},
     * {@code README} and the like.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static List<Path> corpusFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> BROWN_FILE.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no Brown corpus files (ca01 … cr09) in " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Splits one {@code word/tag} token at its last slash; null word/tag parts mean malformed. */
    static String problem(String token) {
        int slash = token.lastIndexOf('/');
        if (slash < 0) {
            return "token '" + token + "' has no '/tag'";
        }
        if (slash == 0) {
            return "token '" + token + "' has an empty word";
        }
        if (slash == token.length() - 1) {
            return "token '" + token + "' has an empty tag";
        }
        return null;
    }

    @Override
    public Stream<TaggedSentence> stream(String source, BufferedReader reader, SkipLog skipped) {
        Objects.requireNonNull(skipped, "skipped");
        return new CorpusIterator<TaggedSentence>() {
            private long line;
            private long sentences;
            private long skippedHere;

            @Override
            protected TaggedSentence computeNext() throws IOException {
                String s;
                while ((s = readLine()) != null) {
                    line++;
                    if (s.isBlank()) {
                        continue;
                    }
                    SourceLocation at = new SourceLocation(source, line);
                    String[] tokens = SPACES.split(s.strip());
                    List<String> words = new ArrayList<>(tokens.length);
                    List<String> tags = new ArrayList<>(tokens.length);
                    String bad = null;
                    for (String token : tokens) {
                        bad = problem(token);
                        if (bad != null) {
                            break;
                        }
                        int slash = token.lastIndexOf('/');
                        words.add(token.substring(0, slash));
                        tags.add(token.substring(slash + 1));
                    }
                    if (bad != null) {
                        if (onMalformed == OnMalformed.FAIL) {
                            throw new CorpusFormatException(at, bad);
                        }
                        skipped.skip(at, "malformed", bad);
                        skippedHere++;
                        continue;
                    }
                    sentences++;
                    return new TaggedSentence(words, tags, at);
                }
                if (sentences == 0) {
                    throw new CorpusFormatException(new SourceLocation(source, 0), line == 0 ? "file is empty"
                            : "no sentences read" + (skippedHere > 0 ? " (" + skippedHere + " skipped)" : ""));
                }
                return null;
            }

            private String readLine() throws IOException {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    if (Utf8.isDecodingError(e)) {
                        throw Utf8.invalid(source, line + 1, e);
                    }
                    throw e;
                }
            }

            @Override
            protected void release() throws IOException {
                reader.close();
            }
        }.stream();
    }
}
