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

    /** Forward pass only (inference mode) on one batch. */
    public static BenchResult inference(Cell cell, RnnShape s, Measure m) {
        MultiLayerNetwork net = spec(cell, s).build(SEED).network();
        INDArray x = batch(s).getFeatures();
        Stats st = m.time(() -> net.output(x, false));
        return new BenchResult(cell.key() + ".infer." + s.label(), st, cell.inferenceFlops(s), null);
    }

    /**
     * Stateful one-step inference as in character sampling: batch 1, one step per call, state kept
     * between calls. One timed iteration is {@code steps} calls; the figures are per character.
     */
    public static BenchResult step(Cell cell, RnnShape s, int steps, Measure m) {
        if (cell == Cell.BI_LSTM) {
            throw new IllegalArgumentException("a bidirectional layer cannot be stepped: it reads the future");
        }
        RecurrentNetwork net = spec(cell, s).build(SEED);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, s.d());
        x.putScalar(0, 3, 1f);
        Stats perRun = m.time(() -> {
            net.resetState();
            for (int i = 0; i < steps; i++) {
                net.step(x);
            }
        });
        Stats perChar = new Stats(perRun.median() / steps, perRun.p25() / steps, perRun.p75() / steps,
                perRun.min() / steps, perRun.max() / steps, perRun.iterations());
        RnnShape one = new RnnShape(s.d(), s.h(), 1, 1);
        return new BenchResult(cell.key() + ".step.D" + s.d() + "-H" + s.h(), perChar, cell.inferenceFlops(one),
                Map.of("chars_per_s", 1000.0 / perChar.median()));
    }
}
