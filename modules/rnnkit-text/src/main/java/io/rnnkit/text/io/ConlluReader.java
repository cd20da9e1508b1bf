package io.rnnkit.text.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads CoNLL-U (Universal Dependencies) files: words from the FORM column, tags from UPOS (default) or XPOS.
 *
 * <p>Comment lines ({@code #}) are ignored; multi-word token lines ({@code 1-2}) are ignored because their
 * words follow on their own lines; empty nodes ({@code 1.1}) are ignored because they are not surface words.
 * A blank line ends a sentence (the last one may end at end of file).
 *
 * <p>Malformed lines — not 10 tab-separated fields, a bad ID, word IDs not running 1, 2, 3…, an empty FORM,
 * or a missing tag ({@code _}) — are an error naming the file and line, or with {@link OnMalformed#SKIP} the
 * whole sentence is skipped and counted. A file without any sentence is an error.
 */
public final class ConlluReader implements TaggedCorpusReader {
    /** The column the tags are taken from. */
    public enum TagColumn {
        /** Universal part-of-speech tag (column 4). */
        UPOS(3),
        /** Language-specific part-of-speech tag (column 5). */
        XPOS(4);

        final int field;

        TagColumn(int field) {
            this.field = field;
        }
    }

    private static final Pattern WORD_ID = Pattern.compile("[1-9]\\d*");
    private static final Pattern RANGE_ID = Pattern.compile("[1-9]\\d*-[1-9]\\d*");
    private static final Pattern EMPTY_NODE_ID = Pattern.compile("\\d+\\.[1-9]\\d*");

    private final TagColumn tagColumn;
    private final OnMalformed onMalformed;

    private ConlluReader(TagColumn tagColumn, OnMalformed onMalformed) {
        this.tagColumn = Objects.requireNonNull(tagColumn, "tagColumn");
        this.onMalformed = Objects.requireNonNull(onMalformed, "onMalformed");
    }

    /** A reader of UPOS tags that fails on malformed lines. */
    public static ConlluReader upos() {
        return new ConlluReader(TagColumn.UPOS, OnMalformed.FAIL);
    }

    /** A reader of XPOS tags that fails on malformed lines. */
    public static ConlluReader xpos() {
        return new ConlluReader(TagColumn.XPOS, OnMalformed.FAIL);
    }

    /** What to do with a sentence that has a malformed line. */
    public ConlluReader onMalformed(OnMalformed policy) {
        return new ConlluReader(tagColumn, policy);
    }

    /** The column the tags come from. */
    public TagColumn tagColumn() {
        return tagColumn;
    }

    @Override
    public Stream<TaggedSentence> stream(String source, BufferedReader reader, SkipLog skipped) {
        Objects.requireNonNull(skipped, "skipped");
        return new CorpusIterator<TaggedSentence>() {
            private long line;
            private long sentences;
            private long skippedHere;
            private boolean eof;

            @Override
            protected TaggedSentence computeNext() throws IOException {
                while (!eof) {
                    TaggedSentence s = readSentence();
                    if (s != null) {
                        sentences++;
                        return s;
                    }
                }
                if (sentences == 0) {
                    throw new CorpusFormatException(new SourceLocation(source, 0), line == 0 ? "file is empty"
                            : "no sentences read" + (skippedHere > 0 ? " (" + skippedHere + " skipped)" : ""));
                }
                return null;
            }

            /** Reads up to the next blank line; null if the block was empty, comments only, or skipped. */
            private TaggedSentence readSentence() throws IOException {
                List<String> words = new ArrayList<>();
                List<String> tags = new ArrayList<>();
                SourceLocation start = null;
                String bad = null;
                SourceLocation badAt = null;
                String s;
                while (true) {
                    s = readLine();
                    if (s == null) {
                        eof = true;
                        break;
                    }
                    line++;
                    if (s.isBlank()) {
                        if (start != null || bad != null) {
                            break;
                        }
                        continue;
                    }
                    if (s.startsWith("#") || bad != null) {
                        continue; // comments; or the rest of a sentence being skipped
                    }
                    SourceLocation at = new SourceLocation(source, line);
                    if (start == null) {
                        start = at;
                    }
                    String problem = parse(s, words, tags);
                    if (problem != null) {
                        if (onMalformed == OnMalformed.FAIL) {
                            throw new CorpusFormatException(at, problem);
                        }
                        bad = problem;
                        badAt = at;
                    }
                }
                if (bad != null) {
                    skipped.skip(badAt, "malformed", bad);
                    skippedHere++;
                    return null;
                }
                if (words.isEmpty()) {
                    if (start != null) {
                        // Only multi-word or empty-node lines: no surface words to tag.
                        String problem = "sentence has no word lines";
                        if (onMalformed == OnMalformed.FAIL) {
                            throw new CorpusFormatException(start, problem);
                        }
                        skipped.skip(start, "malformed", problem);
                        skippedHere++;
                    }
                    return null;
                }
                return new TaggedSentence(words, tags, start);
            }

            /** Adds the word of one token line; returns a problem description or null. */
            private String parse(String s, List<String> words, List<String> tags) {
                String[] f = s.split("\t", -1);
                if (f.length != 10) {
                    return "expected 10 tab-separated fields, found " + f.length;
                }
                String id = f[0];
                if (RANGE_ID.matcher(id).matches() || EMPTY_NODE_ID.matcher(id).matches()) {
                    return null;
                }
                if (!WORD_ID.matcher(id).matches()) {
                    return "bad ID '" + id + "' (expected a word number, a range like 1-2, or an empty node like 1.1)";
                }
                long expected = words.size() + 1L;
                // Compared as text (an ID has no leading zero), so that one too large for a long is just a wrong ID.
                if (!id.equals(Long.toString(expected))) {
                    return "expected word ID " + expected + ", found " + id;
                }
                String form = f[1];
                String tag = f[tagColumn.field];
                if (form.isEmpty()) {
                    return "empty FORM for word " + id;
                }
                if (tag.isEmpty() || tag.equals("_")) {
                    return "no " + tagColumn + " tag for word " + id + " '" + form + "'";
                }
                words.add(form);
                tags.add(tag);
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
