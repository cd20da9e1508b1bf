package io.rnnkit.examples.blocks;

import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Embedding;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.RecurrentNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notes' input/output shapes of a recurrent network (untrained, so only the shapes matter):
 * <ul>
 *   <li><b>many-to-one</b> (review → sentiment): {@code Embedding → LSTM(returnSequences=false) → Dense(softmax)},
 *       one probability vector per sequence;</li>
 *   <li><b>many-to-many</b> (words → tags): {@code Embedding → LSTM(returnSequences=true) → Dense(softmax)} on every
 *       step, one probability vector per word;</li>
 *   <li><b>one-to-many</b> (one seed → a sequence, as in text generation): a causal GRU stepped one input at a time
 *       with {@link RecurrentNetwork#step}, each output fed back as the next input while the state is kept.</li>
 * </ul>
 */
public final class SequenceShapesExample {

    /**
     * @param inputShape       the batch of token ids fed to the first two networks
     * @param manyToOneShape   output of the many-to-one network for that batch
     * @param manyToManyShape  output of the many-to-many network for the same batch
     * @param oneToManyStepShape output of one {@code step} of the one-to-many network
     * @param generated        symbols generated from one seed symbol, one per step
     */
    public record Result(long[] inputShape, long[] manyToOneShape, long[] manyToManyShape, long[] oneToManyStepShape,
                         List<Integer> generated) {
        public Result {
            generated = List.copyOf(generated);
        }
    }

    private SequenceShapesExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.println("input token ids        " + Arrays.toString(r.inputShape()) + "  [batch, time]");
        System.out.println("many-to-one  output    " + Arrays.toString(r.manyToOneShape())
                + "     [batch, classes]: one answer per sequence");
        System.out.println("many-to-many output    " + Arrays.toString(r.manyToManyShape())
                + "  [batch, tags, time]: one answer per step");
        System.out.println("one-to-many  step      " + Arrays.toString(r.oneToManyStepShape())
                + "     [batch, symbols] per step; generated " + r.generated());
    }

    /** Options: {@code --steps N} symbols to generate one-to-many (default 8). */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("SequenceShapesExample", Set.of("steps"), args);
        int steps = a.integer("steps", 8);
        if (steps < 1) {
            throw new IllegalArgumentException("SequenceShapesExample: --steps must be >= 1, got " + steps);
        }
        INDArray batch = Nd4j.createFromArray(new float[][] {{5, 9, 2, 7, 1}, {3, 3, 8, 0, 0}});

        RecurrentNetwork manyToOne = NetworkSpec.builder()
                .add(new Embedding(100, 8, true)).add(new Lstm(16)).add(new Dense(2, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY).build().build(1);
        RecurrentNetwork manyToMany = NetworkSpec.builder()
                .add(new Embedding(100, 8, true)).add(new Lstm(16, true)).add(new Dense(5, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY).build().build(1);

        int symbols = 4;
        RecurrentNetwork oneToMany = NetworkSpec.builder().features(symbols)
                .add(new Gru(16, true)).add(new Dense(symbols, Activation.SOFTMAX))
                .loss(Loss.CROSS_ENTROPY).build().build(1);
        oneToMany.resetState();
        INDArray x = Nd4j.zeros(1, symbols);
        x.putScalar(0, 0, 1); // the one input: symbol 0
        List<Integer> generated = new ArrayList<>();
        long[] stepShape = null;
        for (int t = 0; t < steps; t++) {
            INDArray probs = oneToMany.step(x);
            stepShape = probs.shape();
            int next = probs.argMax(1).getInt(0);
            generated.add(next);
            x = Nd4j.zeros(1, symbols);
            x.putScalar(0, next, 1); // feed the output back as the next input
        }
        return new Result(batch.shape(), manyToOne.output(batch).shape(), manyToMany.output(batch).shape(),
                stepShape, generated);
    }
}
