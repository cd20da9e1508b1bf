package io.rnnkit.bench.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rnnkit.bench.BenchResult;
import io.rnnkit.bench.Cell;
import io.rnnkit.bench.Measure;
import io.rnnkit.bench.RnnShape;
import io.rnnkit.bench.Stats;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Measurements behind the speed levers: what one LSTM step's GEMM costs depending on how it is
 * called, the fixed cost of one small ND4J op, and libnd4j's fused {@code lstmLayer} op (one native
 * call per sequence, through SameDiff) against DL4J's per-step LSTM.
 */
public final class Levers {

    private Levers() {
    }

    /** All lever measurements at {@code s} (the GEMM ones use one LSTM step of {@code s}: B×H · H×4H). */
    public static List<BenchResult> all(RnnShape s, Measure m) {
        List<BenchResult> out = new ArrayList<>(gemm(s, m));
        out.add(sigmoidInPlace(s, m));
        for (Cell c : List.of(Cell.LSTM, Cell.GRU)) {
            out.add(opCount(c, s));
        }
        out.add(lstmLayerOpInference(s, m));
        out.add(lstmLayerOpTrain(s, m));
        return out;
    }

    /** The recurrent GEMM of one LSTM step three ways: allocating mmul, gemm into 'c', gemm into 'f'. */
    public static List<BenchResult> gemm(RnnShape s, Measure m) {
        // Micro-ops are timed in batches of 100 calls so each timed iteration is well above timer noise.
        int reps = 100;
        double flops = 2.0 * s.b() * s.h() * 4.0 * s.h();
        List<BenchResult> out = new ArrayList<>();
        Nd4j.getRandom().setSeed(1);
        INDArray hc = Nd4j.rand(DataType.FLOAT, s.b(), s.h());
        INDArray rc = Nd4j.rand(DataType.FLOAT, s.h(), 4L * s.h());
        out.add(perCall("lever.gemm.mmul_alloc." + s.label(), m, reps, flops, () -> hc.mmul(rc)));
        INDArray cc = Nd4j.create(DataType.FLOAT, new long[] {s.b(), 4L * s.h()}, 'c');
        out.add(perCall("lever.gemm.prealloc_c." + s.label(), m, reps, flops,
                () -> Nd4j.gemm(hc, rc, cc, false, false, 1.0, 0.0)));
        INDArray hf = hc.dup('f');
        INDArray rf = rc.dup('f');
        INDArray cf = Nd4j.create(DataType.FLOAT, new long[] {s.b(), 4L * s.h()}, 'f');
        out.add(perCall("lever.gemm.prealloc_f." + s.label(), m, reps, flops,
                () -> Nd4j.gemm(hf, rf, cf, false, false, 1.0, 0.0)));
        return out;
    }

    /** An in-place sigmoid over one step's gate pre-activations (B×4H): the element-wise floor. */
    public static BenchResult sigmoidInPlace(RnnShape s, Measure m) {
        INDArray g = Nd4j.rand(DataType.FLOAT, s.b(), 4L * s.h());
        return perCall("lever.sigmoid_inplace." + s.label(), m, 100, 0,
                () -> Nd4j.getExecutioner().exec(new Sigmoid(g, g)));
    }

    /**
     * How many native ops (element-wise, reductions, GEMMs, custom ops) one train step of the rnnkit
     * network issues, counted by ND4J's profiler; with the fixed per-op cost
     * ({@link #sigmoidInPlace}) this is the overhead a per-step Java loop pays. The timing is of
     * the profiled step and only indicative.
     */
    public static BenchResult opCount(Cell cell, RnnShape s) {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = RnnBenchmarks.spec(cell, s).build(42).network();
        DataSet ds = RnnBenchmarks.batch(s);
        net.fit(ds); // first step allocates updater state; count a steady-state step
        var ex = Nd4j.getExecutioner();
        var before = ex.getProfilingMode();
        ex.setProfilingMode(org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.OPERATIONS);
        org.nd4j.linalg.profiler.OpProfiler.getInstance().reset();
        long t0 = System.nanoTime();
        try {
            net.fit(ds);
        } finally {
            ex.setProfilingMode(before);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        long ops = org.nd4j.linalg.profiler.OpProfiler.getInstance().getInvocationsCount();
        return new BenchResult("lever.op_count." + cell.key() + ".train." + s.label(), Stats.of(ms), 0,
                Map.of("ops", (double) ops, "ops_per_time_step", (double) ops / s.t()));
    }

    /** Forward pass of libnd4j's fused lstmLayer op + the same softmax head, through SameDiff. */
    public static BenchResult lstmLayerOpInference(RnnShape s, Measure m) {
        FusedLstm f = new FusedLstm(s);
        Map<String, INDArray> in = Map.of("x", f.data.getFeatures());
        Stats st = m.time(() -> f.sd.output(in, "probs"));
        return new BenchResult("lever.lstm_layer_op.infer." + s.label(), st, Cell.LSTM.inferenceFlops(s), null);
    }

    /** Train step (forward, the op's own backprop, Adam) of the fused lstmLayer network. */
    public static BenchResult lstmLayerOpTrain(RnnShape s, Measure m) {
        FusedLstm f = new FusedLstm(s);
        Stats st = m.time(() -> f.sd.fit(f.data));
        return new BenchResult("lever.lstm_layer_op.train." + s.label(), st, Cell.LSTM.trainFlops(s), null);
    }

    private static BenchResult perCall(String name, Measure m, int reps, double flops, Runnable op) {
        Stats batch = m.time(() -> {
            for (int i = 0; i < reps; i++) {
                op.run();
            }
        });
        Stats per = new Stats(batch.median() / reps, batch.p25() / reps, batch.p75() / reps, batch.min() / reps,
                batch.max() / reps, batch.iterations());
        return new BenchResult(name, per, flops, Map.of("us_per_call", per.median() * 1000));
    }

    /** One lstmLayer (time-major [T, B, D]) + dense softmax head with cross-entropy, Adam(1e-3). */
    private static final class FusedLstm {
        final SameDiff sd = SameDiff.create();
        final DataSet data;

        FusedLstm(RnnShape s) {
            Nd4j.getRandom().setSeed(42);
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, s.t(), s.b(), s.d());
            SDVariable y = sd.placeHolder("y", DataType.FLOAT, (long) s.t() * s.b(), s.d());
            double scale = Math.sqrt(1.0 / s.h());
            SDVariable w = sd.var("W", Nd4j.randn(DataType.FLOAT, s.d(), 4L * s.h()).muli(scale));
            SDVariable r = sd.var("R", Nd4j.randn(DataType.FLOAT, s.h(), 4L * s.h()).muli(scale));
            SDVariable b = sd.var("b", Nd4j.zeros(DataType.FLOAT, 4L * s.h()));
            LSTMLayerConfig cfg = LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.TNS)
                    .directionMode(LSTMDirectionMode.FWD).retFullSequence(true).retLastH(false).retLastC(false)
                    .build();
            SDVariable h = sd.rnn.lstmLayer(x, LSTMLayerWeights.builder().weights(w).rWeights(r).bias(b).build(),
                    cfg)[0];
            SDVariable flat = h.reshape((long) s.t() * s.b(), s.h());
            SDVariable wo = sd.var("Wo", Nd4j.randn(DataType.FLOAT, s.h(), s.d()).muli(scale));
            SDVariable bo = sd.var("bo", Nd4j.zeros(DataType.FLOAT, 1, s.d()));
            SDVariable logits = flat.mmul(wo).add(bo);
            sd.nn.softmax("probs", logits, 1);
            sd.loss.softmaxCrossEntropy("loss", y, logits, null);
            sd.setLossVariables("loss");
            sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3))
                    .dataSetFeatureMapping("x").dataSetLabelMapping("y").build());
            DataSet ncw = RnnBenchmarks.batch(s);
            INDArray feats = ncw.getFeatures().permute(2, 0, 1).dup('c');
            INDArray labels = ncw.getLabels().permute(2, 0, 1).dup('c').reshape((long) s.t() * s.b(), s.d());
            data = new DataSet(feats, labels);
        }
    }
}
