package io.rnnkit.examples.tasks;

import io.rnnkit.charlm.CharLanguageModel;
import io.rnnkit.charlm.CharLmConfig;
import io.rnnkit.charlm.GeneratedText;
import io.rnnkit.charlm.SamplingOptions;
import io.rnnkit.examples.ExampleArgs;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The notes' character-level language model: trained on the word "hello", the network reads "h" and predicts
 * e, l, l, o one character at a time, each prediction fed back as the next input. The second "l" needs memory:
 * after "l" comes "l" the first time and "o" the second, so only the hidden state can tell them apart.
 */
public final class HelloCharExample {

    /**
     * @param text       the training text
     * @param vocabulary the model's characters (PAD and UNK first)
     * @param generated  greedy continuation of the first character
     * @param bpc        bits per character on the training text (0 = certain of every next character)
     */
    public record Result(String text, List<String> vocabulary, String generated, double bpc) {
        public Result {
            vocabulary = List.copyOf(vocabulary);
        }
    }

    private HelloCharExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.println("vocabulary: " + r.vocabulary());
        System.out.println(r.text().charAt(0) + " -> " + r.generated());
        System.out.printf(Locale.ROOT, "bits per character on \"%s\": %.3f%n", r.text(), r.bpc());
    }

    /** Options: {@code --text hello}, {@code --epochs 150}, {@code --units 16}, {@code --seed 1}. */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("HelloCharExample", Set.of("text", "epochs", "units", "seed"), args);
        String text = a.string("text", "hello");
        if (text.codePointCount(0, text.length()) < 2) {
            throw new IllegalArgumentException("HelloCharExample: --text needs at least two characters");
        }
        CharLmConfig config = CharLmConfig.builder()
                .layers(1).units(a.integer("units", 16)).dropout(0)
                .sequenceLength(text.codePointCount(0, text.length()) - 1).batchSize(1)
                .learningRate(0.05).epochs(a.integer("epochs", 150)).patience(0).validationFraction(0)
                .seed(a.integer("seed", 1)).quiet().build();
        CharLanguageModel model = CharLanguageModel.train(config, text);
        String first = text.substring(0, text.offsetByCodePoints(0, 1));
        GeneratedText g = model.sample(SamplingOptions.builder().prefix(first)
                .length(text.codePointCount(0, text.length()) - 1).greedy().seed(0).build());
        return new Result(text, model.vocabulary().tokens(), g.sample(), model.evaluate(text).bpc());
    }
}
