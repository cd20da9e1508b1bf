package io.rnnkit.tagger.corpus;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.text.io.CorpusFormatException;
import io.rnnkit.text.io.SourceLocation;
import io.rnnkit.text.io.TaggedSentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tag-set mapping on top of rnnkit-text's readers (whose parsing is tested in rnnkit-text). */
class TaggedCorpusTest {
    @TempDir
    Path dir;

    @Test
    void readsBrownWithUniversalOrRawTags() {
        var file = Datasets.file(Datasets.BROWN, "ca01");
        List<TaggedSentence> uni = TaggedCorpus.read(file, CorpusFormat.BROWN, TagSet.UNIVERSAL);
        List<TaggedSentence> raw = TaggedCorpus.read(file, CorpusFormat.BROWN, TagSet.RAW);
        assertEquals(uni.size(), raw.size());
        TaggedSentence first = raw.get(0);
        assertEquals(List.of("The", "Fulton", "County"), first.words().subList(0, 3));
        assertEquals(List.of("at", "np-tl", "nn-tl"), first.tags().subList(0, 3));
        assertEquals(List.of("DET", "NOUN", "NOUN"), uni.get(0).tags().subList(0, 3));
        assertEquals(new SourceLocation(file.toString(), 3), first.location());
        assertEquals(first.location(), uni.get(0).location());
    }

    @Test
    void aStreamReadsAsItsFileDoes() throws IOException {
        Path file = Files.writeString(dir.resolve("ca02"), "1/2/cd inch/nn\n\n\tThe/at dog/nn\n");
        byte[] bytes = Files.readAllBytes(file);
        for (TagSet tagSet : TagSet.values()) {
            assertEquals(TaggedCorpus.read(file, CorpusFormat.BROWN, tagSet),
                    TaggedCorpus.read(file.toString(), new java.io.ByteArrayInputStream(bytes), CorpusFormat.BROWN, tagSet));
        }
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> TaggedCorpus.read("ca03",
                new java.io.ByteArrayInputStream("a/zz\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                CorpusFormat.BROWN, TagSet.UNIVERSAL));
        assertTrue(e.getMessage().startsWith("ca03:1: 'zz' is not a Brown corpus tag"), e.getMessage());
    }

    @Test
    void brownFolderReadsOnlyCorpusFilesInNameOrder() throws IOException {
        Files.writeString(dir.resolve("cb02"), "a/at dog/nn\n");
        Files.writeString(dir.resolve("ca01"), "1/2/cd inch/nn\n");
        Files.writeString(dir.resolve("cats.txt"), "ca01 news\n");
        List<TaggedSentence> s = TaggedCorpus.read(dir, CorpusFormat.BROWN, TagSet.UNIVERSAL);
        assertEquals(2, s.size());
        assertEquals(List.of("1/2", "inch"), s.get(0).words());
        assertEquals(List.of("NUM", "NOUN"), s.get(0).tags());
        assertEquals(List.of("DET", "NOUN"), s.get(1).tags());
    }

    @Test
    void malformedBrownTokenNamesFileAndLine() throws IOException {
        Path f = Files.writeString(dir.resolve("cx01"), "\nThe/at dog/nn\na cat/nn\n");
        var e = assertThrows(CorpusFormatException.class, () -> TaggedCorpus.read(f, CorpusFormat.BROWN, TagSet.RAW));
        assertEquals(f + ":3: token 'a' has no '/tag'", e.getMessage());
        assertEquals(3, e.location().line());
    }

    @Test
    void aTagThatIsNotBrownIsRefusedNotSilentlyMappedToX() throws IOException {
        Path f = Files.writeString(dir.resolve("cy01"), "\nThe/at dog/nn barks/vbz\n\nA/at cat/PRP\n");
        var e = assertThrows(CorpusFormatException.class,
                () -> TaggedCorpus.read(f, CorpusFormat.BROWN, TagSet.UNIVERSAL));
        assertEquals(f + ":4: 'PRP' is not a Brown corpus tag (the table lists all 472 of them; to keep tags as "
                + "written, use the raw tag set: --tagset raw)", e.getMessage());
        assertEquals(List.of("at", "PRP"), TaggedCorpus.read(f, CorpusFormat.BROWN, TagSet.RAW).get(1).tags());
    }

    @Test
    void conlluUposMapsToTheTwelveTags() throws IOException {
        Path f = Files.writeString(dir.resolve("u.conllu"), String.join("\n",
                "# sent_id = 1",
                "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_",
                "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
                "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_",
                "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
                "3.1\twork\twork\tVERB\tVB\t_\t_\t_\t_\t_",
                "4\twork\twork\tVERB\tVB\t_\t0\troot\t_\t_",
                "",
                "1\tGoogle\tGoogle\tPROPN\tNNP\t_\t0\troot\t_\t_", ""));
        var uni = TaggedCorpus.read(f, CorpusFormat.CONLLU, TagSet.UNIVERSAL);
        assertEquals(List.of("I", "do", "n't", "work"), uni.get(0).words());
        assertEquals(List.of("PRON", "VERB", "PRT", "VERB"), uni.get(0).tags());
        assertEquals(List.of("NOUN"), uni.get(1).tags());
        assertEquals(List.of("PRON", "AUX", "PART", "VERB"),
                TaggedCorpus.read(f, CorpusFormat.CONLLU, TagSet.RAW).get(0).tags());
    }

    @Test
    void conlluTagThatIsNotUposNamesTheSentence() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.conllu"), "# c\n1\tI\tI\tPRONOUN\tPRP\t_\t0\troot\t_\t_\n");
        var e = assertThrows(CorpusFormatException.class,
                () -> TaggedCorpus.read(f, CorpusFormat.CONLLU, TagSet.UNIVERSAL));
        assertEquals(f + ":2: 'PRONOUN' is not a Universal Dependencies UPOS tag", e.getMessage());
    }

    @Test
    void missingPathIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TaggedCorpus.read(dir.resolve("nope"), CorpusFormat.BROWN, TagSet.RAW));
        assertEquals("no such file or folder: " + dir.resolve("nope"), e.getMessage());
    }
}
