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
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fuzz targets for the tagged corpora: the input bytes as a Brown ({@code word/tag}) or CoNLL-U file, read with
 * raw and universal tags, strictly and skipping malformed sentences. Bad input is a {@link CorpusFormatException}
 * naming the file, never another exception. Regression inputs live in {@code TaggedCorpusFuzzTestInputs/<method>/}.
 *
 * <p>The bytes are read from memory ({@link TaggedCorpus#read(String, java.io.InputStream, CorpusFormat, TagSet)},
 * {@link TaggedCorpusReader#readAll(String, java.io.InputStream)}): the same decoding and parsing as a file, whose
 * methods only open it and delegate, without a file written and opened three times per input.
 */
class TaggedCorpusFuzzTest {
    @FuzzTest
    void brown(byte[] input) {
        // A Brown corpus file name (c[a-r]NN), as the file would have in the corpus folder.
        check("ca01", input, CorpusFormat.BROWN, BrownCorpusReader.create().onMalformed(OnMalformed.SKIP));
    }

    @FuzzTest
    void conllu(byte[] input) {
        String source = "corpus.conllu";
        check(source, input, CorpusFormat.CONLLU, ConlluReader.upos().onMalformed(OnMalformed.SKIP));
        read(source, () -> ConlluReader.xpos().readAll(source, new ByteArrayInputStream(input)).records());
    }

    private static void check(String source, byte[] input, CorpusFormat format, TaggedCorpusReader skipping) {
        List<TaggedSentence> raw = read(source, () -> TaggedCorpus.read(source, new ByteArrayInputStream(input), format,
                TagSet.RAW));
        List<TaggedSentence> universal = read(source, () -> TaggedCorpus.read(source, new ByteArrayInputStream(input),
                format, TagSet.UNIVERSAL));
        List<TaggedSentence> skipped = read(source, () -> skipping.readAll(source, new ByteArrayInputStream(input))
                .records());
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

    private static List<TaggedSentence> read(String source, Supplier<List<TaggedSentence>> reading) {
        List<TaggedSentence> sentences;
        try {
            sentences = reading.get();
        } catch (CorpusFormatException e) {
            assertTrue(e.getMessage().startsWith(source + ":"), () -> "the message names the file: " + e.getMessage());
            assertFalse(e.problem().isBlank());
            return null;
        }
        assertFalse(sentences.isEmpty(), "a file without sentences is an error");
        long previousLine = 0;
        for (TaggedSentence s : sentences) {
            assertEquals(s.words().size(), s.tags().size());
            assertTrue(s.words().stream().noneMatch(String::isEmpty) && s.tags().stream().noneMatch(String::isEmpty),
                    () -> "no empty word or tag in " + s);
            assertEquals(source, s.location().source());
            assertTrue(s.location().line() > previousLine, () -> "sentences in file order: " + s.location());
            previousLine = s.location().line();
        }
        return sentences;
    }
}
