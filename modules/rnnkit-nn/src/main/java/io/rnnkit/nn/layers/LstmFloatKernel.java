package io.rnnkit.nn.layers;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import java.nio.FloatBuffer;

import org.bytedeco.openblas.global.openblas;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float LSTM layer's forward and backward passes over a whole sequence batch for large steps
 * ({@code batch × units} above {@link FusedStepMath#forwardMaxCells}) with the default sigmoid gates and
 * tanh activation: every GEMM is one direct OpenBLAS call on column-major operands, everything else is
 * plain Java over heap arrays that HotSpot vectorises.
 *
 * <p>Why: a step built from ND4J ops paid a fixed ~16 µs per op, ~3.5 ns per element for ND4J's sigmoid,
 * and GEMMs on row-major operands (300 µs where the column-major form takes 160 µs for a
 * {@code 32×256 · 256×1024} step); this path removes all three (measured with {@code scripts/bench}, see the
 * performance page, docs/performance.md).
 *
 * <p>Layouts. Native buffers are column-major with the rows ordered time-major ({@code row = t·B + b}),
 * so one step is a column-major {@code B × k} block with leading dimension {@code T·B} and the input
 * projections and weight gradients of all steps are one GEMM each. Heap buffers are
 * {@code [step][unit][batch]}, so one step of one gate is a contiguous run of {@code units·batch} floats.
 */
final class LstmFloatKernel {

    /**
     * Heap buffers of one pass; reused by the next pass unless another thread holds them. Every step and
     * gate has its own array, so each loop below reads and writes distinct arrays from index 0: HotSpot
     * vectorises such loops, but not ones that read and write one array at two offsets it cannot compare.
     */
    private static final class Scratch {
        float[][] gi = new float[0][];     // [T][H·B] gate outputs i, f, g, o (backprop: every step; else one)
        float[][] gf = new float[0][];
        float[][] gg = new float[0][];
        float[][] go = new float[0][];
        float[][] c = new float[0][];      // [T+1][H·B], [0] the initial state
        float[][] h = new float[0][];      // [T+1][H·B], [0] the initial state
        float[][] actC = new float[0][];   // [T][H·B] tanh(c) (backprop: every step; else one)
        float[][] eps = new float[0][];    // [T][H·B] output gradients
        float[][] z = new float[4][];      // one step's pre-activations i|f|g|o, then their gradients
        float[][] bias = new float[4][];   // the bias of each gate repeated over the batch
        float[][] dzSum = new float[4][];  // running sums of the pre-activation gradients (bias gradient)
        float[] dc = new float[0];
        float[] dh = new float[0];
        float[] dhRest = new float[0];
        float[] maskRow = new float[0];    // one step's mask repeated over the units
        // Native buffers, column-major with time-major rows (see the class comment); outside any workspace,
        // so a training-mode forward pass survives until its backward pass.
        final NativeBuffer x = new NativeBuffer();     // [D][T][B]
        final NativeBuffer pre = new NativeBuffer();   // [4H][T][B] pre-activations, then their gradients
        final NativeBuffer hs = new NativeBuffer();    // [H][T+1][B], block 0 the initial state
        final NativeBuffer w = new NativeBuffer();     // W, column-major [D, 4H]
        final NativeBuffer rw = new NativeBuffer();    // RW, column-major [H, 4H]
        final NativeBuffer rwT = new NativeBuffer();   // RWᵀ, column-major [4H, H]
        final NativeBuffer epsNative = new NativeBuffer(); // [H][T][B] output gradients
        final NativeBuffer dhNative = new NativeBuffer();  // [H][B]
        final NativeBuffer wGrad = new NativeBuffer(); // column-major [D, 4H]
        final NativeBuffer rwGrad = new NativeBuffer();// column-major [H, 4H]
    }

    /** A forward pass: its outputs, and what the backward pass needs (held until {@link #release}). */
    static final class Forward {
        final int steps;
        final int batch;
        final int nIn;
        final int units;
        final float[][] mask;
        final Scratch s;
        /** The initial states as given ([H][B] copies; null for zeros), to recognise the same start. */
        final float[] h0;
        final float[] c0;
        /** Whether every step's gates were kept, so that {@link #backward} can run. */
        final boolean kept;
        /** Output NCW [B, H, T], zero at masked steps; [H][T][B] in memory. */
        INDArray out;
        /** h and c after the last step, [B, H]. */
        INDArray lastH;
        INDArray lastC;

        Forward(int steps, int batch, int nIn, int units, float[][] mask, Scratch s, float[] h0, float[] c0,
                boolean kept) {
            this.steps = steps;
            this.batch = batch;
            this.nIn = nIn;
            this.units = units;
            this.mask = mask;
            this.s = s;
            this.h0 = h0;
            this.c0 = c0;
            this.kept = kept;
        }

        /** Whether this pass started from the given initial state (null: zeros). */
        boolean startsFrom(INDArray h, INDArray c) {
            return java.util.Arrays.equals(h0, FloatKernels.state(h, batch, units))
                    && java.util.Arrays.equals(c0, FloatKernels.state(c, batch, units));
        }
    }

    private final ScratchPool<Scratch> scratch = new ScratchPool<>(Scratch::new);

    /** Hands the buffers of a pass back for reuse. */
    void release(Forward f) {
        scratch.release(f.s);
    }

    /**
     * Runs the forward pass. With {@code keepGates} the result holds this kernel's buffers until
     * {@link #release} (normally after {@link #backward}); without, they are released before returning.
     *
     * @param in        input NCW {@code [B, D, T]}, float
     * @param w         input weights {@code [D, 4H]}
     * @param rw        recurrent weights {@code [H, 4H]}
     * @param b         bias {@code [1, 4H]}
     * @param h0        initial h {@code [B, H]} or null for zeros
     * @param c0        initial c {@code [B, H]} or null for zeros
     * @param maskArray feature mask {@code [B, T]} or null
     * @param keepGates keep every step's gates for {@link #backward}
     * @param outType   workspace array type of the output
     */
    Forward forward(INDArray in, INDArray w, INDArray rw, INDArray b, INDArray h0, INDArray c0, INDArray maskArray,
                    boolean keepGates, LayerWorkspaceMgr ws, ArrayType outType) {
        int batch = (int) in.size(0);
        int nIn = (int) in.size(1);
        int steps = (int) in.size(2);
        int units = (int) rw.size(0);
        int hb = units * batch;
        int tb = steps * batch;
        int ldh = (steps + 1) * batch;
        Scratch s = scratch.acquire();
        try {
            int kept = keepGates ? steps : 1;
            s.gi = FloatKernels.rows(s.gi, kept, hb);
            s.gf = FloatKernels.rows(s.gf, kept, hb);
            s.gg = FloatKernels.rows(s.gg, kept, hb);
            s.go = FloatKernels.rows(s.go, kept, hb);
            s.actC = FloatKernels.rows(s.actC, kept, hb);
            // States: every step for backprop; else two slots, used in turn.
            int slots = keepGates ? steps + 1 : 2;
            s.c = FloatKernels.rows(s.c, slots, hb);
            s.h = FloatKernels.rows(s.h, slots, hb);
            s.z = FloatKernels.rows(s.z, 4, hb);
            s.bias = FloatKernels.rows(s.bias, 4, hb);
            s.maskRow = FloatKernels.row(s.maskRow, hb);

            s.x.size((long) nIn * tb).view(nIn, steps, batch).assign(in.permute(1, 2, 0));
            s.w.size((long) nIn * 4 * units).columnMajor(nIn, 4L * units).assign(w);
            s.rw.size((long) units * 4 * units).columnMajor(units, 4L * units).assign(rw);
            s.pre.size((long) 4 * units * tb);
            s.hs.size((long) units * ldh);
            float[] bias = b.castTo(DataType.FLOAT).toFloatVector();
            for (int g = 0; g < 4 * units; g++) {
                int j = g % units;
                java.util.Arrays.fill(s.bias[g / units], j * batch, (j + 1) * batch, bias[g]);
            }
            float[][] mask = FloatKernels.maskColumns(maskArray, batch, steps);
            FloatBuffer preBuf = s.pre.buf;
            FloatBuffer hsBuf = s.hs.buf;

            // All input projections at once: pre = X·W.
            openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, tb, 4 * units, nIn, 1f, s.x.ptr, tb,
                    s.w.ptr, nIn, 0f, s.pre.ptr, tb);
            float[] start = FloatKernels.state(h0, batch, units);
            float[] startC = FloatKernels.state(c0, batch, units);
            FloatKernels.copyOrZero(start, s.h[0]);
            FloatKernels.copyOrZero(startC, s.c[0]);
            FloatKernels.writeStep(hsBuf, 0, units, ldh, 0, batch, s.h[0]);
            for (int t = 0; t < steps; t++) {
                openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, batch, 4 * units, units, 1f,
                        s.hs.at((long) t * batch), ldh, s.rw.ptr, units, 1f, s.pre.at((long) t * batch), tb);
                for (int q = 0; q < 4; q++) {
                    FloatKernels.readStep(preBuf, q * units, units, tb, t, batch, s.z[q]);
                }
                float[] m = mask == null ? null : FloatKernels.expand(mask[t], s.maskRow, units, batch);
                int next = (t + 1) % slots;
                stepForward(s, t % slots, next, keepGates ? t : 0, hb, m);
                float[] hNext = s.h[next];
                FloatKernels.writeStep(hsBuf, 0, units, ldh, t + 1, batch, hNext);
            }

            Forward f = new Forward(steps, batch, nIn, units, mask, s, start, startC, keepGates);
            // NCW [B, H, T] over [H][T][B] memory (strides 1, T·B, B): a following RnnOutputLayer's
            // [B·T, H] column-major view of it is then free, where 'f' order [T][H][B] had to be copied.
            INDArray outHtb = ws.createUninitialized(outType, DataType.FLOAT, new long[] {units, steps, batch}, 'c');
            f.out = FloatKernels.outputNcw(outHtb, mask, units, batch, steps, s.hs);
            f.lastH = FloatKernels.stateArray(s.h[steps % slots], batch, units);
            f.lastC = FloatKernels.stateArray(s.c[steps % slots], batch, units);
            if (!keepGates) {
                release(f);
            }
            return f;
        } catch (RuntimeException | Error e) {
            scratch.release(s);
            throw e;
        }
    }

    /**
     * Backpropagation through time for a pass made by {@link #forward} with {@code keepGates}; writes the
     * weight and bias gradients into the given views and returns dL/dx as NCW {@code [B, D, T]}.
     *
     * @param epsilon          dL/d(output) NCW {@code [B, H, T]}
     * @param tbpttBackLength  steps that get gradients, counted from the end, or {@code <= 0} for all
     */
    INDArray backward(Forward f, INDArray epsilon, INDArray rw, int tbpttBackLength, INDArray wGrad, INDArray rwGrad,
                      INDArray bGrad, LayerWorkspaceMgr ws) {
        if (!f.kept) {
            throw new IllegalStateException("internal: LSTM kernel backward pass without kept gates");
        }
        int steps = f.steps;
        int batch = f.batch;
        int units = f.units;
        int nIn = f.nIn;
        int hb = units * batch;
        int tb = steps * batch;
        int ldh = (steps + 1) * batch;
        Scratch s = f.s;
        s.eps = FloatKernels.rows(s.eps, steps, hb);
        s.dzSum = FloatKernels.rows(s.dzSum, 4, hb);
        s.dc = FloatKernels.row(s.dc, hb);
        s.dh = FloatKernels.row(s.dh, hb);
        s.dhRest = FloatKernels.row(s.dhRest, hb);
        for (float[] sum : s.dzSum) {
            java.util.Arrays.fill(sum, 0f);
        }
        java.util.Arrays.fill(s.dc, 0f);
        java.util.Arrays.fill(s.dh, 0f);

        FloatKernels.loadEpsilon(epsilon, s.epsNative, s.eps, units, steps, batch);
        // RWᵀ as a column-major [4H, H] matrix is RW in row-major order.
        s.rwT.size((long) units * 4 * units).view(units, 4L * units).assign(rw);
        s.dhNative.size(hb);
        FloatBuffer preBuf = s.pre.buf;
        FloatBuffer dhBuf = s.dhNative.buf;

        int end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        for (int t = steps - 1; t >= end; t--) {
            float[] m = f.mask == null ? null : FloatKernels.expand(f.mask[t], s.maskRow, units, batch);
            stepBackward(s, t, hb, m);
            // The pre-activation rows of step t become their gradients.
            for (int q = 0; q < 4; q++) {
                FloatKernels.writeStep(preBuf, q * units, units, tb, t, batch, s.z[q]);
            }
            float beta = 0f;
            if (m != null) {
                dhBuf.put(0, s.dhRest, 0, hb);
                beta = 1f;
            }
            openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, batch, units, 4 * units, 1f,
                    s.pre.at((long) t * batch), tb, s.rwT.ptr, 4 * units, beta, s.dhNative.ptr, batch);
            dhBuf.get(0, s.dh, 0, hb);
        }
        if (end > 0) {
            FloatKernels.zeroSteps(preBuf, 4 * units, tb, end, batch);
        }

        s.wGrad.size((long) nIn * 4 * units);
        s.rwGrad.size((long) units * 4 * units);
        openblas.cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, nIn, 4 * units, tb, 1f, s.x.ptr, tb,
                s.pre.ptr, tb, 0f, s.wGrad.ptr, nIn);
        openblas.cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, units, 4 * units, tb, 1f, s.hs.ptr, ldh,
                s.pre.ptr, tb, 0f, s.rwGrad.ptr, units);
        wGrad.assign(s.wGrad.columnMajor(nIn, 4L * units));
        rwGrad.assign(s.rwGrad.columnMajor(units, 4L * units));
        bGrad.assign(Nd4j.createFromArray(FloatKernels.unitSums(s.dzSum, units, batch)).reshape(bGrad.shape()));

        // dL/dx = dPre·Wᵀ, [D][T][B] in memory = NCW [B, D, T] with strides (1, T·B, B).
        INDArray dx = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {nIn, steps, batch}, 'c');
        openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasTrans, tb, nIn, 4 * units, 1f, s.pre.ptr, tb,
                s.w.ptr, nIn, 0f, NativeBuffer.pointer(dx), tb);
        return dx.permute(2, 0, 1);
    }

    /**
     * One forward step over the heap buffers: {@code z} holds the step's GEMM result; the states are read from
     * slot {@code prev} and written to slot {@code next}, the gates go to slot {@code slot}. Each loop does one small thing: C2 unrolls (and
     * so vectorises) only loops with a small body; the four gates in one loop ran 10× slower.
     */
    private static void stepForward(Scratch s, int prev, int next, int slot, int hb, float[] m) {
        float[] gi = s.gi[slot];
        float[] gf = s.gf[slot];
        float[] gg = s.gg[slot];
        float[] go = s.go[slot];
        float[] actC = s.actC[slot];
        float[] cPrev = s.c[prev];
        float[] cNext = s.c[next];
        float[] hPrev = s.h[prev];
        float[] hNext = s.h[next];
        sigmoid(s.z[0], s.bias[0], gi, hb);
        sigmoid(s.z[1], s.bias[1], gf, hb);
        tanh(s.z[2], s.bias[2], gg, hb);
        sigmoid(s.z[3], s.bias[3], go, hb);
        for (int k = 0; k < hb; k++) {
            cNext[k] = gf[k] * cPrev[k] + gi[k] * gg[k];
        }
        if (m != null) {
            // A row with mask m ends at prev + m·(new − prev): mask 0 keeps the state.
            for (int k = 0; k < hb; k++) {
                cNext[k] = cPrev[k] + m[k] * (cNext[k] - cPrev[k]);
            }
        }
        for (int k = 0; k < hb; k++) {
            actC[k] = FloatActivations.tanh(cNext[k]);
        }
        for (int k = 0; k < hb; k++) {
            hNext[k] = go[k] * actC[k];
        }
        if (m != null) {
            for (int k = 0; k < hb; k++) {
                hNext[k] = hPrev[k] + m[k] * (hNext[k] - hPrev[k]);
            }
        }
    }

    private static void sigmoid(float[] z, float[] bias, float[] out, int n) {
        for (int k = 0; k < n; k++) {
            out[k] = FloatActivations.sigmoid(z[k] + bias[k]);
        }
    }

    private static void tanh(float[] z, float[] bias, float[] out, int n) {
        for (int k = 0; k < n; k++) {
            out[k] = FloatActivations.tanh(z[k] + bias[k]);
        }
    }

    /**
     * One backward step: from dL/dh_t ({@code eps} of the step plus {@code dh} from step t+1) and dL/dc_t
     * ({@code dc}) to the pre-activation gradients in {@code z}; {@code dc} becomes dL/dc_{t-1} and
     * {@code dhRest} the part of dL/dh_{t-1} that bypasses the recurrent GEMM (masked rows only). Small
     * loops, as in {@link #stepForward}.
     */
    private static void stepBackward(Scratch s, int t, int hb, float[] m) {
        float[] zi = s.z[0];
        float[] zf = s.z[1];
        float[] zg = s.z[2];
        float[] zo = s.z[3];
        float[] gi = s.gi[t];
        float[] gf = s.gf[t];
        float[] gg = s.gg[t];
        float[] go = s.go[t];
        float[] actC = s.actC[t];
        float[] cPrev = s.c[t];
        float[] eps = s.eps[t];
        float[] dh = s.dh;
        float[] dc = s.dc;
        // a = dL/dh_t where it flows into this step's cell (zo holds it for a moment); dh is free after this.
        float[] a = zo;
        if (m == null) {
            for (int k = 0; k < hb; k++) {
                a[k] = eps[k] + dh[k];
            }
        } else {
            float[] rest = s.dhRest;
            for (int k = 0; k < hb; k++) {
                float dhT = m[k] * eps[k] + dh[k];
                a[k] = m[k] * dhT;
                rest[k] = (1f - m[k]) * dhT;
            }
        }
        // dh becomes dL/dc_t (a masked row also passes m·dc on); dc keeps the future part for the blend.
        float[] dcT = dh;
        for (int k = 0; k < hb; k++) {
            dcT[k] = a[k] * go[k] * (1f - actC[k] * actC[k]);
        }
        if (m == null) {
            for (int k = 0; k < hb; k++) {
                dcT[k] += dc[k];
            }
        } else {
            for (int k = 0; k < hb; k++) {
                dcT[k] += m[k] * dc[k];
            }
        }
        for (int k = 0; k < hb; k++) {
            zo[k] = a[k] * actC[k] * go[k] * (1f - go[k]);
        }
        for (int k = 0; k < hb; k++) {
            zi[k] = dcT[k] * gg[k] * gi[k] * (1f - gi[k]);
        }
        for (int k = 0; k < hb; k++) {
            zf[k] = dcT[k] * cPrev[k] * gf[k] * (1f - gf[k]);
        }
        for (int k = 0; k < hb; k++) {
            zg[k] = dcT[k] * gi[k] * (1f - gg[k] * gg[k]);
        }
        if (m == null) {
            for (int k = 0; k < hb; k++) {
                dc[k] = dcT[k] * gf[k];
            }
        } else {
            for (int k = 0; k < hb; k++) {
                dc[k] = dcT[k] * gf[k] + (1f - m[k]) * dc[k];
            }
        }
        for (int q = 0; q < 4; q++) {
            float[] sum = s.dzSum[q];
            float[] z = s.z[q];
            for (int k = 0; k < hb; k++) {
                sum[k] += z[k];
            }
        }
    }

}
