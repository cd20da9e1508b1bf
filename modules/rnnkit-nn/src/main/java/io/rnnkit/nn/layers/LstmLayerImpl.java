package io.rnnkit.nn.layers;

import static io.rnnkit.nn.layers.RecurrentBuffers.block;
import static io.rnnkit.nn.layers.RecurrentBuffers.cols;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network-side LSTM layer created from an {@link LstmLayer} configuration.
 *
 * <p>Speed: the input projections of all time steps are one GEMM ({@code [T·B, D] × [D, 4H]}); per
 * step the recurrent GEMM accumulates straight into that step's rows of the projection buffer and
 * the gate math is a handful of element-wise ND4J ops on views of preallocated buffers (nothing is
 * allocated inside the time loop). Backward, each step is one GEMM plus one pass of
 * {@link FusedStepMath} (default activations) that overwrites the step's pre-activations with their
 * gradients, so the weight, bias and input gradients are three big GEMMs / one sum over all steps.
 *
 * <p>Internally time runs along the slowest axis: buffers are {@code [T·B, k]} row-major, so the rows
 * of step {@code t} are the contiguous block {@code [t·B, (t+1)·B)}.
 */
public class LstmLayerImpl extends BaseRecurrentLayer<LstmLayer> {

    /** Key of the last output (= hidden state h) {@code [batch, nOut]} in the state maps (as DL4J's LSTM). */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
    /** Key of the last cell state c {@code [batch, nOut]} in the state maps (as DL4J's LSTM). */
    public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

    private static final String KIND = "LSTM";

    /** Whether the last backward pass used the fused element-wise math (for tests). */
    private boolean lastBackpropFused;
    /** Whether the last forward pass used the fused step (for tests). */
    private boolean lastForwardFused;
    /** Whether the last forward pass used the large-step fused path (for tests). */
    private boolean lastForwardHybrid;
    /** Whether the last forward pass ran on {@link LstmFloatKernel} (for tests). */
    private boolean lastForwardKernel;
    /** Whether the last backward pass reused the training-mode forward pass (for tests). */
    private boolean lastBackpropReused;
    /** Buffers of the float kernel, kept between passes; created on first use. */
    private transient LstmFloatKernel kernel;
    /** A training-mode kernel pass kept for the backward pass that follows it. */
    private final transient KeptPass<LstmFloatKernel.Forward> pending = new KeptPass<>(f -> kernel.release(f));

    /**
     * Whether large float steps run on {@link LstmFloatKernel} (default) rather than ND4J ops; a switch for
     * comparisons ({@code -Drnnkit.lstmKernel=false}).
     */
    static volatile boolean kernelEnabled = !"false".equals(System.getProperty("rnnkit.lstmKernel"));

    /**
     * Creates the layer; normally done by {@link LstmLayer#instantiate}.
     *
     * @param conf     configuration whose layer is an {@link LstmLayer}
     * @param dataType network data type
     */
    public LstmLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Everything one forward pass produces; the per-step arrays are kept only for backprop. */
    private static final class Pass {
        /** Output in NCW [B, H, T], zero at masked steps. */
        INDArray out;
        /** h and c after the last step [B, H]. */
        INDArray lastH;
        INDArray lastC;
        /** Inputs [T·B, D]. */
        INDArray x;
        /** Pre-activations i|f|g|o [T·B, 4H] (x·W + b + h·RW). */
        INDArray pre;
        /** Gate outputs i|f|g|o [T·B, 4H] (backprop only; at inference they overwrite {@link #pre}). */
        INDArray gates;
        /** States [(T+1)·B, H]: block 0 is the initial state, block t+1 the state after step t. */
        INDArray h;
        INDArray c;
        /** act(c) per step [T·B, H]. */
        INDArray actC;
        /** The float kernel's pass, when it ran (then only out, lastH and lastC are set above). */
        LstmFloatKernel.Forward kernel;
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
        return forward(null, null, training, false, workspaceMgr).out;
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass p = forward(stateMap.get(STATE_KEY_PREV_ACTIVATION), stateMap.get(STATE_KEY_PREV_MEMCELL), false,
                false, workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, p.lastH.detach());
        stateMap.put(STATE_KEY_PREV_MEMCELL, p.lastC.detach());
        return p.out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass p = forward(tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), tBpttStateMap.get(STATE_KEY_PREV_MEMCELL),
                training, false, workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, p.lastH.detach());
            tBpttStateMap.put(STATE_KEY_PREV_MEMCELL, p.lastC.detach());
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
        return backprop(epsilon, null, null, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        // During a truncated-BPTT segment stateMap holds the state the segment started from.
        return backprop(epsilon, stateMap.get(STATE_KEY_PREV_ACTIVATION), stateMap.get(STATE_KEY_PREV_MEMCELL),
                tbpttBackLength, workspaceMgr);
    }

    // ---------------------------------------------------------------------------------------------
    // Forward

    private Pass forward(INDArray initialH, INDArray initialC, boolean training, boolean forBackprop,
                         LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        LstmLayer conf = layerConf();
        if (input.rank() != 3) {
            RecurrentBuffers.checkInput(KIND, where(), input, input, conf.getNIn(), getDataFormat());
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(input.castTo(dataType));   // [B, D, T]
        long batch = in.size(0);
        long h = conf.getNOut();
        long steps = in.size(2);
        RecurrentBuffers.checkInput(KIND, where(), input, in, conf.getNIn(), getDataFormat());
        RecurrentBuffers.checkState(KIND, where(), initialH, batch, h);
        RecurrentBuffers.checkState(KIND, where(), initialC, batch, h);
        INDArray mask = checkedMask(batch, steps);

        INDArray w = getParamWithNoise(LstmParamInitializer.INPUT_WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(LstmParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(LstmParamInitializer.BIAS_KEY, training, workspaceMgr);
        IActivation act = conf.getActivationFn();
        IActivation gate = conf.getGateActivationFn();

        // In backprop only the BP workspace is guaranteed to be open.
        ArrayType keep = forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM;
        long rows = steps * batch;
        Pass p = new Pass();
        lastForwardKernel = useKernel(act, gate, batch, h, steps);
        if (lastForwardKernel) {
            lastForwardFused = false;
            lastForwardHybrid = false;
            if (kernel == null) {
                kernel = new LstmFloatKernel();
            }
            pending.drop();
            p.kernel = kernel.forward(in, w, rw, b, initialH, initialC, mask, forBackprop || training, workspaceMgr,
                    forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.ACTIVATIONS);
            if (training && !forBackprop) {
                pending.keep(p.kernel, input, maskArray);
            }
            p.lastH = p.kernel.lastH;
            p.lastC = p.kernel.lastC;
            p.out = forBackprop ? p.kernel.out : permuteIfNWC(p.kernel.out);
            return p;
        }
        p.x = RecurrentBuffers.timeMajor(in, workspaceMgr, keep, dataType);

        // All input projections (plus bias) in one GEMM; each step then adds h·RW into its own rows.
        p.pre = workspaceMgr.createUninitialized(keep, dataType, new long[] {rows, 4 * h}, 'c');
        Nd4j.gemm(p.x, w, p.pre, false, false, 1.0, 0.0);
        p.pre.addiRowVector(b);
        p.h = workspaceMgr.createUninitialized(keep, dataType, new long[] {rows + batch, h}, 'c');
        p.c = workspaceMgr.createUninitialized(keep, dataType, new long[] {rows + batch, h}, 'c');
        initState(block(p.h, 0, batch), initialH);
        initState(block(p.c, 0, batch), initialC);
        // Backprop keeps every step's gates and act(c); inference activates the gates in place.
        p.gates = forBackprop ? workspaceMgr.createUninitialized(keep, dataType, new long[] {rows, 4 * h}, 'c') : p.pre;
        p.actC = workspaceMgr.createUninitialized(keep, dataType, new long[] {forBackprop ? rows : batch, h}, 'c');
        // Default activations: small steps (one sentence, one sampled character) run as one fused Java pass;
        // large ones apply ND4J's vectorised sigmoid to the whole gate block and tanh to c' (3 ops on contiguous
        // blocks) around two cheap Java passes, instead of a dozen ops on strided column views.
        boolean direct = FusedStepMath.supports(act, gate, dataType, p.pre, p.gates, p.h, p.c, p.actC);
        boolean fused = direct && FusedStepMath.fusedForward(batch * h);
        boolean hybrid = direct && !fused;
        lastForwardFused = fused;
        lastForwardHybrid = hybrid;
        FusedStepMath.ForwardBuffers fb = direct ? new FusedStepMath.ForwardBuffers(p.pre, p.gates, p.h, p.c, p.actC)
                : null;
        double[][] maskCols = direct ? FusedStepMath.maskColumns(mask) : null;
        INDArray gateScale = null;
        if (hybrid) {
            // σ(2x) in the candidate columns: tanh(x) = 2σ(2x) − 1 is then one multiply-add away.
            gateScale = workspaceMgr.create(keep, dataType, new long[] {4 * h}, 'c').assign(1);
            gateScale.get(interval(2 * h, 3 * h)).assign(2);
        }
        INDArray tmp = direct ? null : workspaceMgr.createUninitialized(keep, dataType, new long[] {batch, h}, 'c');
        for (int t = 0; t < steps; t++) {
            // Views cost native allocations: the fused paths make only those their ops need.
            INDArray hPrev = block(p.h, t, batch);
            INDArray preT = block(p.pre, t, batch);
            Nd4j.gemm(hPrev, rw, preT, false, false, 1.0, 1.0);
            double[] maskT = maskCols == null ? null : maskCols[t];
            if (fused) {
                FusedStepMath.forward(fb, t, (int) batch, (int) h, maskT, forBackprop);
                continue;
            }
            if (hybrid) {
                INDArray g = forBackprop ? block(p.gates, t, batch) : preT;
                Broadcast.mul(preT, gateScale, g, 1);
                gate.getActivation(g, training);
                FusedStepMath.forwardCellState(fb, t, (int) batch, (int) h, maskT);
                Nd4j.getExecutioner().exec(new Tanh(block(p.c, t + 1, batch), block(p.actC, forBackprop ? t : 0, batch)));
                FusedStepMath.forwardOutput(fb, t, (int) batch, (int) h, maskT, forBackprop);
                continue;
            }
            INDArray cPrev = block(p.c, t, batch);
            INDArray hNew = block(p.h, t + 1, batch);
            INDArray cNew = block(p.c, t + 1, batch);
            INDArray g = block(p.gates, t, batch);
            INDArray actC = block(p.actC, forBackprop ? t : 0, batch);
            if (forBackprop) {
                g.assign(preT);
            }
            gate.getActivation(cols(g, 0, 2 * h), training);        // i | f
            act.getActivation(cols(g, 2 * h, 3 * h), training);     // g
            gate.getActivation(cols(g, 3 * h, 4 * h), training);    // o
            INDArray iGate = cols(g, 0, h);
            INDArray fGate = cols(g, h, 2 * h);
            INDArray candidate = cols(g, 2 * h, 3 * h);
            INDArray oGate = cols(g, 3 * h, 4 * h);

            // c' = f ⊙ c + i ⊙ g; a masked row keeps c.
            fGate.mul(cPrev, cNew);
            iGate.mul(candidate, tmp);
            cNew.addi(tmp);
            INDArray m = mask == null ? null : mask.getColumn(t, true);
            if (m != null) {
                keepMasked(cNew, cPrev, m);
            }
            // h' = o ⊙ act(c'); a masked row keeps h.
            actC.assign(cNew);
            act.getActivation(actC, training);
            oGate.mul(actC, hNew);
            if (m != null) {
                keepMasked(hNew, hPrev, m);
            }
        }

        p.lastH = block(p.h, steps, batch);
        p.lastC = block(p.c, steps, batch);
        INDArray out = RecurrentBuffers.toNcw(p.h.get(interval(batch, rows + batch), all()), batch, steps, mask,
                workspaceMgr, forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.ACTIVATIONS, dataType);
        p.out = forBackprop ? out : permuteIfNWC(out);
        return p;
    }

    /** The kept training-mode pass if it was computed on this input, mask and initial state; else null. */
    private Pass takePending(INDArray initialH, INDArray initialC) {
        LstmFloatKernel.Forward f = pending.take(input, maskArray, k -> k.startsFrom(initialH, initialC));
        if (f == null) {
            return null;
        }
        Pass p = new Pass();
        p.kernel = f;
        p.out = f.out;
        p.lastH = f.lastH;
        p.lastC = f.lastC;
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

    /** Large float steps with the default activations take {@link LstmFloatKernel}. */
    private boolean useKernel(IActivation act, IActivation gate, long batch, long units, long steps) {
        return kernelEnabled && dataType == DataType.FLOAT && act.getClass() == ActivationTanH.class
                && gate.getClass() == ActivationSigmoid.class && !FusedStepMath.fusedForward(batch * units)
                && FloatKernels.fits(4 * units, steps, batch, layerConf().getNIn());
    }

    private void initState(INDArray target, INDArray initial) {
        if (initial == null) {
            target.assign(0);
        } else {
            target.assign(initial.castTo(dataType));
        }
    }

    /** {@code next = prev + m ⊙ (next − prev)}: rows with mask 0 keep the previous value. */
    private static void keepMasked(INDArray next, INDArray prev, INDArray m) {
        next.subi(prev).muliColumnVector(m).addi(prev);
    }

    // ---------------------------------------------------------------------------------------------
    // Backprop through time

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray initialH, INDArray initialC,
                                              int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Pass p = takePending(initialH, initialC);
        lastBackpropReused = p != null;
        if (p == null) {
            p = forward(initialH, initialC, true, true, workspaceMgr);
        }
        if (initialH != null || tbpttBackLength > 0) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, p.lastH.detach());
            tBpttStateMap.put(STATE_KEY_PREV_MEMCELL, p.lastC.detach());
        }
        LstmLayer conf = layerConf();
        long h = conf.getNOut();
        long nIn = conf.getNIn();
        long batch = p.out.size(0);
        long steps = p.out.size(2);
        long rows = steps * batch;
        INDArray mask = checkedMask(batch, steps);
        INDArray w = getParamWithNoise(LstmParamInitializer.INPUT_WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(LstmParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        IActivation act = conf.getActivationFn();
        IActivation gate = conf.getGateActivationFn();
        INDArray wGrad = gradientViews.get(LstmParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rwGrad = gradientViews.get(LstmParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(LstmParamInitializer.BIAS_KEY);

        if (p.kernel != null) {
            INDArray dx;
            try {
                dx = kernel.backward(p.kernel, permuteIfNWC(epsilon), rw, tbpttBackLength, wGrad, rwGrad, bGrad,
                        workspaceMgr);
            } finally {
                kernel.release(p.kernel);
            }
            return gradientAndEpsilon(wGrad, rwGrad, bGrad, dx);
        }

        // dL/d(out) as [T·B, H], row block t = step t.
        INDArray eps = RecurrentBuffers.timeMajor(permuteIfNWC(epsilon.castTo(dataType)), workspaceMgr,
                ArrayType.BP_WORKING_MEM, dataType);

        ArrayType bp = ArrayType.BP_WORKING_MEM;
        INDArray dGates = workspaceMgr.createUninitialized(bp, dataType, new long[] {batch, 4 * h}, 'c');
        INDArray dh = workspaceMgr.createUninitialized(bp, dataType, new long[] {batch, h}, 'c');
        INDArray dhNext = workspaceMgr.create(bp, dataType, new long[] {batch, h}, 'c');
        INDArray dc = workspaceMgr.create(bp, dataType, new long[] {batch, h}, 'c');
        INDArray tmp = workspaceMgr.createUninitialized(bp, dataType, new long[] {batch, h}, 'c');
        INDArray masked = mask == null ? null : workspaceMgr.createUninitialized(bp, dataType, new long[] {batch, h}, 'c');

        // p.pre becomes dL/d(pre-activations), step by step; steps before a truncated window get none.
        INDArray dPre = p.pre;
        long end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        if (end > 0) {
            dPre.get(interval(0, end * batch), all()).assign(0);
        }
        // Default activations: the step's gradient math is one Java pass (no transcendental functions
        // left, so a tight loop beats ~20 ND4J ops with their fixed cost); others take ND4J ops.
        boolean fused = FusedStepMath.supports(act, gate, dataType, dPre, p.gates, p.c, p.actC, eps, dhNext, dc);
        lastBackpropFused = fused;
        if (fused) {
            FusedStepMath.Buffers bufs = new FusedStepMath.Buffers(p.pre, p.gates, p.c, p.actC);
            double[][] maskCols = FusedStepMath.maskColumns(mask);
            for (long t = steps - 1; t >= end; t--) {
                FusedStepMath.backward(bufs, eps, dhNext, dc, (int) t, (int) batch, (int) h,
                        maskCols == null ? null : maskCols[(int) t]);
                Nd4j.gemm(block(dPre, t, batch), rw, dhNext, false, true, 1.0, 1.0);
            }
        }
        for (long t = fused ? -1 : steps - 1; t >= end; t--) {
            INDArray m = mask == null ? null : mask.getColumn(t, true);
            INDArray g = block(p.gates, t, batch);
            INDArray iGate = cols(g, 0, h);
            INDArray fGate = cols(g, h, 2 * h);
            INDArray candidate = cols(g, 2 * h, 3 * h);
            INDArray oGate = cols(g, 3 * h, 4 * h);
            INDArray dI = cols(dGates, 0, h);
            INDArray dF = cols(dGates, h, 2 * h);
            INDArray dG = cols(dGates, 2 * h, 3 * h);
            INDArray dO = cols(dGates, 3 * h, 4 * h);
            INDArray actC = block(p.actC, t, batch);

            // dh = dL/dh_t: from this step's output (zero where masked) and from step t+1.
            INDArray epsT = block(eps, t, batch);
            if (m != null) {
                epsT.muliColumnVector(m);
            }
            epsT.add(dhNext, dh);
            // a = the part of dh that flows into this step's cell; a masked row passes dh (and dc)
            // straight to step t-1, because there h_t = h_{t-1} and c_t = c_{t-1}.
            INDArray a = dh;
            if (m != null) {
                a = masked.assign(dh).muliColumnVector(m);
                dh.sub(a, dhNext);
            }
            a.mul(actC, dO);
            a.mul(oGate, tmp);
            // dL/dc_t = act'(c_t) ⊙ a ⊙ o + (masked) dc from step t+1; actC is free now and takes it.
            actC.assign(block(p.c, t + 1, batch));
            INDArray dcTotal = backpropInto(act, actC, tmp);
            if (m != null) {
                INDArray dcKept = tmp.assign(dc).muliColumnVector(m);
                dc.subi(dcKept);
                dcTotal.addi(dcKept);
            } else {
                dcTotal.addi(dc);
            }
            dcTotal.mul(candidate, dI);
            dcTotal.mul(iGate, dG);
            dcTotal.mul(block(p.c, t, batch), dF);
            if (m != null) {
                dc.addi(dcTotal.mul(fGate));
            } else {
                dcTotal.mul(fGate, dc);
            }
            // Through the activations, into the pre-activation rows of step t.
            INDArray preT = block(dPre, t, batch);
            backpropInto(gate, cols(preT, 0, 2 * h), cols(dGates, 0, 2 * h));
            backpropInto(act, cols(preT, 2 * h, 3 * h), dG);
            backpropInto(gate, cols(preT, 3 * h, 4 * h), dO);
            // dh_{t-1} = dPre_t · RWᵀ (+ the masked pass-through already in dhNext)
            Nd4j.gemm(preT, rw, dhNext, false, true, 1.0, m != null ? 1.0 : 0.0);
        }

        // Weight and bias gradients: one GEMM / sum over all steps each.
        Nd4j.gemm(p.x, dPre, wGrad, true, false, 1.0, 0.0);
        Nd4j.gemm(p.h.get(interval(0, rows), all()), dPre, rwGrad, true, false, 1.0, 0.0);
        bGrad.assign(dPre.sum(true, 0));

        // dL/dx: [T·B, D] -> [B, D, T]
        INDArray dx = workspaceMgr.createUninitialized(bp, dataType, new long[] {rows, nIn}, 'c');
        Nd4j.gemm(dPre, w, dx, false, true, 1.0, 0.0);
        INDArray epsOut = RecurrentBuffers.toNcw(dx, batch, steps, null, workspaceMgr, ArrayType.ACTIVATION_GRAD,
                dataType);
        return gradientAndEpsilon(wGrad, rwGrad, bGrad, epsOut);
    }

    /** The gradient of this layer's parameters and dL/d(input) {@code [B, D, T]} in the layer's format. */
    private Pair<Gradient, INDArray> gradientAndEpsilon(INDArray wGrad, INDArray rwGrad, INDArray bGrad,
                                                        INDArray epsOut) {
        weightNoiseParams.clear();
        Gradient grad = new DefaultGradient(gradientsFlattened);
        grad.gradientForVariable().put(LstmParamInitializer.INPUT_WEIGHT_KEY, wGrad);
        grad.gradientForVariable().put(LstmParamInitializer.RECURRENT_WEIGHT_KEY, rwGrad);
        grad.gradientForVariable().put(LstmParamInitializer.BIAS_KEY, bGrad);
        return new Pair<>(grad, permuteIfNWC(backpropDropOutIfPresent(epsOut)));
    }

    /**
     * {@code preActivation ← act'(preActivation) ⊙ epsilon}. ND4J's built-in activations work in place;
     * others may return a new array, which is copied back.
     */
    private static INDArray backpropInto(IActivation activation, INDArray preActivation, INDArray epsilon) {
        INDArray result = activation.backprop(preActivation, epsilon).getFirst();
        if (result != preActivation) {
            preActivation.assign(result);
        }
        return preActivation;
    }

    // ---------------------------------------------------------------------------------------------

    /** Whether the last backward pass ran the fused element-wise math (default activations). */
    boolean lastBackpropFused() {
        return lastBackpropFused;
    }

    boolean lastForwardFused() {
        return lastForwardFused;
    }

    boolean lastForwardHybrid() {
        return lastForwardHybrid;
    }

    boolean lastForwardKernel() {
        return lastForwardKernel;
    }

    boolean lastBackpropReused() {
        return lastBackpropReused;
    }

    private INDArray checkedMask(long batch, long steps) {
        return RecurrentBuffers.checkedMask(KIND, where(), maskArray, batch, steps, dataType);
    }

    private String where() {
        return RecurrentBuffers.describe(layerConf().getLayerName(), getIndex());
    }
}
