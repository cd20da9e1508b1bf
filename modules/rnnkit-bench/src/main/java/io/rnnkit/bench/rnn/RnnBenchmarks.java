package io.rnnkit.bench.rnn;

import java.util.Map;

import io.rnnkit.bench.BenchResult;
import io.rnnkit.bench.Cell;
import io.rnnkit.bench.Measure;
import io.rnnkit.bench.RnnShape;
import io.rnnkit.bench.Stats;
import io.rnnkit.nn.Bidirectional;
import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.LayerSpec;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.SimpleRnn;
import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.inference.InferenceStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one recurrent layer + softmax head with cross-entropy (a character model's shape: {@code D}
 * one-hot-sized inputs, {@code D} classes), trained with rnnkit's default Adam(1e-3) in float32 —
 * the same network the libtorch peer builds.
 */
public final class RnnBenchmarks {

    private static final long SEED = 42;

    private RnnBenchmarks() {
    }

    /** The spec benchmarked for {@code cell}: one recurrent layer returning sequences + softmax head. */
    public static NetworkSpec spec(Cell cell, RnnShape s) {
        LayerSpec layer = switch (cell) {
            case SIMPLE_RNN -> new SimpleRnn(s.h(), true);
            case LSTM -> new Lstm(s.h(), true);
            case GRU -> new Gru(s.h(), true);
            case BI_LSTM -> new Bidirectional(new Lstm(s.h(), true));
        };
        return NetworkSpec.builder().features(s.d()).add(layer)
                .add(new Dense(s.d(), Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build();
    }

    /** Random features {@code [B, D, T]} and one-hot labels over {@code D} classes, seeded. */
    public static DataSet batch(RnnShape s) {
        Nd4j.getRandom().setSeed(SEED);
        INDArray x = Nd4j.rand(DataType.FLOAT, s.b(), s.d(), s.t());
        INDArray y = Nd4j.zeros(DataType.FLOAT, s.b(), s.d(), s.t());
        java.util.Random r = new java.util.Random(SEED);
        for (int b = 0; b < s.b(); b++) {
            for (int t = 0; t < s.t(); t++) {
                y.putScalar(b, r.nextInt(s.d()), t, 1f);
            }
        }
        return new DataSet(x, y);
    }

    /** Forward + backward + Adam update on one batch. */
    public static BenchResult train(Cell cell, RnnShape s, Measure m) {
        MultiLayerNetwork net = spec(cell, s).build(SEED).network();
        DataSet ds = batch(s);
        Stats st = m.time(() -> net.fit(ds));
        return new BenchResult(cell.key() + ".train." + s.label(), st, cell.trainFlops(s), null);
    }

    /** Forward pass of one batch through rnnkit's inference engine (what every task predicts with). */
    public static BenchResult inference(Cell cell, RnnShape s, Measure m) {
        InferenceNetwork engine = InferenceNetwork.of(spec(cell, s).build(SEED).network());
        float[][][] x = rows(batch(s).getFeatures());
        Stats st = m.time(() -> engine.outputSequences(x));
        return new BenchResult(cell.key() + ".infer." + s.label(), st, cell.inferenceFlops(s), null);
    }

    /** Forward pass only (inference mode) on one batch through DL4J's {@code output}, the engine's "before". */
    public static BenchResult inferenceDl4j(Cell cell, RnnShape s, Measure m) {
        MultiLayerNetwork net = spec(cell, s).build(SEED).network();
        INDArray x = batch(s).getFeatures();
        Stats st = m.time(() -> net.output(x, false));
        return new BenchResult(cell.key() + ".infer_dl4j." + s.label(), st, cell.inferenceFlops(s), null);
    }

    /** {@code [B, D, T]} features as the engine's per-sequence rows {@code [B][T][D]}. */
    static float[][][] rows(INDArray x) {
        int b = (int) x.size(0);
        int d = (int) x.size(1);
        int t = (int) x.size(2);
        float[][][] out = new float[b][t][d];
        float[] flat = x.dup('c').data().asFloat();
        for (int i = 0; i < b; i++) {
            for (int f = 0; f < d; f++) {
                for (int k = 0; k < t; k++) {
                    out[i][k][f] = flat[(i * d + f) * t + k];
                }
            }
        }
        return out;
    }

    /**
     * Stateful one-step inference as in character sampling, through an engine stream: batch 1, one step per
     * call, state kept between calls. One timed iteration is {@code steps} calls; the figures are per character.
     * The input is a one-hot vector, as a character model's is.
     */
    public static BenchResult step(Cell cell, RnnShape s, int steps, Measure m) {
        requireCausal(cell);
        InferenceNetwork engine = InferenceNetwork.of(spec(cell, s).build(SEED).network());
        float[][] x = new float[1][s.d()];
        x[0][3] = 1f;
        InferenceStream[] stream = {engine.newStream(1)};
        Stats perRun = m.time(() -> {
            stream[0].reset();
            for (int i = 0; i < steps; i++) {
                stream[0].step(x);
            }
        });
        stream[0].close();
        return perCharacter(cell.key() + ".step.D" + s.d() + "-H" + s.h(), cell, s, steps, perRun);
    }

    /** {@link #step} through DL4J's stateful stepping ({@code RecurrentNetwork.step}), the engine's "before". */
    public static BenchResult stepDl4j(Cell cell, RnnShape s, int steps, Measure m) {
        requireCausal(cell);
        RecurrentNetwork net = spec(cell, s).build(SEED);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, s.d());
        x.putScalar(0, 3, 1f);
        Stats perRun = m.time(() -> {
            net.resetState();
            for (int i = 0; i < steps; i++) {
                net.step(x);
            }
        });
        return perCharacter(cell.key() + ".step_dl4j.D" + s.d() + "-H" + s.h(), cell, s, steps, perRun);
    }

    private static void requireCausal(Cell cell) {
        if (cell == Cell.BI_LSTM) {
            throw new IllegalArgumentException("a bidirectional layer cannot be stepped: it reads the future");
        }
    }

    private static BenchResult perCharacter(String name, Cell cell, RnnShape s, int steps, Stats perRun) {
        Stats perChar = new Stats(perRun.median() / steps, perRun.p25() / steps, perRun.p75() / steps,
                perRun.min() / steps, perRun.max() / steps, perRun.iterations());
        RnnShape one = new RnnShape(s.d(), s.h(), 1, 1);
        return new BenchResult(name, perChar, cell.inferenceFlops(one), Map.of("chars_per_s", 1000.0 / perChar.median()));
    }
}
