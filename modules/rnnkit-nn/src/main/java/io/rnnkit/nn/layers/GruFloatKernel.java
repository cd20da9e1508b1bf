package io.rnnkit.nn.layers;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.openblas.global.openblas;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float GRU layer's forward and backward passes ({@code reset_after} form) for large steps with the
 * default sigmoid gates and tanh activation; the same design and layouts as {@link LstmFloatKernel}:
 * direct column-major OpenBLAS GEMMs, small vectorisable Java loops over per-step heap arrays.
 *
 * <p>Per step: {@code hp = h·U} (one GEMM), {@code z|r = σ(xp + hp)}, {@code hh = tanh(xp_h + r·(hp_h + buh))},
 * {@code h' = h + m·(1 − z)·(hh − h)}, where {@code xp = x·W + b} for all steps is one GEMM and the z and r
 * recurrent biases are folded into it.
 */
final class GruFloatKernel {

    /** Heap and native buffers of one pass; reused by the next pass unless another thread holds them. */
    private static final class Scratch {
        float[][] z = new float[0][];      // [T][H·B] gate outputs (backprop: every step; else one)
        float[][] r = new float[0][];
        float[][] hh = new float[0][];     // candidate outputs
        float[][] hpH = new float[0][];    // h·U_h + buh
        float[][] h = new float[0][];      // [T+1][H·B], [0] the initial state
        float[][] eps = new float[0][];    // [T][H·B]
        float[][] xp = new float[3][];     // one step's input projections z|r|h
        float[][] hp = new float[3][];     // one step's recurrent projections z|r|h
        float[][] bias = new float[3][];   // folded biases z|r|h repeated over the batch, then buh
        float[] buh = new float[0];
        float[][] dxp = new float[3][];    // one step's gradients of xp, then of hp (h part differs)
        float[] dhpH = new float[0];
        float[][] dxSum = new float[3][];  // bias gradient accumulators of xp and hp
        float[] dhpHSum = new float[0];
        float[] dh = new float[0];
        float[] a = new float[0];
        float[] dhRest = new float[0];
        float[] maskRow = new float[0];
        final NativeBuffer x = new NativeBuffer();      // [D][T][B]
        final NativeBuffer xpAll = new NativeBuffer();  // [3H][T][B] input projections, then their gradients
        final NativeBuffer dhpAll = new NativeBuffer(); // [3H][T][B] gradients of the recurrent projections
        final NativeBuffer hs = new NativeBuffer();     // [H][T+1][B]
        final NativeBuffer hpStep = new NativeBuffer(); // [3H][B]
        final NativeBuffer w = new NativeBuffer();      // W, column-major [D, 3H]
        final NativeBuffer u = new NativeBuffer();      // U, column-major [H, 3H]
        final NativeBuffer uT = new NativeBuffer();     // Uᵀ, column-major [3H, H]
        final NativeBuffer epsNative = new NativeBuffer();
        final NativeBuffer dhNative = new NativeBuffer();
        final NativeBuffer wGrad = new NativeBuffer();
        final NativeBuffer uGrad = new NativeBuffer();
    }

    /** A forward pass: its outputs, and what the backward pass needs (held until {@link #release}). */
    static final class Forward {
        final int steps;
        final int batch;
        final int nIn;
        final int units;
        final float[][] mask;
        final Scratch s;
        final float[] h0;
        final boolean kept;
        /** Output NCW [B, H, T], zero at masked steps; [H][T][B] in memory. */
        INDArray out;
        /** h after the last step, [B, H]. */
        INDArray last;

        Forward(int steps, int batch, int nIn, int units, float[][] mask, Scratch s, float[] h0, boolean kept) {
            this.steps = steps;
            this.batch = batch;
            this.nIn = nIn;
            this.units = units;
            this.mask = mask;
            this.s = s;
            this.h0 = h0;
            this.kept = kept;
        }

        /** Whether this pass started from the given initial state (null: zeros). */
        boolean startsFrom(INDArray h) {
            return Arrays.equals(h0, FloatKernels.state(h, batch, units));
        }
    }

    private final ScratchPool<Scratch> scratch = new ScratchPool<>(Scratch::new);

    /** Hands the buffers of a pass back for reuse. */
    void release(Forward f) {
        scratch.release(f.s);
    }

    /**
     * Runs the forward pass; with {@code keepGates} the result holds this kernel's buffers until
     * {@link #release} (normally after {@link #backward}).
     *
     * @param in   input NCW {@code [B, D, T]}
     * @param w    input weights {@code [D, 3H]}
     * @param u    recurrent weights {@code [H, 3H]}
     * @param b    biases {@code [1, 6H]}: input z|r|h, then recurrent z|r|h
     * @param h0   initial state {@code [B, H]} or null for zeros
     */
    Forward forward(INDArray in, INDArray w, INDArray u, INDArray b, INDArray h0, INDArray maskArray,
                    boolean keepGates, LayerWorkspaceMgr ws, ArrayType outType) {
        int batch = (int) in.size(0);
        int nIn = (int) in.size(1);
        int steps = (int) in.size(2);
        int units = (int) u.size(0);
        int hb = units * batch;
        int tb = steps * batch;
        int ldh = (steps + 1) * batch;
        Scratch s = scratch.acquire();
        try {
            int kept = keepGates ? steps : 1;
            s.z = FloatKernels.rows(s.z, kept, hb);
            s.r = FloatKernels.rows(s.r, kept, hb);
            s.hh = FloatKernels.rows(s.hh, kept, hb);
            s.hpH = FloatKernels.rows(s.hpH, kept, hb);
            // States: every step for backprop; else two slots, used in turn.
            int slots = keepGates ? steps + 1 : 2;
            s.h = FloatKernels.rows(s.h, slots, hb);
            s.xp = FloatKernels.rows(s.xp, 3, hb);
            s.hp = FloatKernels.rows(s.hp, 3, hb);
            s.bias = FloatKernels.rows(s.bias, 3, hb);
            s.buh = FloatKernels.row(s.buh, hb);
            s.maskRow = FloatKernels.row(s.maskRow, hb);

            s.x.size((long) nIn * tb).view(nIn, steps, batch).assign(in.permute(1, 2, 0));
            s.w.size((long) nIn * 3 * units).columnMajor(nIn, 3L * units).assign(w);
            s.u.size((long) units * 3 * units).columnMajor(units, 3L * units).assign(u);
            s.xpAll.size((long) 3 * units * tb);
            s.hs.size((long) units * ldh);
            s.hpStep.size((long) 3 * hb);
            float[] bias = b.castTo(DataType.FLOAT).toFloatVector();
            for (int g = 0; g < 3 * units; g++) {
                int j = g % units;
                // z and r: both biases add to the same pre-activation; h: only the input one here.
                float folded = g < 2 * units ? bias[g] + bias[3 * units + g] : bias[g];
                Arrays.fill(s.bias[g / units], j * batch, (j + 1) * batch, folded);
                if (g >= 2 * units) {
                    Arrays.fill(s.buh, j * batch, (j + 1) * batch, bias[3 * units + g]);
                }
            }
            float[][] mask = FloatKernels.maskColumns(maskArray, batch, steps);
            FloatBuffer xpBuf = s.xpAll.buf;
            FloatBuffer hsBuf = s.hs.buf;

            openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, tb, 3 * units, nIn, 1f, s.x.ptr, tb,
                    s.w.ptr, nIn, 0f, s.xpAll.ptr, tb);
            float[] start = FloatKernels.state(h0, batch, units);
            FloatKernels.copyOrZero(start, s.h[0]);
            FloatKernels.writeStep(hsBuf, 0, units, ldh, 0, batch, s.h[0]);
            for (int t = 0; t < steps; t++) {
                openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, batch, 3 * units, units, 1f,
                        s.hs.at((long) t * batch), ldh, s.u.ptr, units, 0f, s.hpStep.ptr, batch);
                for (int q = 0; q < 3; q++) {
                    s.hpStep.buf.get(q * hb, s.hp[q], 0, hb);
                }
                for (int q = 0; q < 3; q++) {
                    FloatKernels.readStep(xpBuf, q * units, units, tb, t, batch, s.xp[q]);
                }
                float[] m = mask == null ? null : FloatKernels.expand(mask[t], s.maskRow, units, batch);
                int next = (t + 1) % slots;
                stepForward(s, t % slots, next, keepGates ? t : 0, hb, m);
                float[] hNext = s.h[next];
                FloatKernels.writeStep(hsBuf, 0, units, ldh, t + 1, batch, hNext);
            }

            Forward f = new Forward(steps, batch, nIn, units, mask, s, start, keepGates);
            INDArray outHtb = ws.createUninitialized(outType, DataType.FLOAT, new long[] {units, steps, batch}, 'c');
            f.out = FloatKernels.outputNcw(outHtb, mask, units, batch, steps, s.hs);
            f.last = FloatKernels.stateArray(s.h[steps % slots], batch, units);
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
     * Backpropagation through time for a pass made with {@code keepGates}; writes the weight and bias
     * gradients into the given views and returns dL/dx as NCW {@code [B, D, T]}.
     */
    INDArray backward(Forward f, INDArray epsilon, INDArray u, int tbpttBackLength, INDArray wGrad, INDArray uGrad,
                      INDArray bGrad, LayerWorkspaceMgr ws) {
        if (!f.kept) {
            throw new IllegalStateException("internal: GRU kernel backward pass without kept gates");
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
        s.dxp = FloatKernels.rows(s.dxp, 3, hb);
        s.dxSum = FloatKernels.rows(s.dxSum, 3, hb);
        s.dhpH = FloatKernels.row(s.dhpH, hb);
        s.dhpHSum = FloatKernels.row(s.dhpHSum, hb);
        s.dh = FloatKernels.row(s.dh, hb);
        s.a = FloatKernels.row(s.a, hb);
        s.dhRest = FloatKernels.row(s.dhRest, hb);
        for (float[] sum : s.dxSum) {
            Arrays.fill(sum, 0f);
        }
        Arrays.fill(s.dhpHSum, 0f);
        Arrays.fill(s.dh, 0f);

        FloatKernels.loadEpsilon(epsilon, s.epsNative, s.eps, units, steps, batch);
        // Uᵀ as a column-major [3H, H] matrix is U in row-major order.
        s.uT.size((long) units * 3 * units).view(units, 3L * units).assign(u);
        s.dhNative.size(hb);
        s.dhpAll.size((long) 3 * units * tb);
        FloatBuffer dxpBuf = s.xpAll.buf;
        FloatBuffer dhpBuf = s.dhpAll.buf;
        FloatBuffer dhBuf = s.dhNative.buf;

        int end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        for (int t = steps - 1; t >= end; t--) {
            float[] m = f.mask == null ? null : FloatKernels.expand(f.mask[t], s.maskRow, units, batch);
            stepBackward(s, t, hb, m);
            for (int q = 0; q < 3; q++) {
                FloatKernels.writeStep(dxpBuf, q * units, units, tb, t, batch, s.dxp[q]);
                FloatKernels.writeStep(dhpBuf, q * units, units, tb, t, batch, q == 2 ? s.dhpH : s.dxp[q]);
            }
            // dh_{t-1} = (direct part, in dh) + dhp_t · Uᵀ
            dhBuf.put(0, s.dh, 0, hb);
            openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, batch, units, 3 * units, 1f,
                    s.dhpAll.at((long) t * batch), tb, s.uT.ptr, 3 * units, 1f, s.dhNative.ptr, batch);
            dhBuf.get(0, s.dh, 0, hb);
        }
        if (end > 0) {
            FloatKernels.zeroSteps(dxpBuf, 3 * units, tb, end, batch);
            FloatKernels.zeroSteps(dhpBuf, 3 * units, tb, end, batch);
        }

        s.wGrad.size((long) nIn * 3 * units);
        s.uGrad.size((long) units * 3 * units);
        openblas.cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, nIn, 3 * units, tb, 1f, s.x.ptr, tb,
                s.xpAll.ptr, tb, 0f, s.wGrad.ptr, nIn);
        openblas.cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, units, 3 * units, tb, 1f, s.hs.ptr, ldh,
                s.dhpAll.ptr, tb, 0f, s.uGrad.ptr, units);
        wGrad.assign(s.wGrad.columnMajor(nIn, 3L * units));
        uGrad.assign(s.uGrad.columnMajor(units, 3L * units));
        float[] inBias = FloatKernels.unitSums(s.dxSum, units, batch);
        float[] recBias = FloatKernels.unitSums(new float[][] {s.dxSum[0], s.dxSum[1], s.dhpHSum}, units, batch);
        float[] all = Arrays.copyOf(inBias, 6 * units);
        System.arraycopy(recBias, 0, all, 3 * units, 3 * units);
        bGrad.assign(Nd4j.createFromArray(all).reshape(bGrad.shape()));

        INDArray dx = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {nIn, steps, batch}, 'c');
        openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasTrans, tb, nIn, 3 * units, 1f, s.xpAll.ptr, tb,
                s.w.ptr, nIn, 0f, NativeBuffer.pointer(dx), tb);
        return dx.permute(2, 0, 1);
    }

    /**
     * One forward step from state slot {@code prev} to {@code next}, gates to slot {@code slot}; small loops so
     * that C2 vectorises them (see {@link LstmFloatKernel}).
     */
    private static void stepForward(Scratch s, int prev, int next, int slot, int hb, float[] m) {
        float[] z = s.z[slot];
        float[] r = s.r[slot];
        float[] hh = s.hh[slot];
        float[] hpH = s.hpH[slot];
        float[] hPrev = s.h[prev];
        float[] hNext = s.h[next];
        float[] xz = s.xp[0];
        float[] xr = s.xp[1];
        float[] xh = s.xp[2];
        float[] pz = s.hp[0];
        float[] pr = s.hp[1];
        float[] ph = s.hp[2];
        float[] bz = s.bias[0];
        float[] br = s.bias[1];
        float[] bh = s.bias[2];
        float[] buh = s.buh;
        for (int k = 0; k < hb; k++) {
            z[k] = FloatActivations.sigmoid(xz[k] + pz[k] + bz[k]);
        }
        for (int k = 0; k < hb; k++) {
            r[k] = FloatActivations.sigmoid(xr[k] + pr[k] + br[k]);
        }
        for (int k = 0; k < hb; k++) {
            hpH[k] = ph[k] + buh[k];
        }
        for (int k = 0; k < hb; k++) {
            hh[k] = FloatActivations.tanh(xh[k] + bh[k] + r[k] * hpH[k]);
        }
        if (m == null) {
            for (int k = 0; k < hb; k++) {
                hNext[k] = hPrev[k] + (1f - z[k]) * (hh[k] - hPrev[k]);
            }
        } else {
            for (int k = 0; k < hb; k++) {
                hNext[k] = hPrev[k] + m[k] * ((1f - z[k]) * (hh[k] - hPrev[k]));
            }
        }
    }

    /**
     * One backward step: from dL/dh_t ({@code eps} of the step plus {@code dh} from step t+1) to the
     * gradients of the step's projections ({@code dxp}; the recurrent h part in {@code dhpH}); {@code dh}
     * becomes the part of dL/dh_{t-1} that bypasses the recurrent GEMM.
     */
    private static void stepBackward(Scratch s, int t, int hb, float[] m) {
        float[] z = s.z[t];
        float[] r = s.r[t];
        float[] hh = s.hh[t];
        float[] hpH = s.hpH[t];
        float[] hPrev = s.h[t];
        float[] eps = s.eps[t];
        float[] dh = s.dh;
        float[] a = s.a;
        float[] dz = s.dxp[0];
        float[] dr = s.dxp[1];
        float[] dhh = s.dxp[2];
        float[] dhpH = s.dhpH;
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
        for (int k = 0; k < hb; k++) {
            dz[k] = a[k] * (hPrev[k] - hh[k]) * z[k] * (1f - z[k]);
        }
        for (int k = 0; k < hb; k++) {
            dhh[k] = a[k] * (1f - z[k]) * (1f - hh[k] * hh[k]);
        }
        for (int k = 0; k < hb; k++) {
            dr[k] = dhh[k] * hpH[k] * r[k] * (1f - r[k]);
        }
        for (int k = 0; k < hb; k++) {
            dhpH[k] = dhh[k] * r[k];
        }
        for (int k = 0; k < hb; k++) {
            dh[k] = a[k] * z[k];
        }
        if (m != null) {
            float[] rest = s.dhRest;
            for (int k = 0; k < hb; k++) {
                dh[k] += rest[k];
            }
        }
        for (int q = 0; q < 3; q++) {
            float[] sum = s.dxSum[q];
            float[] d = s.dxp[q];
            for (int k = 0; k < hb; k++) {
                sum[k] += d[k];
            }
        }
        float[] hSum = s.dhpHSum;
        for (int k = 0; k < hb; k++) {
            hSum[k] += dhpH[k];
        }
    }
}
