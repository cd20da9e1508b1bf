package io.rnnkit.examples.blocks;

import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.nn.Bidirectional;
import io.rnnkit.nn.Embedding;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.SimpleRnn;
import io.rnnkit.nn.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The notes' networks as Keras-style summaries, with the parameter counts the notes derive by hand:
 * {@code Embedding(10000, 32) + SimpleRNN(32)} = 322,080; {@code LSTM(32)} on 32 inputs = 8,320;
 * {@code GRU(32)} = 6,336; {@code Bidirectional(LSTM(32))} = 16,640; five stacked {@code SimpleRNN(32)} after the
 * embedding = 330,400. Each network is also built, and DL4J's own count is reported beside the spec's.
 *
 * <pre>{@code
 * java -cp rnnkit.jar io.rnnkit.examples.blocks.BuildingBlocksExample
 * }</pre>
 */
public final class BuildingBlocksExample {

    /**
     * One network of the example.
     *
     * @param title        what the network is, in the notes' words
     * @param formula      how the parameter count comes about
     * @param summary      the Keras-style summary
     * @param dl4jParams   parameters of the built DL4J network (equal to {@code summary.totalParams()})
     */
    public record Model(String title, String formula, Summary summary, long dl4jParams) {
    }

    /** @param models the five networks, in the notes' order */
    public record Result(List<Model> models) {
        public Result {
            models = List.copyOf(models);
        }

        /** The total parameter count of each network, in order. */
        public List<Long> totals() {
            return models.stream().map(m -> m.summary().totalParams()).toList();
        }
    }

    private BuildingBlocksExample() {
    }

    public static void main(String[] args) {
        Result result = runExample(args);
        for (Model m : result.models()) {
            System.out.println("== " + m.title());
            System.out.print(m.summary());
            System.out.printf(Locale.ROOT, "   %s%n   DL4J counts %,d parameters%n%n", m.formula(), m.dl4jParams());
        }
    }

    /** Builds the five networks (no options). */
    public static Result runExample(String... args) {
        ExampleArgs.parse("BuildingBlocksExample", Set.of(), args);
        List<Model> models = new ArrayList<>();
        models.add(model("Embedding(10000, 32) + SimpleRNN(32): the notes' first RNN",
                "10000*32 + (32*32 + 32*32 + 32) = 320,000 + 2,080",
                NetworkSpec.builder().add(new Embedding(10000, 32, false)).add(new SimpleRnn(32)).build()));
        models.add(model("LSTM(32) on 32 input features",
                "4 gates * (32*32 + 32*32 + 32) = 4 * 2,080",
                NetworkSpec.builder().features(32).add(new Lstm(32)).build()));
        models.add(model("GRU(32) on 32 input features (Keras reset_after=True layout)",
                "3 gates * (32*32 + 32*32 + 2*32) = 3 * 2,112",
                NetworkSpec.builder().features(32).add(new Gru(32)).build()));
        models.add(model("Bidirectional(LSTM(32)) on 32 input features",
                "2 directions * 8,320",
                NetworkSpec.builder().features(32).add(new Bidirectional(new Lstm(32))).build()));
        NetworkSpec.Builder deep = NetworkSpec.builder().add(new Embedding(10000, 32, false));
        for (int i = 0; i < 4; i++) {
            deep.add(new SimpleRnn(32, true)); // every inner layer of a stack returns sequences
        }
        deep.add(new SimpleRnn(32));
        models.add(model("Embedding(10000, 32) + five stacked SimpleRNN(32): a deep RNN",
                "320,000 + 5 * 2,080", deep.build()));
        return new Result(models);
    }

    private static Model model(String title, String formula, NetworkSpec spec) {
        long built = spec.build(42).network().numParams();
        return new Model(title, formula, spec.summary(), built);
    }
}
