package io.rnnkit.translate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One sentence and its translation.
 *
 * @param source the sentence in the source language (English)
 * @param target its translation (Korean)
 */
public record SentencePair(String source, String target) {
    /** Validates that both sides are given. */
    public SentencePair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /**
     * The pairs of a UTF-8 TSV file such as {@code datasets/en-ko-help-pairs/test.tsv}: a header line, then
     * {@code source<TAB>target[<TAB>anything]} per line (blank lines skipped). Invalid UTF-8 and a line without a
     * tab are refused naming the file and line.
     */
    public static List<SentencePair> readTsv(Path file) {
        List<SentencePair> pairs = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                decoder))) {
            String line = in.readLine();
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected source<TAB>target");
                }
                int end = line.indexOf('\t', tab + 1);
                pairs.add(new SentencePair(line.substring(0, tab), end < 0 ? line.substring(tab + 1)
                        : line.substring(tab + 1, end)));
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return pairs;
    }
}
