package io.rnnkit.tagger.corpus;

import io.rnnkit.datasets.Datasets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrownSplitTest {
    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void fixedSplitOfTheRealCorpus() {
        BrownSplit split = BrownSplit.of(Datasets.dir(Datasets.BROWN));
        assertEquals(50, split.test().size());
        assertEquals(45, split.validation().size());
        assertEquals(405, split.train().size());
        assertEquals(List.of("ca01", "ca11", "ca21"), names(split.test()).subList(0, 3));
        assertEquals("cp29", names(split.test()).get(49));
        assertEquals(List.of("ca02", "ca13", "ca24"), names(split.validation()).subList(0, 3));
        assertEquals("cp28", names(split.validation()).get(44));
        assertEquals(List.of("ca03", "ca04"), names(split.train()).subList(0, 2));
        Set<String> all = new HashSet<>(names(split.train()));
        all.addAll(names(split.validation()));
        all.addAll(names(split.test()));
        assertEquals(500, all.size());
        assertEquals(450, split.trainAndValidation().size());
    }

    @Test
    void splitDoesNotDependOnInputOrder() {
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            files.add(Path.of(String.format("ca%02d", i)));
        }
        BrownSplit a = BrownSplit.of(files);
        java.util.Collections.reverse(files);
        BrownSplit b = BrownSplit.of(files);
        assertEquals(a, b);
        assertEquals(List.of("ca01", "ca11", "ca21"), names(a.test()));
        assertEquals(List.of("ca02", "ca13", "ca24"), names(a.validation()));
        assertTrue(names(a.train()).contains("ca03"));
    }
}
