package io.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {
    @TempDir
    Path dir;

    private static final List<String> CORPUS =
            List.of("the", "whale", "the", "sea", "a", "whale", "the", "ship", "a", "ahab");

    @Test
    void orderIsCountDescThenToken() {
        Vocabulary v = Vocabulary.of(CORPUS);
        assertEquals(List.of("<pad>", "<unk>", "the", "a", "whale", "ahab", "sea", "ship"), v.tokens());
        assertEquals(Vocabulary.PAD, v.indexOf("<pad>"));
        assertEquals(Vocabulary.UNK, v.indexOf("kraken"));
        assertEquals(3, v.count("the"));
        assertEquals(0, v.count("kraken"));
        assertEquals(0, v.count("<pad>"));
        assertEquals("whale", v.token(4));
        assertTrue(v.contains("ahab"));
        assertFalse(v.contains("kraken"));
        assertArrayEquals(new int[] {2, 4, 1}, v.encode(List.of("the", "whale", "kraken")));
        assertEquals(List.of("the", "<unk>"), v.decode(new int[] {2, 1}));
    }

    @Test
    void orderDoesNotDependOnInsertionOrder() {
        List<String> reversed = new java.util.ArrayList<>(CORPUS);
        java.util.Collections.reverse(reversed);
        assertEquals(Vocabulary.of(CORPUS), Vocabulary.of(reversed));
    }

    @Test
    void minCountAndMaxSize() {
        assertEquals(List.of("<pad>", "<unk>", "the", "a", "whale"), Vocabulary.of(CORPUS, 2, 100).tokens());
        assertEquals(List.of("<pad>", "<unk>", "the", "a"), Vocabulary.of(CORPUS, 1, 4).tokens());
        assertEquals(List.of("<pad>", "<unk>"), Vocabulary.of(CORPUS, 10, 100).tokens());
        assertEquals(5, Vocabulary.builder().add("x", 5).add("y", 0).build().count("x"));
    }

    @Test
    void saveAndLoadRoundTripIncludingControlCharacters() throws IOException {
        Vocabulary chars = Vocabulary.ofCharacters("ab\n\ta\\b a\r");
        assertTrue(chars.contains("\n") && chars.contains("\t") && chars.contains("\\") && chars.contains(" "));
        Path file = dir.resolve("sub/vocab.txt");
        chars.save(file);
        assertEquals(chars, Vocabulary.load(file));
        List<String> lines = Files.readAllLines(file);
        assertEquals(chars.size(), lines.size());
        assertEquals("<pad>\t0", lines.get(0));
        assertEquals("a\t3", lines.get(2));
        assertTrue(lines.contains("\\n\t1"));

        Vocabulary words = Vocabulary.of(CORPUS);
        words.save(file);
        assertEquals(words, Vocabulary.load(file));

        // The same format in memory, for model-file entries (no temporary file).
        assertArrayEquals(Files.readAllBytes(file), words.toBytes());
        assertEquals(words, Vocabulary.fromBytes(words.toBytes(), "m.rnnk: vocab.txt"));
        assertEquals(chars, Vocabulary.fromBytes(chars.toBytes(), "m.rnnk: vocab.txt"));
        var e = assertThrows(VocabularyFormatException.class,
                () -> Vocabulary.fromBytes("<pad>\t0\n<unk>\t0\nx\t-1\n".getBytes(StandardCharsets.UTF_8), "m.rnnk: vocab.txt"));
        assertEquals("m.rnnk: vocab.txt:3: negative count -1", e.getMessage());
    }

    @Test
    void aTokenThatUtf8CannotHoldIsRefusedBySave() throws IOException {
        // A string cut between the two halves of an emoji leaves an unpaired surrogate: no UTF-8 for it.
        Vocabulary cut = Vocabulary.ofCharacters("ok \uD83D");
        Path file = dir.resolve("cut.txt");
        IOException e = assertThrows(IOException.class, () -> cut.save(file));
        assertEquals(file + ": vocabulary token 5 has an unpaired surrogate (U+D83D at char 0), which UTF-8 cannot "
                + "encode", e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void characterVocabularyUsesCodePointsOrGraphemes() {
        // ties are broken by String order (UTF-16), which puts the skin-tone modifier U+1F3FD first
        assertEquals(List.of("<pad>", "<unk>", "한", "\uD83C\uDFFD", "\uD83D\uDC4D"),
                Vocabulary.ofCharacters("한한\uD83D\uDC4D\uD83C\uDFFD").tokens());
        assertEquals(List.of("<pad>", "<unk>", "한", "\uD83D\uDC4D\uD83C\uDFFD"),
                Vocabulary.ofCharacters("한한\uD83D\uDC4D\uD83C\uDFFD", new CharTokenizer(CharTokenizer.Unit.GRAPHEME)).tokens());
    }

    @Test
    void loadTokensWithoutCounts() throws IOException {
        Path file = dir.resolve("plain.txt");
        Files.writeString(file, "<pad>\n<unk>\nwhale\nsea\n");
        Vocabulary v = Vocabulary.load(file);
        assertEquals(3, v.indexOf("sea"));
        assertEquals(0, v.count("sea"));
    }

    @Test
    void malformedFilesNameFileAndLine() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "<pad>\t0\n<unk>\t0\nwhale\tmany\n");
        assertEquals(file + ":3: count 'many' is not an integer",
                assertThrows(VocabularyFormatException.class, () -> Vocabulary.load(file)).getMessage());
        Files.writeString(file, "<pad>\t0\n<unk>\t0\nwhale\t2\nwhale\t1\n");
        assertEquals(file + ": duplicate vocabulary token 'whale' at index 3",
                assertThrows(VocabularyFormatException.class, () -> Vocabulary.load(file)).getMessage());
        Files.writeString(file, "whale\t2\n");
        assertEquals(file + ": the first two lines must be <pad> and <unk>",
                assertThrows(VocabularyFormatException.class, () -> Vocabulary.load(file)).getMessage());
        Files.writeString(file, "<pad>\n<unk>\nbad\\q\n");
        assertTrue(assertThrows(VocabularyFormatException.class, () -> Vocabulary.load(file)).getMessage()
                .startsWith(file + ":3: unknown escape"));
        Files.write(file, new byte[] {'<', 'p', (byte) 0xC3, (byte) 0x28, '\n'});
        assertEquals(file + ": not valid UTF-8",
                assertThrows(VocabularyFormatException.class, () -> Vocabulary.load(file)).getMessage());
    }

    @Test
    void invalidBuilderSettingsAndIndices() {
        assertEquals("minCount must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().minCount(0)).getMessage());
        assertEquals("maxSize must be >= 2 (PAD and UNK), got 1",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().maxSize(1)).getMessage());
        assertEquals("vocabulary tokens must be non-empty, got ''",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().add("")).getMessage());
        assertEquals("vocabulary index 8 out of range [0, 8)",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(CORPUS).token(8)).getMessage());
    }
}
