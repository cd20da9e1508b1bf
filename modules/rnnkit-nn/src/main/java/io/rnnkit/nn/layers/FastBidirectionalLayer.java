package io.rnnkit.nn.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.FloatBuffer;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network-side layer of {@link FastBidirectional}. For float NCW sequences merged by CONCAT, ADD or
 * AVERAGE, the backward direction's output is reversed in time and merged into {@code [units][time][batch]}
 * memory with bulk copies; DL4J's wrapper duplicated it into 'f' order, gathered it, and concatenated with
 * ND4J's generic strided copy, which took as long as both directions' LSTM passes together (measured: 60 of
 * 125 ms of a [32, 64, 100] → 2 × 256 inference). MUL, NWC, double precision and wrapped layers other
 * than plain recurrent ones take DL4J's code.
 */
public class FastBidirectionalLayer extends BidirectionalLayer {

    private final Layer forward;
    private final Layer backward;
    /** Time-reversal scratch. */
    private final NativeBuffer scratch = new NativeBuffer();

    /**
     * @param conf       configuration whose layer is a {@link FastBidirectional}
     * @param fwd        the forward direction's layer
     * @param bwd        the backward direction's layer
     * @param paramsView both layers' parameters
     */
    public FastBidirectionalLayer(NeuralNetConfiguration conf, Layer fwd, Layer bwd, INDArray paramsView) {
        super(conf, fwd, bwd, paramsView);
        this.forward = fwd;
        this.backward = bwd;
    }

    private Bidirectional.Mode mode() {
        return ((Bidirectional) conf().getLayer()).getMode();
    }

    /** Whether the fast merge applies: float, NCW, a plain recurrent layer inside, not MUL. */
    private boolean fast() {
        Bidirectional b = (Bidirectional) conf().getLayer();
        return b.getMode() != Bidirectional.Mode.MUL && b.getRNNDataFormat() == RNNFormat.NCW
                && b.getFwd() instanceof BaseRecurrentLayer && params() != null
                && params().dataType() == DataType.FLOAT;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.activate(training, workspaceMgr);
        }
        INDArray out1 = forward.activate(training, workspaceMgr);
        INDArray out2 = backward.activate(training, workspaceMgr);
        int batch = (int) out1.size(0);
        int units = (int) out1.size(1);
        int steps = (int) out1.size(2);
        boolean concat = mode() == Bidirectional.Mode.CONCAT;
        INDArray ret = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {concat ? 2L * units : units, steps, batch}, 'c');
        ret.get(interval(0, units), all(), all()).assign(out1.permute(1, 2, 0));
        reverseInto(out2, ret, concat ? units : 0, units, steps, batch, !concat);
        if (mode() == Bidirectional.Mode.AVERAGE) {
            ret.muli(0.5);
        }
        return ret.permute(2, 0, 1);
    }

    /**
     * {@code src} NCW {@code [B, k, T]} reversed in time into channels {@code [first, first + k)} of
     * {@code dst} (a fresh c-order {@code [K, T, B]} array), or added to them.
     */
    private void reverseInto(INDArray src, INDArray dst, int first, int k, int steps, int batch, boolean add) {
        int tb = steps * batch;
        scratch.size((long) k * tb).view(k, steps, batch).assign(src.permute(1, 2, 0));
        FloatBuffer in = scratch.buf;
        FloatBuffer out = NativeBuffer.floats(dst);
        float[] row = new float[tb];
        float[] rev = new float[tb];
        for (int j = 0; j < k; j++) {
            in.get(j * tb, row, 0, tb);
            for (int t = 0; t < steps; t++) {
                System.arraycopy(row, t * batch, rev, (steps - 1 - t) * batch, batch);
            }
            int at = (first + j) * tb;
            if (add) {
                out.get(at, row, 0, tb);
                for (int i = 0; i < tb; i++) {
                    rev[i] += row[i];
                }
            }
            out.put(at, rev, 0, tb);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fast() || epsilon.rank() != 3) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        int batch = (int) epsilon.size(0);
        int steps = (int) epsilon.size(2);
        int units = (int) (mode() == Bidirectional.Mode.CONCAT ? epsilon.size(1) / 2 : epsilon.size(1));
        INDArray eFwd;
        INDArray eBwdSource;
        switch (mode()) {
            case CONCAT -> {
                eFwd = epsilon.get(all(), interval(0, units), all());
                eBwdSource = epsilon.get(all(), interval(units, 2L * units), all());
            }
            case AVERAGE -> {
                eFwd = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, epsilon).muli(0.5);
                eBwdSource = eFwd;
            }
            default -> {
                eFwd = epsilon;
                eBwdSource = epsilon;
            }
        }
        INDArray eBwd = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {units, steps, batch}, 'c');
        reverseInto(eBwdSource, eBwd, 0, units, steps, batch, false);
        Pair<Gradient, INDArray> g1 = forward.backpropGradient(eFwd, workspaceMgr);
        Pair<Gradient, INDArray> g2 = backward.backpropGradient(eBwd.permute(2, 0, 1), workspaceMgr);

        Gradient g = new DefaultGradient(getGradientsViewArray());
        for (Map.Entry<String, INDArray> e : g1.getFirst().gradientForVariable().entrySet()) {
            g.gradientForVariable().put(BidirectionalParamInitializer.FORWARD_PREFIX + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : g2.getFirst().gradientForVariable().entrySet()) {
            g.gradientForVariable().put(BidirectionalParamInitializer.BACKWARD_PREFIX + e.getKey(), e.getValue());
        }
        // dL/dx = forward's + backward's reversed in time, in the forward's array (ACTIVATION_GRAD memory).
        INDArray d1 = g1.getSecond();
        INDArray d2 = g2.getSecond();
        long nIn = d1.size(1);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {nIn, steps, batch}, 'c');
        out.assign(d1.permute(1, 2, 0));
        reverseInto(d2, out, 0, (int) nIn, steps, batch, true);
        return new Pair<>(g, out.permute(2, 0, 1));
    }
}
