package io.rnnkit.examples.blocks;

import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.nn.Embedding;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.SimpleRnn;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' {@code return_sequences}: the same {@code SimpleRNN(32)} with the same weights returns every step's
 * output ({@code [batch, 32, time]}) or only the last one ({@code [batch, 32]}). With padding (id 0 and
 * {@code maskZero}), "last" means the last <em>real</em> word of each sequence, so a padded review gets the same
 * vector as the review alone.
 */
public final class ReturnSequencesExample {

    /**
     * @param sequenceShape   output shape with {@code returnSequences=true}
     * @param lastStepShape   output shape with {@code returnSequences=false}
     * @param lengths         real (unpadded) length of each sequence of the batch
     * @param maxDifference   largest difference between the last-step output and the sequence output read at each
     *                        sequence's last real step (0 up to float rounding)
     */
    public record Result(long[] sequenceShape, long[] lastStepShape, int[] lengths, double maxDifference) {
    }

    private ReturnSequencesExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.println("returnSequences=true  -> output shape " + Arrays.toString(r.sequenceShape())
                + "   [batch, units, time]: one vector per word");
        System.out.println("returnSequences=false -> output shape " + Arrays.toString(r.lastStepShape())
                + "       [batch, units]: one vector per sequence");
        System.out.println("real lengths " + Arrays.toString(r.lengths()) + "; last-step output equals the sequence "
                + "output at the last real word, max difference " + String.format(Locale.ROOT, "%.2g",
                r.maxDifference()));
    }

    /** Options: {@code --units N} (default 32). */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("ReturnSequencesExample", Set.of("units"), args);
        int units = a.integer("units", 32);
        NetworkSpec sequences = NetworkSpec.builder()
                .add(new Embedding(10000, 32, true)).add(new SimpleRnn(units, true)).build();
        NetworkSpec lastStep = NetworkSpec.builder()
                .add(new Embedding(10000, 32, true)).add(new SimpleRnn(units, false)).build();
        RecurrentNetwork all = sequences.build(7);
        RecurrentNetwork last = lastStep.build(7);
        // Same parameters in both networks, so only returnSequences differs.
        last.network().setParams(all.network().params().dup());

        // Two "reviews" of 6 and 3 word ids, the second padded with 0 at the end.
        INDArray ids = Nd4j.createFromArray(new float[][] {{12, 7, 99, 4, 5, 31}, {42, 8, 3, 0, 0, 0}});
        int[] lengths = {6, 3};
        INDArray seq = all.output(ids);
        INDArray vec = last.output(ids);
        double maxDiff = 0;
        for (int b = 0; b < lengths.length; b++) {
            INDArray atLast = seq.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(lengths[b] - 1));
            INDArray fromLast = vec.getRow(b);
            maxDiff = Math.max(maxDiff, atLast.sub(fromLast).amaxNumber().doubleValue());
        }
        return new Result(seq.shape(), vec.shape(), lengths, maxDiff);
    }
}
