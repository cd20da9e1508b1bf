package io.rnnkit.tagger.tagset;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.tagger.corpus.BrownSplit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagMappingTest {
    @Test
    void brownTableHas472RowsAndMapsCompoundTagsCaseInsensitively() {
        TagMapping m = TagMapping.brownToUniversal();
        assertEquals(472, m.size());
        assertEquals("NOUN", m.map("np-tl"));
        assertEquals("NOUN", m.map("NP-TL"));
        assertEquals("PRT", m.map("pps+bez"));   // the table maps contractions to PRT, as NLTK does
        assertEquals("X", m.map("fw-in"));
        assertEquals("PRON", m.map("ppss"));
        assertEquals("ADP", m.map("in"));
        assertEquals("DET", m.map("at"));
        assertEquals(".", m.map("``"));
        assertFalse(m.contains("no-such-tag"));
        assertEquals("X", m.map("no-such-tag"));
    }

    @Test
    void brownTableCoversEveryTagOfTheCorpus() throws Exception {
        Set<String> tags = new TreeSet<>();
        for (Path f : BrownSplit.corpusFiles(Datasets.dir(Datasets.BROWN))) {
            for (String token : Files.readString(f).split("\\s+")) {
                if (!token.isEmpty()) {
                    tags.add(token.substring(token.lastIndexOf('/') + 1));
                }
            }
        }
        assertEquals(472, tags.size());
        TagMapping m = TagMapping.brownToUniversal();
        for (String t : tags) {
            assertTrue(m.contains(t), () -> "not in the table: " + t);
        }
    }

    @Test
    void pennTableIsCaseSensitive() {
        TagMapping m = TagMapping.pennToUniversal();
        assertEquals("NOUN", m.map("NNP"));
        assertEquals("VERB", m.map("VBZ"));
        assertEquals(".", m.map("#"));
        assertFalse(m.contains("nnp"));
    }

    @Test
    void malformedTableNamesTheLine() {
        var in = new ByteArrayInputStream("# c\nNN\tNOUN\nVB VERB\n".getBytes(StandardCharsets.UTF_8));
        var e = assertThrows(IllegalArgumentException.class, () -> TagMapping.read(in, "t.tsv", true));
        assertEquals("t.tsv:3: expected SOURCE_TAG<TAB>UNIVERSAL_TAG, got 'VB VERB'", e.getMessage());
        var bad = new ByteArrayInputStream("NN\tNOUNS\n".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> TagMapping.read(bad, "t.tsv", true));
    }

    @Test
    void coarseClassesOfTheExample() {
        assertEquals(CoarseClass.PRONOUN, CoarseClass.of("PRON"));
        assertEquals(CoarseClass.VERB, CoarseClass.of("VERB"));
        assertEquals(CoarseClass.PREPOSITION, CoarseClass.of("ADP"));
        assertEquals(CoarseClass.NOUN, CoarseClass.of("NOUN"));
        assertEquals(CoarseClass.OTHER, CoarseClass.of("DET"));
        assertEquals("preposition", CoarseClass.PREPOSITION.label());
    }

    @Test
    void uposMapsToTwelveTags() {
        assertEquals("NOUN", UniversalTags.fromUpos("PROPN"));
        assertEquals("VERB", UniversalTags.fromUpos("AUX"));
        assertEquals("CONJ", UniversalTags.fromUpos("SCONJ"));
        assertEquals(".", UniversalTags.fromUpos("SYM"));
        assertThrows(IllegalArgumentException.class, () -> UniversalTags.fromUpos("NN"));
    }
}
