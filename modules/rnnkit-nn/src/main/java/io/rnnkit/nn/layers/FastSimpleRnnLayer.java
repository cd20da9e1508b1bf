package io.rnnkit.nn.layers;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.openblas.global.openblas;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network-side layer of {@link FastSimpleRnn}: for float input with tanh, no layer norm, a 0/1 mask (or
 * none) and batch × units above 2,048, the forward and backward passes are direct column-major GEMMs (one for all steps' input projections,
 * one per step for the recurrence, one per weight gradient) and vectorisable Java loops, as in
 * {@link LstmFloatKernel}; everything else is DL4J's {@link SimpleRnn}. DL4J's semantics are kept: a masked step
 * outputs zero and the next step starts from that zero, and the backward pass recomputes the forward pass from
 * a zero state (also under truncated BPTT).
 */
public class FastSimpleRnnLayer extends SimpleRnn {

    private final NativeBuffer x = new NativeBuffer();    // [D][T][B]
    private final NativeBuffer z = new NativeBuffer();    // [H][T][B] pre-activations, then their gradients
    private final NativeBuffer hs = new NativeBuffer();   // [H][T+1][B] outputs, block 0 the initial state
    private final NativeBuffer w = new NativeBuffer();    // W, column-major [D, H]
    private final NativeBuffer rw = new NativeBuffer();   // RW, column-major [H, H]
    private final NativeBuffer rwT = new NativeBuffer();  // RWᵀ, column-major [H, H]
    private final NativeBuffer dh = new NativeBuffer();   // [H][B]
    private final NativeBuffer grad = new NativeBuffer(); // a weight gradient, column-major
    private final NativeBuffer epsScratch = new NativeBuffer();
    /** Outputs per step ([H][B] each), kept for the backward pass. */
    private float[][] a = new float[0][];
    private float[] bias = new float[0];
    private float[] mExp = new float[0];
    /** Whether the last pass took the fast path (for tests). */
    private boolean lastFast;
    /**
     * The output shape of a training-mode pass from a zero state whose buffers ({@link #a}, the native ones) are
     * still here, for the backward pass that follows (see {@link KeptPass}).
     */
    private final transient KeptPass<long[]> pending = new KeptPass<>(shape -> { });
    /** Whether the last backward pass reused the forward pass (for tests). */
    private boolean lastReused;

    /**
     * @param conf     configuration whose layer is a {@link FastSimpleRnn}
     * @param dataType network data type
     */
    public FastSimpleRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean fast() {
        boolean fast = dataType == DataType.FLOAT && input != null && input.rank() == 3 && !hasLayerNorm()
                && layerConf().getActivationFn().getClass() == ActivationTanH.class
                // Small steps (one sampled character) are cheaper through DL4J's few ops than the copies here.
                && !FusedStepMath.fusedForward(input.size(0) * layerConf().getNOut())
                && FloatKernels.fits(layerConf().getNOut(), input.size(0), input.size(2), layerConf().getNIn())
                && (maskArray == null || binary(maskArray));
        lastFast = fast;
        return fast;
    }

    private static boolean binary(INDArray mask) {
        for (float v : mask.castTo(DataType.FLOAT).data().asFloat()) {
            if (v != 0f && v != 1f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.activate(training, workspaceMgr);
        }
        INDArray out = forward(null, training, workspaceMgr, ArrayType.ACTIVATIONS);
        if (training) {
            pending.keep(out.shape(), input, maskArray);
        }
        return permuteIfNWC(out);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        if (!fast()) {
            return super.rnnTimeStep(input, workspaceMgr);
        }
        INDArray out = forward(stateMap.get(STATE_KEY_PREV_ACTIVATION), false, workspaceMgr, ArrayType.ACTIVATIONS);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, lastState(out));
        return permuteIfNWC(out);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        if (!fast()) {
            return super.rnnActivateUsingStoredState(input, training, storeLastForTBPTT, workspaceMgr);
        }
        INDArray out = forward(tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), training, workspaceMgr,
                ArrayType.ACTIVATIONS);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, lastState(out));
        }
        return permuteIfNWC(out);
    }

    private static INDArray lastState(INDArray ncw) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return ncw.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(ncw.size(2) - 1)).dup();
        }
    }

    /** The forward pass from {@code prev} ([B, H] or null); returns NCW [B, H, T] over [H][T][B] memory. */
    private INDArray forward(INDArray prev, boolean training, LayerWorkspaceMgr ws, ArrayType outType) {
        pending.drop();
        applyDropOutIfNecessary(training, ws);
        INDArray in = permuteIfNWC(input.castTo(DataType.FLOAT));
        int batch = (int) in.size(0);
        int nIn = (int) in.size(1);
        int steps = (int) in.size(2);
        int units = (int) layerConf().getNOut();
        if (nIn != layerConf().getNIn()) {
            return super.activate(training, ws);   // DL4J's error message for the wrong feature count
        }
        if (prev != null && (prev.rank() != 2 || prev.size(0) != batch)) {
            throw new IllegalStateException("SimpleRNN layer " + RecurrentBuffers.describe(layerConf().getLayerName(),
                    getIndex()) + ": stored state has shape " + Arrays.toString(prev.shape()) + " but this input "
                    + "has batch " + batch + "; call rnnClearPreviousState() when the batch size changes");
        }
        int hb = units * batch;
        int tb = steps * batch;
        int ldh = (steps + 1) * batch;
        x.size((long) nIn * tb).view(nIn, steps, batch).assign(in.permute(1, 2, 0));
        w.size((long) nIn * units).columnMajor(nIn, units)
                .assign(getParamWithNoise(SimpleRnnParamInitializer.WEIGHT_KEY, training, ws));
        rw.size((long) units * units).columnMajor(units, units)
                .assign(getParamWithNoise(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, training, ws));
        float[] b = getParamWithNoise(SimpleRnnParamInitializer.BIAS_KEY, training, ws).castTo(DataType.FLOAT)
                .toFloatVector();
        if (bias.length != hb) {
            bias = new float[hb];
            mExp = new float[hb];
        }
        for (int j = 0; j < units; j++) {
            Arrays.fill(bias, j * batch, (j + 1) * batch, b[j]);
        }
        z.size((long) units * tb);
        hs.size((long) units * ldh);
        a = FloatKernels.rows(a, steps, hb);
        float[][] mask = FloatKernels.maskColumns(maskArray, batch, steps);
        float[] h0 = FloatKernels.state(prev, batch, units);
        float[] zero = new float[hb];
        FloatKernels.writeStep(hs.buf, 0, units, ldh, 0, batch, h0 == null ? zero : h0);
        openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, tb, units, nIn, 1f, x.ptr, tb, w.ptr, nIn, 0f,
                z.ptr, tb);
        float[] zt = new float[hb];
        for (int t = 0; t < steps; t++) {
            if (t > 0 || h0 != null) {
                openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, batch, units, units, 1f,
                        hs.at((long) t * batch), ldh, rw.ptr, units, 1f, z.at((long) t * batch), tb);
            }
            FloatKernels.readStep(z.buf, 0, units, tb, t, batch, zt);
            float[] out = a[t];
            for (int k = 0; k < hb; k++) {
                out[k] = FloatActivations.tanh(zt[k] + bias[k]);
            }
            if (mask != null) {
                float[] m = FloatKernels.expand(mask[t], mExp, units, batch);
                for (int k = 0; k < hb; k++) {
                    out[k] *= m[k];
                }
            }
            FloatKernels.writeStep(hs.buf, 0, units, ldh, t + 1, batch, out);
        }
        INDArray outHtb = ws.createUninitialized(outType, DataType.FLOAT, new long[] {units, steps, batch}, 'c');
        return FloatKernels.outputNcw(outHtb, null, units, batch, steps, hs);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!fast()) {
            return super.tbpttBackpropGradient(epsilon, tbpttBackLength, workspaceMgr);
        }
        // As DL4J's layer: the forward pass from a zero state (kept from activate(), else run again here).
        long[] shape = pending.take(input, maskArray, kept -> true);
        lastReused = shape != null;
        if (!lastReused) {
            shape = forward(null, true, workspaceMgr, ArrayType.BP_WORKING_MEM).shape();
        }
        int batch = (int) shape[0];
        int units = (int) shape[1];
        int steps = (int) shape[2];
        int nIn = (int) layerConf().getNIn();
        int hb = units * batch;
        int tb = steps * batch;
        int ldh = (steps + 1) * batch;
        float[][] mask = FloatKernels.maskColumns(maskArray, batch, steps);
        float[][] eps = FloatKernels.loadEpsilonRows(permuteIfNWC(epsilon), epsScratch, units, steps, batch);
        rwT.size((long) units * units).view(units, units).assign(
                getParamWithNoise(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr));
        dh.size(hb);
        float[] rec = new float[hb];
        float[] dz = new float[hb];
        float[] biasSum = new float[hb];
        int end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        for (int t = steps - 1; t >= end; t--) {
            float[] out = a[t];
            float[] e = eps[t];
            for (int k = 0; k < hb; k++) {
                dz[k] = (e[k] + rec[k]) * (1f - out[k] * out[k]);
            }
            if (mask != null) {
                float[] m = FloatKernels.expand(mask[t], mExp, units, batch);
                for (int k = 0; k < hb; k++) {
                    dz[k] *= m[k];
                }
            }
            for (int k = 0; k < hb; k++) {
                biasSum[k] += dz[k];
            }
            FloatKernels.writeStep(z.buf, 0, units, tb, t, batch, dz);
            if (t > end) {
                openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, batch, units, units, 1f,
                        z.at((long) t * batch), tb, rwT.ptr, units, 0f, dh.ptr, batch);
                dh.buf.get(0, rec, 0, hb);
            }
        }
        if (end > 0) {
            FloatKernels.zeroSteps(z.buf, units, tb, end, batch);
        }
        INDArray wg = gradientViews.get(SimpleRnnParamInitializer.WEIGHT_KEY);
        INDArray rwg = gradientViews.get(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(SimpleRnnParamInitializer.BIAS_KEY);
        grad.size((long) Math.max(nIn, units) * units);
        openblas.cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, nIn, units, tb, 1f, x.ptr, tb, z.ptr, tb, 0f,
                grad.ptr, nIn);
        wg.assign(grad.columnMajor(nIn, units));
        // dRW = Σ over steps t > end of output(t−1)ᵀ · dz(t) (DL4J's layer has no term for the initial state).
        int pairs = (steps - 1 - end) * batch;
        if (pairs > 0) {
            openblas.cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, units, units, pairs, 1f,
                    hs.at((long) (end + 1) * batch), ldh, z.at((long) (end + 1) * batch), tb, 0f, grad.ptr, units);
            rwg.assign(grad.columnMajor(units, units));
        } else {
            rwg.assign(0);
        }
        bg.assign(Nd4j.createFromArray(FloatKernels.unitSums(new float[][] {biasSum}, units, batch))
                .reshape(bg.shape()));
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {nIn, steps, batch}, 'c');
        openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasTrans, tb, nIn, units, 1f, z.ptr, tb, w.ptr, nIn, 0f,
                NativeBuffer.pointer(dx), tb);
        weightNoiseParams.clear();
        Gradient g = new DefaultGradient(gradientsFlattened);
        g.gradientForVariable().put(SimpleRnnParamInitializer.WEIGHT_KEY, wg);
        g.gradientForVariable().put(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, rwg);
        g.gradientForVariable().put(SimpleRnnParamInitializer.BIAS_KEY, bg);
        return new Pair<>(g, permuteIfNWC(backpropDropOutIfPresent(dx.permute(2, 0, 1))));
    }

    @Override
    public void setParams(INDArray params) {
        pending.drop();
        super.setParams(params);
    }

    @Override
    public void setParam(String key, INDArray val) {
        pending.drop();
        super.setParam(key, val);
    }

    @Override
    public void setParamTable(java.util.Map<String, INDArray> paramTable) {
        pending.drop();
        super.setParamTable(paramTable);
    }

    @Override
    public void clear() {
        pending.drop();
        super.clear();
    }

    /** Whether the last pass took the fast path. */
    boolean lastFast() {
        return lastFast;
    }

    /** Whether the last backward pass reused the training-mode forward pass. */
    boolean lastReused() {
        return lastReused;
    }
}
