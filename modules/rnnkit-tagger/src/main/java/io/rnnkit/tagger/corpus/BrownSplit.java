package io.rnnkit.tagger.corpus;

import io.rnnkit.text.io.BrownCorpusReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed train / validation / test split of the Brown corpus files, identical in every run.
 *
 * <ol>
 *   <li>List the corpus files: names matching {@code c[a-r][0-9][0-9]} ({@code ca01} … {@code cr09}, 500
 *       files; {@code cats.txt} and {@code README} are not corpus files), sorted by name.</li>
 *   <li><b>test</b>: every file whose 0-based index in that order is divisible by 10 ({@code ca01, ca11, …}): 50 files.</li>
 *   <li>The other 450 files, still in name order, are indexed again from 0; <b>validation</b>: every one whose
 *       index is divisible by 10: 45 files ({@code ca02, ca13, …}).</li>
 *   <li><b>train</b>: the remaining 405 files.</li>
 * </ol>
 * The split works on files rather than sentences so that no document contributes to both sides.
 *
 * @param train      training files, in name order
 * @param validation validation files, in name order
 * @param test       test files, in name order
 */
public record BrownSplit(List<Path> train, List<Path> validation, List<Path> test) {
    /** Every {@code TEST_EVERY}-th file goes to test, then every such file of the rest to validation. */
    public static final int EVERY = 10;

    /** Copies the lists so the record stays immutable. */
    public BrownSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * Splits the corpus files in {@code dir}.
     *
     * @throws IllegalArgumentException if the folder has no Brown corpus files
     */
    public static BrownSplit of(Path dir) {
        return of(corpusFiles(dir));
    }

    /** Splits an explicit list of files (sorted by file name first). */
    public static BrownSplit of(List<Path> files) {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Path> test = new ArrayList<>();
        List<Path> rest = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            (i % EVERY == 0 ? test : rest).add(sorted.get(i));
        }
        List<Path> validation = new ArrayList<>();
        List<Path> train = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            (i % EVERY == 0 ? validation : train).add(rest.get(i));
        }
        return new BrownSplit(train, validation, test);
    }

    /** The training and validation files together (450 of 500), in name order, e.g. for peers without early stopping. */
    public List<Path> trainAndValidation() {
        List<Path> all = new ArrayList<>(train);
        all.addAll(validation);
        all.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return List.copyOf(all);
    }

    /** The Brown corpus files in {@code dir} (names {@code c[a-r]NN}), sorted by name. */
    public static List<Path> corpusFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a folder: " + dir);
        }
        return BrownCorpusReader.corpusFiles(dir);
    }
}
