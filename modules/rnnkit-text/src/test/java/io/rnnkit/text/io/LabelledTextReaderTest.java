package io.rnnkit.text.io;

import io.rnnkit.datasets.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LabelledTextReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void jsonArrayKeepsTextLabelsAndLines() throws IOException {
        Path f = write("a.json", "[\n{\"text\":\"Great  \",\"class\":1},\n{\"text\":\"Bad\",\"class\":-1},\n"
                + "{\"text\":\"Meh\",\"class\":\"neutral \"},\n{\"text\":\"\",\"class\":null}\n]\n");
        ReadResult<LabelledText> r = LabelledTextReader.json("text", "class").readAll(f);
        assertEquals(3, r.size());
        assertEquals(new LabelledText("Great  ", "1", new SourceLocation(f.toString(), 2)), r.records().get(0));
        assertEquals("-1", r.records().get(1).label());
        assertEquals("neutral", r.records().get(2).label());
        assertEquals(4, r.records().get(2).location().line());
        assertEquals(1, r.skipped().count());
        assertEquals(Map.of("empty record", 1L), r.skipped().countsByKind());
        assertEquals(5, r.skipped().skipped().get(0).location().line());
    }

    @Test
    void jsonLinesAreDetectedAndBlankLinesIgnored() throws IOException {
        Path f = write("a.jsonl", "{\"t\":\"one\",\"y\":\"pos\"}\n\n{\"t\":\"two\",\"y\":0.50}\n{\"t\":\"three\",\"y\":true}\n");
        List<LabelledText> r = LabelledTextReader.json("t", "y").readAll(f).records();
        assertEquals(List.of("one", "two", "three"), r.stream().map(LabelledText::text).toList());
        assertEquals(List.of("pos", "0.50", "true"), r.stream().map(LabelledText::label).toList());
        assertEquals(3, r.get(1).location().line());
    }

    @Test
    void realSentimentFilesReadWithTerminatorCounted() {
        assumeTrue(Datasets.isPresent(Datasets.UCI_SENTENCES));
        Path d = Datasets.dir(Datasets.UCI_SENTENCES);
        ReadResult<LabelledText> r = LabelledTextReader.json("text", "class")
                .readAll(List.of(d.resolve("imdb.json"), d.resolve("yelp.json"), d.resolve("amazon.json")));
        assertEquals(3000, r.size());
        assertEquals(3, r.skipped().count(), r.skipped().summary());
        Map<String, Integer> byLabel = new TreeMap<>();
        r.records().forEach(t -> byLabel.merge(t.label(), 1, Integer::sum));
        assertEquals(Map.of("0", 1500, "1", 1500), byLabel);
    }

    @Test
    void missingJsonFieldListsTheFieldsThatExist() throws IOException {
        Path f = write("a.json", "[{\"text\":\"x\",\"class\":1}]");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> LabelledTextReader.json("text", "label").readAll(f));
        assertEquals(f + ":1: no field 'label' in the record; its fields are: text, class", e.getMessage());
    }

    @Test
    void malformedRecordFailsWithLineOrIsSkippedAndCounted() throws IOException {
        Path f = write("a.json", "[\n{\"text\":\"ok\",\"class\":1},\n{\"text\":\"no label\"},\n{\"text\":\"\",\"class\":1},\n"
                + "{\"text\":[1],\"class\":1},\n{\"text\":\"ok2\",\"class\":0}\n]");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> LabelledTextReader.json("text", "class").readAll(f));
        assertEquals(f + ":3: missing label for text \"no label\"", e.getMessage());

        ReadResult<LabelledText> r = LabelledTextReader.json("text", "class").onMalformed(OnMalformed.SKIP).readAll(f);
        assertEquals(List.of("ok", "ok2"), r.records().stream().map(LabelledText::text).toList());
        assertEquals(3, r.skipped().count());
        assertEquals(List.of(3L, 4L, 5L), r.skipped().skipped().stream().map(s -> s.location().line()).toList());
        assertTrue(r.skipped().skipped().get(2).reason().contains("must be a string, found array"));
    }

    @Test
    void brokenJsonSyntaxNamesTheLine() throws IOException {
        Path f = write("a.json", "[\n{\"text\":\"ok\",\"class\":1},\n{\"text\":\"ok\" \"class\":1}\n]");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> LabelledTextReader.json("text", "class").onMalformed(OnMalformed.SKIP).readAll(f));
        assertTrue(e.getMessage().startsWith(f + ":3: invalid JSON"), e.getMessage());

        // Two records on one JSON line: the second must not be dropped silently.
        Path two = write("c.jsonl", "{\"text\":\"ok\",\"class\":1}\n{\"text\":\"a\",\"class\":1} {\"text\":\"b\",\"class\":0}\n");
        e = assertThrows(CorpusFormatException.class, () -> LabelledTextReader.json("text", "class").readAll(two));
        assertTrue(e.getMessage().startsWith(two + ":2: invalid JSON: Trailing token"), e.getMessage());
        ReadResult<LabelledText> skipped = LabelledTextReader.json("text", "class").onMalformed(OnMalformed.SKIP)
                .readAll(two);
        assertEquals(1, skipped.size());
        assertEquals(1, skipped.skipped().count());

        Path open = write("b.json", "[{\"text\":\"ok\",\"class\":1},\n");
        e = assertThrows(CorpusFormatException.class, () -> LabelledTextReader.json("text", "class").readAll(open));
        assertTrue(e.getMessage().startsWith(open + ":2: invalid JSON: Unexpected end-of-input"), e.getMessage());
    }

    @Test
    void emptyFilesAreErrors() throws IOException {
        for (String content : new String[]{"", "  \n", "[]"}) {
            Path f = write("e.json", content);
            CorpusFormatException e = assertThrows(CorpusFormatException.class,
                    () -> LabelledTextReader.json("text", "class").readAll(f));
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        }
        Path csv = write("e.csv", "text,label\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> LabelledTextReader.csv(Column.named("text"), Column.named("label")).readAll(csv));
        assertEquals(csv + ": no records read", e.getMessage());
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        byte[] bytes = "text,label\nfine,1\ncaf\u00e9,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 6];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        System.arraycopy(new byte[]{'b', (byte) 0xC3, '(', ',', '0', '\n'}, 0, bad, bytes.length, 6);
        Path f = dir.resolve("bad.csv");
        Files.write(f, bad);
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> LabelledTextReader.csv(Column.named("text"), Column.named("label")).readAll(f));
        assertEquals(f + ":4: invalid UTF-8 at byte 2 of the line (the file must be UTF-8 encoded)", e.getMessage());

        Path j = dir.resolve("bad.jsonl");
        Files.write(j, new byte[]{'{', '"', 't', '"', ':', '"', 'a', '"', ',', '"', 'y', '"', ':', '1', '}', '\n',
                '{', '"', 't', '"', ':', '"', (byte) 0xFF, '"', ',', '"', 'y', '"', ':', '1', '}', '\n'});
        e = assertThrows(CorpusFormatException.class, () -> LabelledTextReader.json("t", "y").readAll(j));
        assertEquals(j + ":2: invalid UTF-8 at byte 7 of the line (the file must be UTF-8 encoded)", e.getMessage());
    }

    @Test
    void aStreamReadsAsItsFileDoes() throws IOException {
        byte[] bytes = "text,label\nfine,1\n,\nno label,\n\"two\nlines\",0\n".getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("s.csv");
        Files.write(f, bytes);
        LabelledTextReader skipping = LabelledTextReader.csv(Column.named("text"), Column.named("label"))
                .onMalformed(OnMalformed.SKIP);
        ReadResult<LabelledText> fromFile = skipping.readAll(f);
        ReadResult<LabelledText> fromStream = skipping.readAll(f.toString(), new java.io.ByteArrayInputStream(bytes));
        assertEquals(fromFile.records(), fromStream.records());
        assertEquals(fromFile.skipped().skipped(), fromStream.skipped().skipped());
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> LabelledTextReader.json("t", "y")
                .readAll("s.jsonl", new java.io.ByteArrayInputStream(new byte[]{'{', '"', (byte) 0xFF, '"', '}'})));
        assertEquals("s.jsonl:1: invalid UTF-8 at byte 3 of the line (the file must be UTF-8 encoded)", e.getMessage());
    }

    @Test
    void csvByNameWithQuotedCommasAndLineBreaks() throws IOException {
        Path f = write("a.csv", "id,review,stars\n1,\"Good, really\",pos\n2,\"two\nlines\",neg\n\n3,\"say \"\"hi\"\"\",pos\n");
        List<LabelledText> r = LabelledTextReader.csv(Column.named("review"), Column.named("stars")).readAll(f).records();
        assertEquals(List.of("Good, really", "two\nlines", "say \"hi\""), r.stream().map(LabelledText::text).toList());
        assertEquals(List.of("pos", "neg", "pos"), r.stream().map(LabelledText::label).toList());
        assertEquals(List.of(2L, 3L, 6L), r.stream().map(t -> t.location().line()).toList());
    }

    @Test
    void tsvByIndexWithoutHeaderKeepsQuotes() throws IOException {
        Path f = write("a.tsv", "1\tHe said \"no\"\n-1\tfine\n");
        List<LabelledText> r = LabelledTextReader.tsv(Column.at(1), Column.at(0)).withHeader(false).readAll(f).records();
        assertEquals(List.of("He said \"no\"", "fine"), r.stream().map(LabelledText::text).toList());
        assertEquals(List.of("1", "-1"), r.stream().map(LabelledText::label).toList());
    }

    @Test
    void missingCsvColumnListsTheHeader() throws IOException {
        Path f = write("a.csv", "review,stars\nx,1\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> LabelledTextReader.csv(Column.named("text"), Column.named("stars")).readAll(f));
        assertEquals(f + ":1: no column 'text' in the header; its columns are: review, stars", e.getMessage());
        e = assertThrows(CorpusFormatException.class,
                () -> LabelledTextReader.csv(Column.at(0), Column.at(5)).readAll(f));
        assertEquals(f + ":1: no column #5: the header has 2 columns (0-based): review, stars", e.getMessage());
    }

    @Test
    void raggedCsvRowIsMalformed() throws IOException {
        Path f = write("a.csv", "review,stars\ngood,1\nbad, really,0\nok,1\n");
        LabelledTextReader reader = LabelledTextReader.csv(Column.named("review"), Column.named("stars"));
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> reader.readAll(f));
        assertEquals(f + ":3: row has 3 fields, the header has 2", e.getMessage());
        ReadResult<LabelledText> r = reader.onMalformed(OnMalformed.SKIP).readAll(f);
        assertEquals(2, r.size());
        assertEquals("skipped 1 record (malformed: 1); first: " + f + ":3: row has 3 fields, the header has 2",
                r.skipped().summary());
    }

    @Test
    void unclosedCsvQuoteIsAnError() throws IOException {
        Path f = write("a.csv", "review,stars\n\"never closed,1\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
                () -> LabelledTextReader.csv(Column.named("review"), Column.named("stars")).readAll(f));
        assertTrue(e.getMessage().startsWith(f + ":2: invalid CSV"), e.getMessage());
    }

    @Test
    void streamReadsLazilyAndCanStopEarly() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append("{\"t\":\"line ").append(i).append("\",\"y\":").append(i % 2).append("}\n");
        }
        sb.append("this is not json\n");
        Path f = write("big.jsonl", sb.toString());
        // The bad last line is never reached: records are read one at a time.
        try (Stream<LabelledText> s = LabelledTextReader.json("t", "y").stream(f)) {
            assertEquals(List.of("line 0", "line 1", "line 2"), s.limit(3).map(LabelledText::text).toList());
        }
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabelledTextReader.csv(Column.named("a"), Column.named("a")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelledTextReader.csv(Column.named("a"), Column.at(1)).withHeader(false));
        assertTrue(e.getMessage().contains("need a header"));
        assertEquals(LabelledTextReader.Format.TSV, LabelledTextReader.forFile(Path.of("x.tsv"), "1", "0").format());
        assertEquals(LabelledTextReader.Format.JSON, LabelledTextReader.forFile(Path.of("x.jsonl"), "t", "y").format());
        assertFalse(Column.at(3).byName());
    }
}
