package io.rnnkit.tagger.corpus;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.tagger.tagset.TagSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaggedCorpusTest {
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
        assertEquals(3, first.line());
    }

    @Test
    void wordsWithSlashesSplitAtTheLastSlash() {
        var s = TaggedCorpus.parseBrown(List.of("\t1/2/cd inch/nn"), "x", TagSet.RAW);
        assertEquals(List.of("1/2", "inch"), s.get(0).words());
        assertEquals(List.of("NUM", "NOUN"),
                TaggedCorpus.parseBrown(List.of("1/2/cd inch/nn"), "x", TagSet.UNIVERSAL).get(0).tags());
    }

    @Test
    void malformedBrownTokenNamesFileAndLine() {
        var e = assertThrows(CorpusFormatException.class,
                () -> TaggedCorpus.parseBrown(List.of("", "The/at dog/nn", "a cat/nn"), "cx01", TagSet.RAW));
        assertEquals("cx01:3: expected word/tag, got 'a'", e.getMessage());
        assertEquals(3, e.line());
        assertThrows(CorpusFormatException.class, () -> TaggedCorpus.parseBrown(List.of("dog/"), "f", TagSet.RAW));
    }

    @Test
    void readsConlluSkippingCommentsRangesAndEmptyNodes() {
        List<String> lines = List.of(
                "# sent_id = 1",
                "# text = I don't work",
                "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_",
                "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
                "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_",
                "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
                "3.1\twork\twork\tVERB\tVB\t_\t_\t_\t_\t_",
                "4\twork\twork\tVERB\tVB\t_\t0\troot\t_\t_",
                "",
                "1\tGoogle\tGoogle\tPROPN\tNNP\t_\t0\troot\t_\t_");
        var uni = TaggedCorpus.parseConllu(lines, "u.conllu", TagSet.UNIVERSAL);
        assertEquals(2, uni.size());
        assertEquals(List.of("I", "do", "n't", "work"), uni.get(0).words());
        assertEquals(List.of("PRON", "VERB", "PRT", "VERB"), uni.get(0).tags());
        assertEquals(List.of("NOUN"), uni.get(1).tags());
        assertEquals(List.of("PRON", "AUX", "PART", "VERB"),
                TaggedCorpus.parseConllu(lines, "u.conllu", TagSet.RAW).get(0).tags());
        var e = assertThrows(CorpusFormatException.class,
                () -> TaggedCorpus.parseConllu(List.of("1\tI\tI\tPRON"), "u.conllu", TagSet.RAW));
        assertEquals("u.conllu:1: expected 10 tab-separated CoNLL-U columns, got 4", e.getMessage());
    }
}
