package io.rnnkit.text.io;

import io.rnnkit.datasets.Datasets;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TaggedCorpusReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(TaggedCorpusReaderTest.class.getResource("/io/sample.conllu").toURI());
    }

    @Test
    void brownSplitsAtTheLastSlashAndKeepsCompoundTags() throws IOException {
        Path f = write("ca99", "\n\n\tThe/at Fulton/np-tl jury/nn it's/pps+bez 1/2/cd ./.\n\n\n\tNo/rb ./.\n");
        List<TaggedSentence> s = BrownCorpusReader.create().readAll(f).records();
        assertEquals(2, s.size());
        assertEquals(List.of("The", "Fulton", "jury", "it's", "1/2", "."), s.get(0).words());
        assertEquals(List.of("at", "np-tl", "nn", "pps+bez", "cd", "."), s.get(0).tags());
        assertEquals(new SourceLocation(f.toString(), 3), s.get(0).location());
        assertEquals(6, s.get(1).location().line());
        assertEquals("No/rb ./.", s.get(1).toString());
    }

    @Test
    void brownMalformedTokenNamesFileLineAndToken() throws IOException {
        Path f = write("ca98", "\tGood/jj ./.\n\n\tBad token/nn\n\n\tFine/jj\n\tx/\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> BrownCorpusReader.create().readAll(f));
        assertEquals(f + ":3: token 'Bad' has no '/tag'", e.getMessage());

        ReadResult<TaggedSentence> r = BrownCorpusReader.create().onMalformed(OnMalformed.SKIP).readAll(f);
        assertEquals(2, r.size());
        assertEquals(2, r.skipped().count());
        assertEquals(f + ":6: token 'x/' has an empty tag", r.skipped().skipped().get(1).toString());
    }

    @Test
    void brownEmptyFileAndInvalidUtf8AreErrors() throws IOException {
        Path empty = write("ca97", "\n\n");
        assertEquals(empty + ": no sentences read",
                assertThrows(CorpusFormatException.class, () -> BrownCorpusReader.create().readAll(empty)).getMessage());
        Path zero = write("ca96", "");
        assertEquals(zero + ": file is empty",
                assertThrows(CorpusFormatException.class, () -> BrownCorpusReader.create().readAll(zero)).getMessage());
        Path bad = dir.resolve("ca95");
        Files.write(bad, new byte[]{'\t', 'a', '/', 'a', 't', '\n', '\t', 'b', (byte) 0xE2, (byte) 0x82, '/', 'n', 'n', '\n'});
        assertEquals(bad + ":2: invalid UTF-8 at byte 3 of the line (the file must be UTF-8 encoded)",
                assertThrows(CorpusFormatException.class, () -> BrownCorpusReader.create().readAll(bad)).getMessage());
    }

    @Test
    void aStreamReadsAsItsFileDoes() throws IOException {
        byte[] bytes = "\tThe/at jury/nn\n\n\tBad token/nn\n\tx/\n\tNo/rb ./.\n".getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("ca94");
        Files.write(f, bytes);
        TaggedCorpusReader skipping = BrownCorpusReader.create().onMalformed(OnMalformed.SKIP);
        ReadResult<TaggedSentence> fromFile = skipping.readAll(f);
        ReadResult<TaggedSentence> fromStream = skipping.readAll(f.toString(), new java.io.ByteArrayInputStream(bytes));
        assertEquals(fromFile.records(), fromStream.records());
        assertEquals(fromFile.skipped().skipped(), fromStream.skipped().skipped());
        assertEquals("ca94:3: token 'Bad' has no '/tag'", assertThrows(CorpusFormatException.class,
                () -> BrownCorpusReader.create().readAll("ca94", new java.io.ByteArrayInputStream(bytes))).getMessage());
        byte[] bad = {'1', '\t', (byte) 0xFF};
        assertEquals("s.conllu:1: invalid UTF-8 at byte 3 of the line (the file must be UTF-8 encoded)",
                assertThrows(CorpusFormatException.class,
                        () -> ConlluReader.upos().readAll("s.conllu", new java.io.ByteArrayInputStream(bad))).getMessage());
    }

    @Test
    void realBrownCorpusFiles() {
        assumeTrue(Datasets.isPresent(Datasets.BROWN));
        List<Path> files = BrownCorpusReader.corpusFiles(Datasets.dir(Datasets.BROWN));
        assertEquals(500, files.size());
        assertEquals("ca01", files.get(0).getFileName().toString());
        assertEquals("cr09", files.get(499).getFileName().toString());
        ReadResult<TaggedSentence> ca01 = BrownCorpusReader.create().readAll(files.get(0));
        TaggedSentence first = ca01.records().get(0);
        assertEquals(List.of("The", "Fulton", "County", "Grand", "Jury", "said"), first.words().subList(0, 6));
        assertEquals(List.of("at", "np-tl", "nn-tl", "jj-tl", "nn-tl", "vbd"), first.tags().subList(0, 6));
        assertEquals(3, first.location().line());
        assertEquals(0, ca01.skipped().count());
    }

    @Test
    void conlluReadsUposSkippingCommentsRangesAndEmptyNodes() throws Exception {
        ReadResult<TaggedSentence> r = ConlluReader.upos().readAll(fixture());
        assertEquals(3, r.size());
        assertEquals(List.of("I", "work", "at", "google", "."), r.records().get(0).words());
        assertEquals(List.of("PRON", "VERB", "ADP", "PROPN", "PUNCT"), r.records().get(0).tags());
        assertEquals(List.of("Do", "n't", "go", "."), r.records().get(1).words());
        assertEquals(List.of("AUX", "PART", "VERB", "PUNCT"), r.records().get(1).tags());
        assertEquals(List.of("Yes"), r.records().get(2).words());
        assertEquals(4, r.records().get(0).location().line());
        assertEquals(12, r.records().get(1).location().line()); // the "1-2" line starts it
        assertEquals(List.of("PRP", "VBP", "IN", "NNP", "."), ConlluReader.xpos().readAll(fixture()).records().get(0).tags());
    }

    @Test
    void conlluMalformedLinesNameFileAndLine() throws IOException {
        String ok = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_\n\n";
        String[][] cases = {
                {"1\tA\ta\tDET\n", "expected 10 tab-separated fields, found 4"},
                {"x\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n", "bad ID 'x' (expected a word number, a range like 1-2, or an empty node like 1.1)"},
                {"1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n3\tB\tb\tNOUN\tNN\t_\t1\tdep\t_\t_\n", "expected word ID 2, found 3"},
                {"1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n99999999999999999999\tB\tb\tNOUN\tNN\t_\t1\tdep\t_\t_\n",
                        "expected word ID 2, found 99999999999999999999"},
                {"1\tA\ta\t_\tDT\t_\t0\troot\t_\t_\n", "no UPOS tag for word 1 'A'"},
        };
        for (String[] c : cases) {
            Path f = write("bad.conllu", ok + c[0] + "\n" + ok);
            CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> ConlluReader.upos().readAll(f));
            long line = c[1].startsWith("expected word ID") ? 5 : 4;
            assertEquals(f + ":" + line + ": " + c[1], e.getMessage());
            ReadResult<TaggedSentence> r = ConlluReader.upos().onMalformed(OnMalformed.SKIP).readAll(f);
            assertEquals(2, r.size(), c[1]);
            assertEquals(1, r.skipped().count());
        }
        Path comments = write("c.conllu", "# only a comment\n\n");
        assertEquals(comments + ": no sentences read",
                assertThrows(CorpusFormatException.class, () -> ConlluReader.upos().readAll(comments)).getMessage());
    }

    @Test
    void sequenceRecordReaderYieldsWordTagSteps() throws Exception {
        Path a = write("ca01", "\tThe/at jury/nn\n\n\tIt/pps ran/vbd ./.\n");
        Path b = write("ca02", "\tYes/rb\n");
        TaggedSentenceRecordReader rr = new TaggedSentenceRecordReader(BrownCorpusReader.create());
        rr.initialize(new CollectionInputSplit(List.of(a.toUri(), b.toUri())));
        List<List<Writable>> first = rr.sequenceRecord();
        assertEquals(List.of(List.of(new Text("The"), new Text("at")), List.of(new Text("jury"), new Text("nn"))), first);
        SequenceRecord second = rr.nextSequence();
        assertEquals(3, second.getSequenceLength());
        assertEquals(3, ((RecordMetaDataLine) second.getMetaData()).getLineNumber());
        assertEquals(second.getSequenceRecord(), rr.loadSequenceFromMetaData(second.getMetaData()).getSequenceRecord());
        assertEquals(List.of(new Text("Yes"), new Text("rb")), rr.sequenceRecord().get(0));
        assertFalse(rr.hasNext());
        rr.reset();
        assertEquals(first, rr.sequenceRecord());
        assertThrows(UnsupportedOperationException.class, rr::next);
        rr.close();

        TaggedSentenceRecordReader conllu = new TaggedSentenceRecordReader(ConlluReader.upos());
        conllu.initialize(new FileSplit(fixture().toFile()));
        int n = 0;
        while (conllu.hasNext()) {
            conllu.sequenceRecord();
            n++;
        }
        assertEquals(3, n);
    }

    @Test
    void labelledRecordReaderYieldsTextLabelPairsAndCountsSkips() throws Exception {
        Path f = write("a.json", "[{\"text\":\"good\",\"class\":1},{\"text\":\"bad\",\"class\":0},{\"text\":\"\",\"class\":null}]");
        LabelledTextRecordReader rr = new LabelledTextRecordReader(LabelledTextReader.json("text", "class"));
        rr.initialize(new FileSplit(f.toFile()));
        assertEquals(List.of(new Text("good"), new Text("1")), rr.next());
        assertEquals(List.of(new Text("bad"), new Text("0")), rr.nextRecord().getRecord());
        assertFalse(rr.hasNext());
        assertEquals(1, rr.skipped().count());
        try (Stream<LabelledText> s = LabelledTextReader.json("text", "class").stream(f)) {
            assertEquals(2, s.count());
        }
    }
}
