package io.rnnkit.tagger.bench;

import io.rnnkit.tagger.PosTagger;
import io.rnnkit.text.io.TaggedSentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaggerQualityBenchmarkTest {
    @Test
    void readsBothSampleLayoutsAndMapsPennTagsToUniversal() {
        PennSamples lines = PennSamples.parse(List.of("I_PRP saw_VBD it_PRP ._.", "", "well-known_JJ e_mail_NN"),
                "a.txt", false);
        assertEquals(2, lines.sentences().size());
        assertEquals(List.of("PRON", "VERB", "PRON", "."), lines.sentences().get(0).tags());
        // the tag is what follows the last underscore
        assertEquals(List.of("well-known", "e_mail"), lines.sentences().get(1).words());
        assertEquals(3, lines.sentences().get(1).location().line());

        PennSamples tsv = PennSamples.parse(List.of("The\tDT\tthe", "co-\tHYPH\t-", "op\tNN\top", "", "", "Go\tVB\tgo"),
                "b.tsv", true);
        List<TaggedSentence> s = tsv.sentences();
        assertEquals(2, s.size());
        assertEquals(List.of("DET", "X", "NOUN"), s.get(0).tags());
        assertEquals(Map.of("HYPH", 1), tsv.unmapped());
        assertEquals(6, s.get(1).location().line());
        assertEquals(4, tsv.tokens());

        assertEquals("c.txt:2: expected word_TAG or word<TAB>TAG", assertThrows(IllegalArgumentException.class,
                () -> PennSamples.parse(List.of("a_DT", "b"), "c.txt", false)).getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void scoresTheBrownTestFilesAndTheSamples(@TempDir Path dir) throws Exception {
        PosTagger tagger = PosTagger.load(Path.of(getClass().getResource("../brown-compact.rnnk").toURI()));
        Path brown = Files.createDirectory(dir.resolve("brown"));
        Files.write(brown.resolve("ca01"), List.of("\tThe/at dog/nn saw/vbd a/at cat/nn ./."));
        Path samples = Files.createDirectory(dir.resolve("samples"));
        Files.write(samples.resolve("AnnotatedSentences.txt"), List.of("I_PRP work_VBP at_IN Kaiserstra\u00a7e_NNP ._."),
                StandardCharsets.ISO_8859_1);
        Files.write(samples.resolve("trial.old.tsv"), List.of("The\tDT\tthe", "dog\tNN\tdog", "-\tHYPH\t-"));
        Map<String, Object> out = TaggerQualityBenchmark.run(tagger, "fixture", brown, samples);
        Map<String, Object> b = (Map<String, Object>) out.get("brown_test");
        assertEquals(6L, b.get("tokens"));
        Map<String, Object> o = (Map<String, Object>) out.get("opennlp_samples");
        assertEquals(2, o.get("sentences"));
        assertEquals(8L, o.get("tokens"));
        assertEquals(Map.of("HYPH", 1), o.get("unmapped_penn_tags"));
        Map<String, Map<String, Object>> perTag = (Map<String, Map<String, Object>>) o.get("accuracy_per_tag");
        assertEquals(2L, perTag.get("NOUN").get("tokens"));
        double accuracy = (Double) o.get("accuracy");
        assertTrue(accuracy > 0 && accuracy <= 1, "accuracy " + accuracy);
        // the same figure as the library's own evaluation of those sentences
        List<TaggedSentence> all = new java.util.ArrayList<>(PennSamples.read(samples.resolve("AnnotatedSentences.txt"),
                StandardCharsets.ISO_8859_1).sentences());
        all.addAll(PennSamples.read(samples.resolve("trial.old.tsv"), StandardCharsets.ISO_8859_1).sentences());
        assertEquals(tagger.evaluate(all).accuracy(), accuracy, 1e-12);
    }
}
