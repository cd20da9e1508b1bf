package io.rnnkit.examples.blocks;

import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.nn.Bidirectional;
import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Embedding;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.Merge;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.Summary;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deep and bidirectional RNNs from the notes.
 * <ul>
 *   <li>A <b>stack</b> of three LSTMs: every inner layer returns sequences, so the next one has a sequence to read;
 *       leaving {@code returnSequences=false} on an inner layer is refused with a message saying why.</li>
 *   <li>A <b>bidirectional</b> GRU reads the sentence forwards and backwards; the merge mode decides the output
 *       size (concat doubles it, sum/average/mul keep it).</li>
 * </ul>
 */
public final class StackedBidirectionalExample {

    /**
     * @param stacked            summary of the three-layer LSTM classifier
     * @param stackedOutputShape its output for a batch
     * @param stackError         the message given for an inner layer with {@code returnSequences=false}
     * @param bidirectional      summary of the bidirectional GRU tagger
     * @param mergeShapes        output shape of the bidirectional GRU for each merge mode
     */
    public record Result(Summary stacked, long[] stackedOutputShape, String stackError, Summary bidirectional,
                         Map<Merge, long[]> mergeShapes) {
        public Result {
            mergeShapes = Map.copyOf(mergeShapes);
        }
    }

    private StackedBidirectionalExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.println("== Stacked LSTM classifier");
        System.out.print(r.stacked());
        System.out.println("output " + Arrays.toString(r.stackedOutputShape()));
        System.out.println("an inner layer with returnSequences=false is refused:\n  " + r.stackError());
        System.out.println();
        System.out.println("== Bidirectional GRU tagger");
        System.out.print(r.bidirectional());
        for (Merge m : Merge.values()) {
            System.out.println("merge " + m + " -> " + Arrays.toString(r.mergeShapes().get(m)));
        }
    }

    /** Options: {@code --units N} per recurrent layer (default 32). */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("StackedBidirectionalExample", Set.of("units"), args);
        int units = a.integer("units", 32);
        INDArray batch = Nd4j.createFromArray(new float[][] {{5, 9, 2, 7, 1, 4}, {3, 3, 8, 0, 0, 0}});

        NetworkSpec stackedSpec = NetworkSpec.builder()
                .add(new Embedding(1000, 16, true))
                .add(new Lstm(units, true))
                .add(new Lstm(units, true))
                .add(new Lstm(units))
                .add(new Dense(2, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY)
                .build();
        RecurrentNetwork stacked = stackedSpec.build(3);

        String error;
        try {
            NetworkSpec.builder().add(new Embedding(1000, 16, true))
                    .add(new Lstm(units)).add(new Lstm(units)).build();
            throw new IllegalStateException("a stack with a non-sequence inner layer was accepted");
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }

        NetworkSpec biSpec = NetworkSpec.builder()
                .add(new Embedding(1000, 16, true))
                .add(new Bidirectional(new Gru(units, true)))
                .add(new Dense(12, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY)
                .build();
        Map<Merge, long[]> shapes = new LinkedHashMap<>();
        for (Merge m : Merge.values()) {
            RecurrentNetwork bi = NetworkSpec.builder()
                    .add(new Embedding(1000, 16, true))
                    .add(new Bidirectional(new Gru(units, true), m))
                    .build().build(3);
            shapes.put(m, bi.output(batch).shape());
        }
        return new Result(stackedSpec.summary(), stacked.output(batch).shape(), error, biSpec.summary(), shapes);
    }
}
