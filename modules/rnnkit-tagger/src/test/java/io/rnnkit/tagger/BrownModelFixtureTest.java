package io.rnnkit.tagger;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.tagger.corpus.CorpusFormat;
import io.rnnkit.tagger.corpus.TaggedCorpus;
import io.rnnkit.tagger.eval.TaggingEvaluation;
import io.rnnkit.tagger.tagset.CoarseClass;
import io.rnnkit.tagger.tagset.TagSet;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compact tagger trained on the 405 Brown training files of the fixed split (universal tags) is committed as a
 * fixture, because training one that knows English takes longer than a unit test may. It was made with
 * {@code TaggerBenchmark --hidden 32 --word-dim 32 --feature-dim 8 --max-words 3000 --buckets 512 --save ...}.
 */
class BrownModelFixtureTest {
    /** A new instance of the fixture tagger. */
    static PosTagger fixture() throws URISyntaxException {
        return PosTagger.load(Path.of(BrownModelFixtureTest.class.getResource("brown-compact.rnnk").toURI()));
    }

    @Test
    void tagsTheNotesExampleAsPronounVerbPrepositionNoun() throws Exception {
        PosTagger tagger = fixture();
        assertFalse(tagger.knownWords().contains("google"), "a 1960s corpus has never seen 'google'");
        TaggedText tagged = tagger.tag("I work at google");
        assertEquals("I/PRON work/VERB at/ADP google/NOUN", tagged.toSlashFormat());
        assertEquals(List.of(CoarseClass.PRONOUN, CoarseClass.VERB, CoarseClass.PREPOSITION, CoarseClass.NOUN),
                tagged.coarseClasses());
    }

    @Test
    void scoresWellOnATestFileOfTheSplit() throws Exception {
        PosTagger tagger = fixture();
        // ca01 is test file 0 of the split, never seen in training.
        var gold = TaggedCorpus.read(Datasets.file(Datasets.BROWN, "ca01"), CorpusFormat.BROWN, TagSet.UNIVERSAL);
        TaggingEvaluation ev = tagger.evaluate(gold);
        assertEquals(2242, ev.tokens());
        assertTrue(ev.accuracy() > 0.93, ev::summary);
    }

    @Test
    void aNetworkThatDoesNotFitTheFilesVocabularyOrLabelsIsRefusedWhenLoaded(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path fixture = Path.of(BrownModelFixtureTest.class.getResource("brown-compact.rnnk").toURI());
        // The entries of another tagger beside this network: 100 fewer words and one label less.
        Path swapped = dir.resolve("swapped.rnnk");
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(fixture.toFile());
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(swapped))) {
            for (var e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                if (e.getName().equals("vocab.txt")) {
                    var lines = text.lines().toList();
                    bytes = (String.join("\n", lines.subList(0, lines.size() - 100)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                } else if (e.getName().equals("labels.txt")) {
                    var lines = text.lines().toList();
                    bytes = (String.join("\n", lines.subList(0, lines.size() - 1)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        PosTagger original = fixture();
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.rnnkit.nn.io.ModelFileException.class,
                () -> PosTagger.load(swapped));
        assertTrue(e.getMessage().startsWith(swapped + " is inconsistent: its word embedding has "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the network has " + original.labels().size() + " outputs, labels.txt has "
                + (original.labels().size() - 1) + " labels"), e.getMessage());
    }
}
