package io.rnnkit.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.inference.InferenceNetwork;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation of a text read as a stream: sequential, batched, from a reader or a file, in bounded memory. */
class StreamingEvaluationTest {
    private static final String TEXT = SmallModels.sonnets().substring(10_000, 16_000);
    /** Four parts of 512 characters per block: the 6,000 characters take three blocks. */
    private static final EvaluationOptions SMALL_BLOCKS = new EvaluationOptions(4, 512, 64);

    private static List<CharLanguageModel> models() {
        return List.of(SmallModels.lstm(), SmallModels.gru());
    }

    @Test
    void sequentialReaderEqualsString() {
        for (CharLanguageModel m : models()) {
            Evaluation string = m.evaluate(TEXT);
            Evaluation reader = m.evaluate("", new StringReader(TEXT), EvaluationOptions.sequential());
            assertEquals(string.bpc(), reader.bpc(), 1e-12);
            assertEquals(string.chars(), reader.chars());
            assertEquals(string.unigramBpc(), reader.unigramBpc(), 1e-12);
            String context = SmallModels.sonnets().substring(9000, 10_000);
            assertEquals(m.evaluate(context, TEXT).bpc(),
                    m.evaluate(context, new StringReader(TEXT), EvaluationOptions.sequential()).bpc(), 1e-12);
        }
    }

    @Test
    void batchedWithAllHistoryAsContextEqualsSequential() {
        // A part whose context reaches back to the text's start is scored exactly as in one pass: this pins the
        // cutting into parts and blocks, and which characters each row scores.
        EvaluationOptions everything = SMALL_BLOCKS.withPartContext(TEXT.length());
        for (CharLanguageModel m : models()) {
            Evaluation sequential = m.evaluate(TEXT);
            Evaluation batched = m.evaluate("", new StringReader(TEXT), everything);
            assertEquals(sequential.bpc(), batched.bpc(), 1e-5);
            assertEquals(sequential.chars(), batched.chars());
            assertEquals(sequential.unigramBpc(), batched.unigramBpc(), 1e-9);
        }
    }

    @Test
    void batchedIsCloseToSequential() {
        for (CharLanguageModel m : models()) {
            Evaluation sequential = m.evaluate(TEXT);
            for (EvaluationOptions o : List.of(SMALL_BLOCKS, EvaluationOptions.batched(),
                    SMALL_BLOCKS.withParts(3).withPartLength(1000).withPartContext(1))) {
                Evaluation batched = m.evaluate("", new StringReader(TEXT), o);
                // Every character but the first is scored once; only the history before a part is cut.
                assertEquals(sequential.chars(), batched.chars(), o.toString());
                assertEquals(sequential.unigramBpc(), batched.unigramBpc(), 1e-9, o.toString());
                // These small models forget their start within 64 characters (measured: 1e-9 bpc apart); with
                // a single character of context the cut history shows (measured: 3.4e-4 and 3.8e-4 bpc).
                double gap = Math.abs(sequential.bpc() - batched.bpc());
                if (o.partContext() >= 64) {
                    assertTrue(gap < 1e-6, o + ": " + gap);
                } else {
                    assertTrue(gap > 1e-5 && gap < 0.01, o + ": " + gap);
                }
            }
        }
    }

    @Test
    void pathEqualsReaderAndString(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("t.txt"), TEXT, StandardCharsets.UTF_8);
        CharLanguageModel m = SmallModels.lstm();
        assertEquals(m.evaluate(TEXT).bpc(), m.evaluate(file, EvaluationOptions.sequential()).bpc(), 1e-12);
        Evaluation fromFile = m.evaluate(file, SMALL_BLOCKS);
        assertEquals(m.evaluate("", new StringReader(TEXT), SMALL_BLOCKS).bpc(), fromFile.bpc(), 1e-12);
        assertEquals(m.evaluate(new StringReader(TEXT)).bpc(), m.evaluate(file).bpc(), 1e-12);

        Path missing = dir.resolve("missing.txt");
        assertTrue(assertThrows(UncheckedIOException.class, () -> m.evaluate(missing)).getMessage()
                .startsWith("cannot read " + missing));
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(UncheckedIOException.class, () -> m.evaluate(latin1)).getMessage()
                .contains("MalformedInputException"));
    }

    @Test
    void unknownCharactersAreCountedInEveryMode() {
        CharLanguageModel m = SmallModels.lstm();
        String text = ("Shall I €compare thee€ to a summer's day? ").repeat(120);
        Evaluation sequential = m.evaluate(text);
        assertEquals(240, sequential.unknownChars());
        for (EvaluationOptions o : List.of(SMALL_BLOCKS, EvaluationOptions.sequential())) {
            Evaluation e = m.evaluate("", new StringReader(text), o);
            assertEquals(240, e.unknownChars(), o.toString());
            assertEquals(sequential.chars(), e.chars());
            assertTrue(Double.isFinite(e.bpc()));
        }
    }

    @Test
    void tooShortTextsGetTheStringPathsMessages() {
        CharLanguageModel m = SmallModels.lstm();
        for (EvaluationOptions o : List.of(SMALL_BLOCKS, EvaluationOptions.sequential())) {
            assertEquals("text to evaluate has 1 characters; it needs at least 2 (the first one is only context)",
                    assertThrows(IllegalArgumentException.class,
                            () -> m.evaluate("", new StringReader("x"), o)).getMessage());
            assertEquals("text to evaluate has 0 characters; it needs at least 1",
                    assertThrows(IllegalArgumentException.class,
                            () -> m.evaluate("S", new StringReader(""), o)).getMessage());
            assertEquals(1, m.evaluate("S", new StringReader("x"), o).chars());
        }
        assertThrows(IllegalArgumentException.class, () -> new EvaluationOptions(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationOptions(2, 10, 0));
    }

    @Test
    void memoryStaysBoundedByOneBlockWhateverTheTextLength() throws IOException {
        CharLanguageModel m = SmallModels.lstm();
        CharCodec codec = new CharCodec(m.vocabulary());
        StreamingEvaluator evaluator = new StreamingEvaluator(InferenceNetwork.of(m.network().network()), codec,
                m.unigram());
        long length = 300_000;   // 74 blocks of 4,096 characters
        long[] scored = {0};
        CountingReader text = new CountingReader(SmallModels.sonnets(), length, () -> scored[0]);
        Evaluation e = evaluator.batched(new int[0], text, new EvaluationOptions(4, 1024, 64), n -> scored[0] = n);
        assertEquals(length - 1, e.chars());
        // Read but not yet scored, whenever the evaluator reads: never more than one block, the context kept
        // before it and the reader's buffer.
        assertTrue(text.mostAhead <= 4 * 1024 + 64 + 8192 + 1, "read ahead " + text.mostAhead);
    }

    @Test
    void surrogatePairsAreOneCharacterAcrossBufferBoundaries() throws IOException {
        CharLanguageModel m = SmallModels.lstm();
        CharCodec codec = new CharCodec(m.vocabulary());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            b.append(i % 7 == 0 ? "\uD83D\uDE00" : "ab").append(i % 500 == 0 ? "\uD800x" : "");
        }
        String text = b.toString();
        int[] expected = codec.encode(text);
        for (Reader r : List.of(new StringReader(text), new OneCharReader(text))) {
            IdReader ids = new IdReader(new int[] {7, 8}, r, codec);
            int[] got = new int[expected.length + 10];
            int n = 0;
            for (int k = ids.read(got, n, 333); k > 0; k = ids.read(got, n, 333)) {
                n += k;
            }
            assertEquals(expected.length + 2, n);
            assertEquals(Arrays.toString(expected), Arrays.toString(Arrays.copyOfRange(got, 2, n)));
            assertEquals(n, ids.count());
        }
    }

    /**
     * A text of {@code length} characters repeating {@code source}, made as it is read, recording how far reading
     * ever got ahead of the characters scored.
     */
    private static final class CountingReader extends Reader {
        private final String source;
        private final long length;
        private final LongSupplier scored;
        private long read;
        long mostAhead;

        CountingReader(String source, long length, LongSupplier scored) {
            this.source = source;
            this.length = length;
            this.scored = scored;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (read == length) {
                return -1;
            }
            int n = (int) Math.min(len, length - read);
            for (int i = 0; i < n; i++) {
                buf[off + i] = source.charAt((int) ((read + i) % source.length()));
            }
            read += n;
            mostAhead = Math.max(mostAhead, read - scored.getAsLong());
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** Hands out one character per call: every surrogate pair is split across reads. */
    private static final class OneCharReader extends Reader {
        private final String text;
        private int at;

        OneCharReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (at == text.length()) {
                return -1;
            }
            buf[off] = text.charAt(at++);
            return 1;
        }

        @Override
        public void close() {
        }
    }
}
