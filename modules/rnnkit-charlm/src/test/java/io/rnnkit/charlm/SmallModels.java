package io.rnnkit.charlm;

import io.rnnkit.datasets.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Tiny models shared by the tests, trained once per JVM on the start of the sonnets. */
final class SmallModels {
    private static CharLanguageModel lstm;
    private static CharLanguageModel gru;

    private SmallModels() {
    }

    static String sonnets() {
        try {
            return Files.readString(Datasets.file(Datasets.SHAKESPEARE_SONNETS, "sonnets.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized CharLanguageModel lstm() {
        if (lstm == null) {
            lstm = CharLanguageModel.train(config(Cell.LSTM).build(), sonnets().substring(0, 4000));
        }
        return lstm;
    }

    static synchronized CharLanguageModel gru() {
        if (gru == null) {
            gru = CharLanguageModel.train(config(Cell.GRU).embeddingDim(8).build(), sonnets().substring(0, 4000));
        }
        return gru;
    }

    static CharLmConfig.Builder config(Cell cell) {
        return CharLmConfig.builder().cell(cell).layers(2).units(24).dropout(0).sequenceLength(40).batchSize(16)
                .learningRate(1e-2).epochs(2).patience(0).validationFraction(0.1).seed(3).quiet();
    }
}
