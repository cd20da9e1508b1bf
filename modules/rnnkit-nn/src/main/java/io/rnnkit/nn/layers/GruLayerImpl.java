package io.rnnkit.nn.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.common.primitives.Pair;

/**
 * The network-side GRU layer created from a {@link GruLayer} configuration.
 *
 * <p>Speed: the input projections of all time steps are one GEMM ({@code [T·B, D] × [D, 3H]});
 * per step there is one recurrent GEMM and a handful of element-wise ops on contiguous slices of
 * preallocated buffers. In backprop each step is the recurrent GEMM plus one pass of
 * {@link FusedStepMath} (default activations); the weight and input gradients are three big GEMMs
 * over all steps.
 *
 * <p>Internally time runs along the slowest axis: buffers are {@code [T·B, k]} row-major, so the
 * rows of step {@code t} are the contiguous block {@code [t·B, (t+1)·B)}.
 */
public class GruLayerImpl extends BaseRecurrentLayer<GruLayer> {

    /** Key of the last output (= hidden state) {@code [batch, nOut]} in the state maps. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    private static final String KIND = "GRU";

    /** Whether the last backward pass used the fused element-wise math (for tests). */
    private boolean lastBackpropFused;
    /** Whether the last forward pass used the fused step (for tests). */
    private boolean lastForwardFused;
    /** Whether the last forward pass ran on {@link GruFloatKernel} (for tests). */
    private boolean lastForwardKernel;
    /** Whether the last backward pass reused the training-mode forward pass (for tests). */
    private boolean lastBackpropReused;
    /** Buffers of the float kernel, kept between passes; created on first use. */
    private transient GruFloatKernel kernel;
    /** A training-mode kernel pass kept for the backward pass that follows it (see {@link KeptPass}). */
    private final transient KeptPass<GruFloatKernel.Forward> pending = new KeptPass<>(f -> kernel.release(f));

    /** Whether large float steps run on {@link GruFloatKernel} (default); {@code -Drnnkit.gruKernel=false} turns it off. */
    static volatile boolean kernelEnabled = !"false".equals(System.getProperty("rnnkit.gruKernel"));

    /**
     * Creates the layer; normally done by {@link GruLayer#instantiate}.
     *
     * @param conf     configuration whose layer is a {@link GruLayer}
     * @param dataType network data type
     */
    public GruLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Everything one forward pass produces; the per-step arrays are kept only for backprop. */
    private static final class Pass {
        /** Output in NCW [B, H, T], zero at masked steps. */
        INDArray out;
        /** State after the last step [B, H]. */
        INDArray last;
        /** Inputs [T·B, D]. */
        INDArray x;
        /** States [(T+1)·B, H]: block 0 is the initial state, block t+1 the state after step t. */
        INDArray states;
        /** Gate outputs z|r [T·B, 2H] and their pre-activations. */
        INDArray zr;
        INDArray zrPre;
        /** Candidate hh [T·B, H] and its pre-activation. */
        INDArray hh;
        INDArray hhPre;
        /** Recurrent projections h·U + bU [T·B, 3H] (only the h block is read in backprop). */
        INDArray hp;
        /** The float kernel's pass, when it ran (then only out and last are set above). */
        GruFloatKernel.Forward kernel;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(null, training, false, workspaceMgr).out;
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass p = forward(stateMap.get(STATE_KEY_PREV_ACTIVATION), false, false, workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, p.last.detach());
        return p.out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass p = forward(tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), training, false, workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, p.last.detach());
        }
        return p.out;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        // Like DL4J's LSTM: the mask is used inside the layer and passed on unchanged.
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, null, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        // During a truncated-BPTT segment stateMap holds the state the segment started from.
        Pair<Gradient, INDArray> result =
                backprop(epsilon, stateMap.get(STATE_KEY_PREV_ACTIVATION), tbpttBackLength, workspaceMgr);
        return result;
    }

    // ---------------------------------------------------------------------------------------------
    // Forward

    private Pass forward(INDArray initialState, boolean training, boolean forBackprop,
                         LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            RecurrentBuffers.checkInput(KIND, where(), input, input, layerConf().getNIn(), getDataFormat());
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(input.castTo(dataType));   // [B, D, T]
        GruLayer c = layerConf();
        long batch = in.size(0);
        long nIn = c.getNIn();
        long h = c.getNOut();
        long steps = in.size(2);
        RecurrentBuffers.checkInput(KIND, where(), input, in, nIn, getDataFormat());
        RecurrentBuffers.checkState(KIND, where(), initialState, batch, h);
        INDArray mask = checkedMask(batch, steps);

        INDArray w = getParamWithNoise(GruParamInitializer.INPUT_WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(GruParamInitializer.BIAS_KEY, training, workspaceMgr);
        INDArray bIn = b.get(all(), interval(0, 3 * h));
        INDArray bRec = b.get(all(), interval(3 * h, 6 * h));
        IActivation act = c.getActivationFn();
        IActivation gate = c.getGateActivationFn();

        // In backprop only the BP workspace is guaranteed to be open.
        ArrayType keep = forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM;
        long rows = steps * batch;
        Pass p = new Pass();
        lastForwardKernel = kernelEnabled && dataType == DataType.FLOAT && act.getClass() == ActivationTanH.class
                && gate.getClass() == ActivationSigmoid.class && !FusedStepMath.fusedForward(batch * h)
                && FloatKernels.fits(3 * h, steps, batch, nIn);
        if (lastForwardKernel) {
            lastForwardFused = false;
            if (kernel == null) {
                kernel = new GruFloatKernel();
            }
            pending.drop();
            p.kernel = kernel.forward(in, w, rw, b, initialState, mask, forBackprop || training, workspaceMgr,
                    forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.ACTIVATIONS);
            if (training && !forBackprop) {
                pending.keep(p.kernel, input, maskArray);
            }
            p.last = p.kernel.last;
            p.out = forBackprop ? p.kernel.out : permuteIfNWC(p.kernel.out);
            return p;
        }

        // x: [T·B, D], row t·B + b holds input (b, :, t).
        p.x = RecurrentBuffers.timeMajor(in, workspaceMgr, keep, dataType);

        // All input projections in one GEMM; the z and r recurrent biases are folded in here too
        // (they add to the same pre-activation), only the candidate's recurrent bias must stay
        // inside r ⊙ (h·Uh + buh).
        INDArray xp = workspaceMgr.createUninitialized(keep, dataType, new long[] {rows, 3 * h}, 'c');
        Nd4j.gemm(p.x, w, xp, false, false, 1.0, 0.0);
        INDArray bias = bIn.dup();
        bias.get(all(), interval(0, 2 * h)).addi(bRec.get(all(), interval(0, 2 * h)));
        xp.addiRowVector(bias);
        INDArray bRecH = bRec.get(all(), interval(2 * h, 3 * h));

        p.states = workspaceMgr.createUninitialized(keep, dataType, new long[] {rows + batch, h}, 'c');
        INDArray state0 = block(p.states, 0, batch);
        if (initialState == null) {
            state0.assign(0);
        } else {
            state0.assign(initialState.castTo(dataType));
        }
        long perStep = forBackprop ? rows : batch;
        p.hp = workspaceMgr.createUninitialized(keep, dataType, new long[] {perStep, 3 * h}, 'c');
        p.zr = workspaceMgr.createUninitialized(keep, dataType, new long[] {perStep, 2 * h}, 'c');
        p.hh = workspaceMgr.createUninitialized(keep, dataType, new long[] {perStep, h}, 'c');
        if (forBackprop) {
            p.zrPre = workspaceMgr.createUninitialized(keep, dataType, new long[] {rows, 2 * h}, 'c');
            p.hhPre = workspaceMgr.createUninitialized(keep, dataType, new long[] {rows, h}, 'c');
        }
        // Small steps (one review, one sampled character) run as one fused Java pass; large ones as ND4J ops
        // (see FusedStepMath.forwardMaxCells).
        boolean fused = FusedStepMath.fusedForward(batch * h) && FusedStepMath.supports(act, gate, dataType, xp,
                p.hp, p.zr, p.hh, p.states) && (!forBackprop || FusedStepMath.direct(p.zrPre) && FusedStepMath.direct(p.hhPre));
        lastForwardFused = fused;
        FusedStepMath.GruForwardBuffers fb = fused ? new FusedStepMath.GruForwardBuffers(xp, p.hp, p.zr, p.hh,
                forBackprop ? p.zrPre : null, forBackprop ? p.hhPre : null, p.states,
                bRecH.dup().data().asDouble()) : null;
        double[][] maskCols = fused ? FusedStepMath.maskColumns(mask) : null;
        INDArray diff = fused ? null : workspaceMgr.createUninitialized(keep, dataType, new long[] {batch, h}, 'c');
        INDArray oneMinusZ = fused ? null : workspaceMgr.createUninitialized(keep, dataType, new long[] {batch, h}, 'c');

        for (int t = 0; t < steps; t++) {
            int slot = forBackprop ? t : 0;
            INDArray hPrev = block(p.states, t, batch);
            INDArray hpT = block(p.hp, slot, batch);
            Nd4j.gemm(hPrev, rw, hpT, false, false, 1.0, 0.0);
            if (fused) {
                FusedStepMath.gruForward(fb, t, slot, (int) batch, (int) h, maskCols == null ? null : maskCols[t]);
                continue;
            }
            INDArray hNew = block(p.states, t + 1, batch);
            INDArray xpT = block(xp, t, batch);
            INDArray zrT = block(p.zr, slot, batch);
            INDArray hhT = block(p.hh, slot, batch);
            INDArray hpH = hpT.get(all(), interval(2 * h, 3 * h));
            hpH.addiRowVector(bRecH);

            // z|r = gate(xp_zr + hp_zr)
            xpT.get(all(), interval(0, 2 * h)).add(hpT.get(all(), interval(0, 2 * h)), zrT);
            if (forBackprop) {
                block(p.zrPre, t, batch).assign(zrT);
            }
            gate.getActivation(zrT, training);
            INDArray z = zrT.get(all(), interval(0, h));
            INDArray r = zrT.get(all(), interval(h, 2 * h));

            // hh = act(xp_h + r ⊙ hp_h)
            r.mul(hpH, hhT);
            hhT.addi(xpT.get(all(), interval(2 * h, 3 * h)));
            if (forBackprop) {
                block(p.hhPre, t, batch).assign(hhT);
            }
            act.getActivation(hhT, training);

            // h' = z ⊙ h + (1 − z) ⊙ hh = h + (1 − z) ⊙ (hh − h); a masked row keeps h.
            hhT.sub(hPrev, diff);
            z.rsub(1.0, oneMinusZ);
            diff.muli(oneMinusZ);
            if (mask != null) {
                diff.muliColumnVector(mask.getColumn(t, true));
            }
            hPrev.add(diff, hNew);
        }

        p.last = block(p.states, steps, batch);
        INDArray out = RecurrentBuffers.toNcw(p.states.get(interval(batch, rows + batch), all()), batch, steps, mask,
                workspaceMgr, forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.ACTIVATIONS, dataType);
        p.out = forBackprop ? out : permuteIfNWC(out);
        return p;
    }

    // ---------------------------------------------------------------------------------------------
    // Backprop through time

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray initialState, int tbpttBackLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Pass p = takePending(initialState);
        lastBackpropReused = p != null;
        if (p == null) {
            p = forward(initialState, true, true, workspaceMgr);
        }
        if (initialState != null || tbpttBackLength > 0) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, p.last.detach());
        }
        GruLayer c = layerConf();
        long h = c.getNOut();
        long nIn = c.getNIn();
        long batch = p.out.size(0);
        long steps = p.out.size(2);
        long rows = steps * batch;
        INDArray mask = checkedMask(batch, steps);
        INDArray w = getParamWithNoise(GruParamInitializer.INPUT_WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        IActivation act = c.getActivationFn();
        IActivation gate = c.getGateActivationFn();

        if (p.kernel != null) {
            INDArray wGrad = gradientViews.get(GruParamInitializer.INPUT_WEIGHT_KEY);
            INDArray rwGrad = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
            INDArray bGrad = gradientViews.get(GruParamInitializer.BIAS_KEY);
            INDArray dx;
            try {
                dx = kernel.backward(p.kernel, permuteIfNWC(epsilon), rw, tbpttBackLength, wGrad, rwGrad, bGrad,
                        workspaceMgr);
            } finally {
                kernel.release(p.kernel);
            }
            weightNoiseParams.clear();
            Gradient g = new DefaultGradient(gradientsFlattened);
            g.gradientForVariable().put(GruParamInitializer.INPUT_WEIGHT_KEY, wGrad);
            g.gradientForVariable().put(GruParamInitializer.RECURRENT_WEIGHT_KEY, rwGrad);
            g.gradientForVariable().put(GruParamInitializer.BIAS_KEY, bGrad);
            return new Pair<>(g, permuteIfNWC(backpropDropOutIfPresent(dx)));
        }

        // dL/d(out) as [T·B, H], row block t = step t.
        INDArray eps = RecurrentBuffers.timeMajor(permuteIfNWC(epsilon.castTo(dataType)), workspaceMgr,
                ArrayType.BP_WORKING_MEM, dataType);

        // Gradients w.r.t. the input projections (x·W + b) and recurrent projections (h·U + bU).
        INDArray dxp = workspaceMgr.create(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, 3 * h}, 'c');
        INDArray dhp = workspaceMgr.create(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, 3 * h}, 'c');
        INDArray dh = workspaceMgr.create(ArrayType.BP_WORKING_MEM, dataType, new long[] {batch, h}, 'c');
        INDArray dhNext = workspaceMgr.create(ArrayType.BP_WORKING_MEM, dataType, new long[] {batch, h}, 'c');
        INDArray dZr = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {batch, 2 * h}, 'c');
        INDArray dHh = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {batch, h}, 'c');
        INDArray tmp = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {batch, h}, 'c');

        long end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        // Default activations: the step's gradient math is one Java pass (derivatives from the stored
        // outputs, no transcendental functions), faster than ~20 ND4J ops; others take ND4J ops.
        boolean fused = FusedStepMath.supports(act, gate, dataType, eps, dxp, dhp, dhNext, p.states, p.zr, p.hh, p.hp);
        lastBackpropFused = fused;
        if (fused) {
            FusedStepMath.GruBuffers bufs = new FusedStepMath.GruBuffers(p.states, p.zr, p.hh, p.hp, dxp, dhp);
            double[][] maskCols = FusedStepMath.maskColumns(mask);
            for (long t = steps - 1; t >= end; t--) {
                FusedStepMath.gruBackward(bufs, eps, dhNext, (int) t, (int) batch, (int) h,
                        maskCols == null ? null : maskCols[(int) t]);
                Nd4j.gemm(block(dhp, t, batch), rw, dhNext, false, true, 1.0, 1.0);
            }
        }
        for (long t = fused ? -1 : steps - 1; t >= end; t--) {
            INDArray m = mask == null ? null : mask.getColumn(t, true);
            INDArray hPrev = block(p.states, t, batch);
            INDArray zrT = block(p.zr, t, batch);
            INDArray z = zrT.get(all(), interval(0, h));
            INDArray r = zrT.get(all(), interval(h, 2 * h));
            INDArray hhT = block(p.hh, t, batch);
            INDArray hpH = block(p.hp, t, batch).get(all(), interval(2 * h, 3 * h));
            INDArray dxpT = block(dxp, t, batch);
            INDArray dhpT = block(dhp, t, batch);

            // dh = dL/dh_t: from this step's output (zero where masked) and from step t+1.
            INDArray epsT = block(eps, t, batch);
            if (m != null) {
                epsT.muliColumnVector(m);
            }
            epsT.add(dhNext, dh);
            // a = dL/dh'_t: a masked row passes its gradient straight to h_{t-1}.
            INDArray a = dh;
            if (m != null) {
                a = dh.mulColumnVector(m);
            }
            INDArray dz = dZr.get(all(), interval(0, h));
            INDArray dr = dZr.get(all(), interval(h, 2 * h));
            // dz = a ⊙ (h_{t-1} − hh)
            hPrev.sub(hhT, dz);
            dz.muli(a);
            // dhh = a ⊙ (1 − z)
            z.rsub(1.0, dHh);
            dHh.muli(a);
            // dh_{t-1} (direct path) = dh − dhh  (= a ⊙ z + (1 − m) ⊙ dh)
            dh.sub(dHh, dhNext);
            // through the candidate activation
            INDArray dhhPre = act.backprop(block(p.hhPre, t, batch), dHh).getFirst();
            dxpT.get(all(), interval(2 * h, 3 * h)).assign(dhhPre);
            dhhPre.mul(hpH, dr);
            dhhPre.mul(r, tmp);
            dhpT.get(all(), interval(2 * h, 3 * h)).assign(tmp);
            // through the gate activation
            INDArray dZrPre = gate.backprop(block(p.zrPre, t, batch), dZr).getFirst();
            dxpT.get(all(), interval(0, 2 * h)).assign(dZrPre);
            dhpT.get(all(), interval(0, 2 * h)).assign(dZrPre);
            // dh_{t-1} += dhp_t · Uᵀ
            Nd4j.gemm(dhpT, rw, dhNext, false, true, 1.0, 1.0);
        }

        // Weight and bias gradients: one GEMM / sum over all steps each.
        INDArray wGrad = gradientViews.get(GruParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rwGrad = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(GruParamInitializer.BIAS_KEY);
        Nd4j.gemm(p.x, dxp, wGrad, true, false, 1.0, 0.0);
        INDArray prevStates = p.states.get(interval(0, rows), all());
        Nd4j.gemm(prevStates, dhp, rwGrad, true, false, 1.0, 0.0);
        bGrad.get(all(), interval(0, 3 * h)).assign(dxp.sum(true, 0));
        bGrad.get(all(), interval(3 * h, 6 * h)).assign(dhp.sum(true, 0));

        // dL/dx: [T·B, D] -> [B, D, T]
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, nIn}, 'c');
        Nd4j.gemm(dxp, w, dx, false, true, 1.0, 0.0);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {batch, nIn, steps}, 'f');
        epsOut.assign(dx.reshape('c', steps, batch, nIn).permute(1, 2, 0));

        weightNoiseParams.clear();
        Gradient g = new DefaultGradient(gradientsFlattened);
        g.gradientForVariable().put(GruParamInitializer.INPUT_WEIGHT_KEY, wGrad);
        g.gradientForVariable().put(GruParamInitializer.RECURRENT_WEIGHT_KEY, rwGrad);
        g.gradientForVariable().put(GruParamInitializer.BIAS_KEY, bGrad);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(g, permuteIfNWC(epsOut));
    }

    // ---------------------------------------------------------------------------------------------

    /** Whether the last backward pass ran the fused element-wise math (default activations). */
    boolean lastBackpropFused() {
        return lastBackpropFused;
    }

    boolean lastForwardFused() {
        return lastForwardFused;
    }

    boolean lastForwardKernel() {
        return lastForwardKernel;
    }

    boolean lastBackpropReused() {
        return lastBackpropReused;
    }

    /** The kept training-mode pass if it was computed on this input, mask and initial state; else null. */
    private Pass takePending(INDArray initialState) {
        GruFloatKernel.Forward f = pending.take(input, maskArray, k -> k.startsFrom(initialState));
        if (f == null) {
            return null;
        }
        Pass p = new Pass();
        p.kernel = f;
        p.out = f.out;
        p.last = f.last;
        return p;
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

    private static INDArray block(INDArray buffer, long t, long batch) {
        return RecurrentBuffers.block(buffer, t, batch);
    }

    private INDArray checkedMask(long batch, long steps) {
        return RecurrentBuffers.checkedMask(KIND, where(), maskArray, batch, steps, dataType);
    }

    private String where() {
        return RecurrentBuffers.describe(layerConf().getLayerName(), getIndex());
    }
}
