package io.rnnkit.examples.blocks;

import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.SimpleRnn;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notes' memory arithmetic on a one-unit linear RNN, {@code h_t = W_hh·h_{t-1} + W_xh·x_t} with
 * {@code W_hh = 0.9}, {@code W_xh = 1}, no bias and the identity activation. After three inputs
 * {@code h_3 = 0.81·x_1 + 0.9·x_2 + x_3}: each step multiplies what came before by 0.9, so the first word's
 * weight after {@code t} steps is {@code 0.9^(t-1)} — 0.39 after 10 words, 0.0057 after 50. The network computes
 * the hidden states; the example checks them against the closed formula {@code h_t = Σ_k 0.9^(t-k)·x_k}.
 */
public final class MemoryDecayExample {

    /**
     * @param recurrentWeight  {@code W_hh}
     * @param inputs           {@code x_1..x_T}
     * @param hidden           {@code h_1..h_T} computed by the network
     * @param formula          {@code h_1..h_T} from the closed formula
     * @param maxError         largest difference between the two
     * @param firstInputWeight weight of {@code x_1} in {@code h_t} for t = 1, 2, 5, 10, 20, 50
     */
    public record Result(double recurrentWeight, double[] inputs, double[] hidden, double[] formula, double maxError,
                         double[] firstInputWeight) {
    }

    /** The steps at which {@link Result#firstInputWeight()} is reported. */
    public static final int[] DECAY_STEPS = {1, 2, 5, 10, 20, 50};

    private MemoryDecayExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.printf(Locale.ROOT, "linear RNN, W_hh = %.2f, W_xh = 1, no bias, identity activation%n",
                r.recurrentWeight());
        for (int t = 0; t < r.inputs().length; t++) {
            System.out.printf(Locale.ROOT, "x_%d = %6.3f   h_%d (network) = %9.6f   formula = %9.6f%n", t + 1,
                    r.inputs()[t], t + 1, r.hidden()[t], r.formula()[t]);
        }
        System.out.printf(Locale.ROOT, "max |network - formula| = %.2g%n", r.maxError());
        System.out.println("weight of x_1 in h_t (memory decays geometrically):");
        for (int i = 0; i < DECAY_STEPS.length; i++) {
            System.out.printf(Locale.ROOT, "  t = %2d: %.4f%n", DECAY_STEPS[i], r.firstInputWeight()[i]);
        }
    }

    /** Options: {@code --inputs 1,2,3} (default three words 1, 2, 3), {@code --decay 0.9} ({@code W_hh}). */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("MemoryDecayExample", Set.of("inputs", "decay"), args);
        double[] x = a.decimals("inputs", new double[] {1, 2, 3});
        double w = a.decimal("decay", 0.9);
        if (x.length == 0) {
            throw new IllegalArgumentException("MemoryDecayExample: --inputs needs at least one number");
        }
        RecurrentNetwork net = NetworkSpec.builder().features(1)
                .add(new SimpleRnn(1, true, Activation.IDENTITY)).build().build(0);
        Layer rnn = net.network().getLayer(0);
        // DL4J's SimpleRnn parameters: W = input weights, RW = recurrent weights, b = bias.
        rnn.setParam("W", Nd4j.createFromArray(new float[][] {{1f}}));
        rnn.setParam("RW", Nd4j.createFromArray(new float[][] {{(float) w}}));
        rnn.setParam("b", Nd4j.createFromArray(new float[][] {{0f}}));

        INDArray in = Nd4j.createFromArray(x).reshape(1, 1, x.length).castTo(DataType.FLOAT); // [batch, 1, time]
        INDArray out = net.output(in);
        double[] hidden = new double[x.length];
        double[] formula = new double[x.length];
        double maxError = 0;
        for (int t = 0; t < x.length; t++) {
            hidden[t] = out.getDouble(0, 0, t);
            for (int k = 0; k <= t; k++) {
                formula[t] += Math.pow(w, t - k) * x[k];
            }
            maxError = Math.max(maxError, Math.abs(hidden[t] - formula[t]));
        }
        double[] decay = Arrays.stream(DECAY_STEPS).mapToDouble(t -> Math.pow(w, t - 1)).toArray();
        return new Result(w, x, hidden, formula, maxError, decay);
    }
}
