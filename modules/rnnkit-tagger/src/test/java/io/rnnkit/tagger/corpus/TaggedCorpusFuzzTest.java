package io.rnnkit.tagger.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.tagger.tagset.UniversalTags;
import io.rnnkit.text.io.BrownCorpusReader;
import io.rnnkit.text.io.ConlluReader;
import io.rnnkit.text.io.CorpusFormatException;
import io.rnnkit.text.io.OnMalformed;
import io.rnnkit.text.io.TaggedCorpusReader;
import io.rnnkit.text.io.TaggedSentence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz targets for the tagged corpora: the input bytes as a Brown ({@code word/tag}) or CoNLL-U file, read with
 * raw and universal tags, strictly and skipping malformed sentences. Bad input is a {@link CorpusFormatException}
 * naming the file, never another exception. Regression inputs live in {@code TaggedCorpusFuzzTestInputs/<method>/}.
 */
class TaggedCorpusFuzzTest {
    @TempDir
    static Path dir;

    @FuzzTest
    void brown(byte[] input) throws IOException {
        // A Brown corpus file name (c[a-r]NN), so that the folder rules are not what is tested.
        Path file = Files.write(dir.resolve("ca01"), input);
        check(file, CorpusFormat.BROWN, BrownCorpusReader.create().onMalformed(OnMalformed.SKIP));
    }

    @FuzzTest
    void conllu(byte[] input) throws IOException {
        Path file = Files.write(dir.resolve("corpus.conllu"), input);
        check(file, CorpusFormat.CONLLU, ConlluReader.upos().onMalformed(OnMalformed.SKIP));
        read(file, () -> ConlluReader.xpos().readAll(file).records());
    }

    private static void check(Path file, CorpusFormat format, TaggedCorpusReader skipping) {
        List<TaggedSentence> raw = read(file, () -> TaggedCorpus.read(file, format, TagSet.RAW));
        List<TaggedSentence> universal = read(file, () -> TaggedCorpus.read(file, format, TagSet.UNIVERSAL));
        List<TaggedSentence> skipped = read(file, () -> skipping.readAll(file).records());
        if (universal != null) {
            assertNotNull(raw, "what reads with universal tags reads with raw tags");
            assertEquals(raw.size(), universal.size());
            for (int i = 0; i < raw.size(); i++) {
                assertEquals(raw.get(i).words(), universal.get(i).words());
                assertEquals(raw.get(i).location(), universal.get(i).location());
                assertTrue(UniversalTags.ALL.containsAll(universal.get(i).tags()), () -> "universal tags only");
            }
        }
        if (raw != null) {
            assertEquals(raw, skipped, "skipping changes nothing in a well-formed file");
        }
    }

    private static List<TaggedSentence> read(Path file, Supplier<List<TaggedSentence>> reading) {
        List<TaggedSentence> sentences;
        try {
            sentences = reading.get();
        } catch (CorpusFormatException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), () -> "the message names the file: " + e.getMessage());
            assertFalse(e.problem().isBlank());
            return null;
        }
        assertFalse(sentences.isEmpty(), "a file without sentences is an error");
        long previousLine = 0;
        for (TaggedSentence s : sentences) {
            assertEquals(s.words().size(), s.tags().size());
            assertTrue(s.words().stream().noneMatch(String::isEmpty) && s.tags().stream().noneMatch(String::isEmpty),
                    () -> "no empty word or tag in " + s);
            assertEquals(file.toString(), s.location().source());
            assertTrue(s.location().line() > previousLine, () -> "sentences in file order: " + s.location());
            previousLine = s.location().line();
        }
        return sentences;
    }
}
