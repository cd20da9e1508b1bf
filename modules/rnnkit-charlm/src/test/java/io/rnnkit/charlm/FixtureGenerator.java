package io.rnnkit.charlm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the committed test fixture: a small LSTM trained on the sonnets and the text it samples for a fixed seed.
 * Run from the repository root after a deliberate change of the model format:
 * {@code java -cp ... io.rnnkit.charlm.FixtureGenerator modules/rnnkit-charlm/src/test/resources/io/rnnkit/charlm}.
 */
public final class FixtureGenerator {
    private FixtureGenerator() {
    }

    static SamplingOptions goldenOptions() {
        return SamplingOptions.builder().prefix("Shall I compare thee").length(300).temperature(0.8).seed(7).build();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        CharLmConfig config = CharLmConfig.builder().layers(1).units(96).dropout(0).sequenceLength(64).batchSize(32)
                .learningRate(5e-3).epochs(6).patience(0).validationFraction(0.05).seed(2024).build();
        CharLanguageModel model = CharLanguageModel.train(config, SmallModels.sonnets());
        Path file = dir.resolve(ModelFileTest.FIXTURE);
        model.save(file);
        String text = CharLanguageModel.load(file).sample(goldenOptions()).text();
        Files.writeString(dir.resolve(ModelFileTest.GOLDEN), text, StandardCharsets.UTF_8);
        System.out.println(model.training().orElseThrow().validationBpc() + "\n" + text);
    }
}
