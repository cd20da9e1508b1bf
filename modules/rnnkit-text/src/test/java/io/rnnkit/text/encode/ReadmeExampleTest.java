package io.rnnkit.text.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.Vocabulary;
import io.rnnkit.text.WordTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The text-pipeline example of docs/text-pipelines.md, kept compiling and correct. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void textFileToBatchedMaskedDataSet() throws IOException {
        Path file = dir.resolve("reviews.tsv");
        Files.writeString(file, "1\tA great film, I loved it!\n0\tBoring.\n1\tGreat acting\n0\tI don't recommend it\n");

        // --- README example starts here ---
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] cols = line.split("\t", 2);
            labels.add(Integer.parseInt(cols[0]));
            texts.add(cols[1]);
        }
        Tokenizer tokenizer = new WordTokenizer(true, WordTokenizer.Contractions.KEEP);
        Vocabulary vocab = Vocabulary.builder().minCount(1).maxSize(20_000)
                .addAll(texts.stream().flatMap(t -> tokenizer.words(t).stream()).toList())
                .build();
        SequenceEncoder encoder = new SequenceEncoder(tokenizer, vocab);

        DataSetIterator batches = SequenceClassificationIterator
                .builder(encoder.encodeAll(texts), labels.stream().mapToInt(Integer::intValue).toArray(), 2)
                .padding(PadSpec.upTo(100))            // pad each batch to its longest text, cut at 100 tokens
                .batching(Batching.bucketed(32, 42))   // similar lengths together, shuffled by seed
                .build();
        DataSet batch = batches.next();
        // features [4, 1, 8] token ids, labels [4, 2], feature mask [4, 8]
        // --- README example ends here ---

        assertArrayEquals(new long[] {4, 1, 8}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {4, 2}, batch.getLabels().shape());
        assertArrayEquals(new long[] {4, 8}, batch.getFeaturesMaskArray().shape());
        assertEquals(16, batch.getFeaturesMaskArray().sumNumber().intValue());
    }
}
