package io.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the vocabulary text format: any file loads or fails with a {@link VocabularyFormatException},
 * and what is saved loads back equal. Regression inputs live in {@code VocabularyFuzzTestInputs/<method>/}.
 *
 * <p>Files are read and written as bytes in memory: {@link Vocabulary#load} is {@link Vocabulary#fromBytes} of the
 * file's bytes and {@link Vocabulary#save} writes {@link Vocabulary#toBytes()} (which {@code VocabularyTest}
 * checks), so the same code runs without a file written, renamed and read for each input.
 */
class VocabularyFuzzTest {
    private static final String FILE = "vocab.txt";

    /** The input bytes as a vocabulary file. */
    @FuzzTest
    void load(byte[] input) throws IOException {
        Vocabulary vocab;
        try {
            vocab = Vocabulary.fromBytes(input, FILE);
        } catch (VocabularyFormatException e) {
            assertTrue(e.getMessage().startsWith(FILE + ":"), () -> "the message names the file: " + e.getMessage());
            return;
        }
        assertTrue(vocab.size() >= Vocabulary.RESERVED);
        assertEquals(Vocabulary.PAD_TOKEN, vocab.token(Vocabulary.PAD));
        assertEquals(Vocabulary.UNK_TOKEN, vocab.token(Vocabulary.UNK));
        for (int i = 0; i < vocab.size(); i++) {
            assertEquals(i, vocab.indexOf(vocab.token(i)), "index of token " + i);
        }
        assertEquals(vocab, saveAndLoad(vocab), "a loaded vocabulary saves and loads back equal");
    }

    /**
     * Tokens from the input built into a vocabulary, saved and loaded back: the same tokens, indices and counts.
     * Byte 0 picks the min-count (bits 0-1) and size limit (bits 2-6); bit 7 reads the rest as raw UTF-16 chars
     * (unpaired surrogates kept: such a vocabulary is refused by {@code save} with a message) instead of UTF-8.
     * Tokens are separated by NUL.
     */
    @FuzzTest
    void saveAndLoadRoundTrip(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        String text = (input[0] & 0x80) == 0 ? new String(input, 1, input.length - 1, StandardCharsets.UTF_8)
                : TokenizerFuzzTest.utf16(input);
        List<String> tokens = new ArrayList<>();
        for (String t : text.split("\0")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        int sizeBits = (input[0] & 0x7C) >> 2;
        Vocabulary vocab = Vocabulary.of(tokens, 1 + (input[0] & 0x03),
                sizeBits == 31 ? Integer.MAX_VALUE : Vocabulary.RESERVED + sizeBits);
        Vocabulary loaded;
        try {
            loaded = saveAndLoad(vocab);
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("has an unpaired surrogate") && !tokens.stream()
                    .allMatch(t -> t.equals(new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))),
                    () -> "only a token that UTF-8 cannot hold is refused: " + e);
            return;
        }
        assertEquals(vocab, loaded);
        assertEquals(vocab.tokens(), loaded.tokens());
        for (String t : tokens) {
            assertEquals(vocab.indexOf(t), loaded.indexOf(t));
            assertEquals(vocab.count(t), loaded.count(t));
        }
    }

    private static Vocabulary saveAndLoad(Vocabulary vocab) throws IOException {
        return Vocabulary.fromBytes(vocab.toBytes(), "saved.txt");
    }
}
