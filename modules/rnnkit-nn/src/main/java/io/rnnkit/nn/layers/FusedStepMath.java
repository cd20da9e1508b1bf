package io.rnnkit.nn.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise part of one backward step of the LSTM and GRU layers (all gate and state gradients)
 * as one pass of plain Java over the arrays' native memory, for the default sigmoid gates and tanh
 * activation.
 *
 * <p>Why: every ND4J op costs a fixed ~16 µs on top of its arithmetic and a backward step needs about
 * twenty of them; with the derivatives taken from the stored outputs ({@code σ' = s(1−s)},
 * {@code tanh' = 1 − t²}) the loop has no transcendental functions and is faster than those ops
 * (measured: LSTM train step ~25–40% faster). The forward step needs an exp per gate, where ND4J's
 * vectorised sigmoid/tanh beat scalar {@link Math#exp} on large steps; on small ones (one sentence, one
 * sampled character: batch × units up to {@link #forwardMaxCells}) the fixed cost of the dozen ND4J ops
 * dominates, so {@link #forward} does the whole LSTM step in one pass there.
 *
 * <p>All buffers must be row-major, dense and start at the beginning of their data buffer
 * ({@link #supports}); indices below are element offsets into them.
 */
final class FusedStepMath {

    private FusedStepMath() {
    }

    /** Read/write access to one array's memory; a float and a double implementation. */
    interface Buf {
        double get(int i);

        void set(int i, double v);
    }

    private record FloatBuf(FloatBuffer b) implements Buf {
        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, (float) v);
        }
    }

    private record DoubleBuf(DoubleBuffer b) implements Buf {
        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, v);
        }
    }

    /** True when the activations are the defaults and every array can be addressed directly. */
    static boolean supports(IActivation act, IActivation gate, DataType dataType, INDArray... arrays) {
        // Exact classes: a subclass may change the function, and then only the generic path is right.
        if (act.getClass() != ActivationTanH.class || gate.getClass() != ActivationSigmoid.class
                || (dataType != DataType.FLOAT && dataType != DataType.DOUBLE)) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.dataType() != dataType || a.ordering() != 'c' || a.offset() != 0 || a.data().offset() != 0
                    || a.length() >= Integer.MAX_VALUE || a.elementWiseStride() != 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code a} can be read and written through {@link #buf} (float or double, dense, row-major, at offset 0). */
    static boolean direct(INDArray a) {
        return (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) && a.ordering() == 'c'
                && a.offset() == 0 && a.data().offset() == 0 && a.length() < Integer.MAX_VALUE
                && a.elementWiseStride() == 1;
    }

    /** Direct access to the memory of an array for which {@link #direct} holds. */
    static Buf buf(INDArray a) {
        return a.dataType() == DataType.FLOAT ? new FloatBuf(a.data().asNioFloat()) : new DoubleBuf(a.data().asNioDouble());
    }

    /** Memory of the LSTM step buffers of one pass, fetched once. */
    static final class Buffers {
        final Buf dPre;
        final Buf gates;
        final Buf c;
        final Buf actC;

        /**
         * @param dPre  receives the pre-activation gradients [rows, 4H]
         * @param gates gate outputs i|f|g|o [rows, 4H]
         * @param c     cell states [(T+1)·B, H]
         * @param actC  tanh(c) [rows, H]
         */
        Buffers(INDArray dPre, INDArray gates, INDArray c, INDArray actC) {
            this.dPre = buf(dPre);
            this.gates = buf(gates);
            this.c = buf(c);
            this.actC = buf(actC);
        }
    }

    /**
     * Step {@code t} backward. In: {@code eps} (this step's output gradient, [rows, H]),
     * {@code dhNext}/{@code dcNext} ([B, H], gradients w.r.t. h_t and c_t from step t+1). Out: the
     * pre-activation gradients of step t overwrite its pre-activation rows; {@code dcNext} becomes
     * dL/dc_{t-1}; {@code dhNext} becomes the part of dL/dh_{t-1} that bypasses the recurrent GEMM
     * (non-zero only for masked rows), to which the caller adds dPre_t · RWᵀ.
     */
    static void backward(Buffers m, INDArray epsRows, INDArray dhNext, INDArray dcNext, int t, int batch,
                         int units, double[] mask) {
        Buf eps = buf(epsRows);
        Buf dh = buf(dhNext);
        Buf dc = buf(dcNext);
        int g4 = 4 * units;
        for (int r = 0; r < batch; r++) {
            double keep = mask == null ? 1.0 : mask[r];
            int row = t * batch + r;
            int gBase = row * g4;
            int sBase = row * units;   // block t of h/c holds step t-1's state
            int bBase = r * units;
            for (int j = 0; j < units; j++) {
                double dhT = keep * eps.get(sBase + j) + dh.get(bBase + j);
                double a = keep * dhT;
                int p = gBase + j;
                double in = m.gates.get(p);
                double forget = m.gates.get(p + units);
                double cand = m.gates.get(p + 2 * units);
                double out = m.gates.get(p + 3 * units);
                double ac = m.actC.get(sBase + j);
                double dcFuture = dc.get(bBase + j);
                double dcT = a * out * (1.0 - ac * ac) + keep * dcFuture;
                double cPrev = m.c.get(sBase + j);
                m.dPre.set(p, dcT * cand * in * (1.0 - in));
                m.dPre.set(p + units, dcT * cPrev * forget * (1.0 - forget));
                m.dPre.set(p + 2 * units, dcT * in * (1.0 - cand * cand));
                m.dPre.set(p + 3 * units, a * ac * out * (1.0 - out));
                dc.set(bBase + j, dcT * forget + (1.0 - keep) * dcFuture);
                dh.set(bBase + j, (1.0 - keep) * dhT);
            }
        }
    }

    /**
     * Largest {@code batch × units} for which the fused forward step is used: below it one Java pass beats
     * the ND4J ops' fixed costs, above it their vectorised exp wins. Measured with the step benchmarks of
     * {@code rnnkit-bench}.
     */
    static volatile int forwardMaxCells = Integer.getInteger("rnnkit.fusedForwardMaxCells", 2048);

    /** Whether a forward step of {@code cells = batch × units} should take the fused path. */
    static boolean fusedForward(long cells) {
        return cells <= forwardMaxCells;
    }

    /** Memory of the LSTM forward buffers of one pass, fetched once. */
    static final class ForwardBuffers {
        final Buf pre;
        final Buf gates;
        final Buf h;
        final Buf c;
        final Buf actC;

        /**
         * @param pre   pre-activations i|f|g|o [rows, 4H], the recurrent part of step t already added
         * @param gates receives the gate outputs [rows, 4H] (may be {@code pre} itself)
         * @param h     outputs [(T+1)·B, H], block 0 the initial state
         * @param c     cell states [(T+1)·B, H], block 0 the initial state
         * @param actC  receives act(c) [rows, H] or [B, H] when not kept per step
         */
        ForwardBuffers(INDArray pre, INDArray gates, INDArray h, INDArray c, INDArray actC) {
            this.pre = buf(pre);
            this.gates = gates == pre ? this.pre : buf(gates);
            this.h = buf(h);
            this.c = buf(c);
            this.actC = buf(actC);
        }
    }

    /**
     * LSTM step {@code t} forward for sigmoid gates and tanh activation, the same arithmetic as the ND4J-op
     * path: gates from the pre-activations, {@code c' = f·c + i·g}, {@code h' = o·tanh(c')}, and a row with
     * mask {@code m} ends at {@code prev + m·(new − prev)} (so mask 0 keeps the state).
     *
     * @param actCPerStep whether act(c) is kept for every step (backprop) or only for the current one
     */
    static void forward(ForwardBuffers m, int t, int batch, int units, double[] mask, boolean actCPerStep) {
        int g4 = 4 * units;
        for (int r = 0; r < batch; r++) {
            double keep = mask == null ? 1.0 : mask[r];
            int row = t * batch + r;
            int gBase = row * g4;
            int sPrev = row * units;
            int sNew = sPrev + batch * units;
            int aBase = (actCPerStep ? row : r) * units;
            for (int j = 0; j < units; j++) {
                int p = gBase + j;
                double in = sigmoid(m.pre.get(p));
                double forget = sigmoid(m.pre.get(p + units));
                double cand = tanh(m.pre.get(p + 2 * units));
                double out = sigmoid(m.pre.get(p + 3 * units));
                m.gates.set(p, in);
                m.gates.set(p + units, forget);
                m.gates.set(p + 2 * units, cand);
                m.gates.set(p + 3 * units, out);
                double cPrev = m.c.get(sPrev + j);
                double cNew = forget * cPrev + in * cand;
                if (keep != 1.0) {
                    cNew = cPrev + keep * (cNew - cPrev);
                }
                double ac = tanh(cNew);
                double hNew = out * ac;
                if (keep != 1.0) {
                    double hPrev = m.h.get(sPrev + j);
                    hNew = hPrev + keep * (hNew - hPrev);
                }
                m.c.set(sNew + j, cNew);
                m.actC.set(aBase + j, ac);
                m.h.set(sNew + j, hNew);
            }
        }
    }

    /**
     * First Java pass of the large-step LSTM forward, after ND4J has applied one sigmoid to the whole gate block
     * whose candidate columns were doubled ({@code tanh(x) = 2σ(2x) − 1}): turns those columns into the candidate
     * and computes {@code c' = f·c + i·g} (masked rows blend towards the previous c).
     */
    static void forwardCellState(ForwardBuffers m, int t, int batch, int units, double[] mask) {
        int g4 = 4 * units;
        for (int r = 0; r < batch; r++) {
            double keep = mask == null ? 1.0 : mask[r];
            int row = t * batch + r;
            int gBase = row * g4;
            int sPrev = row * units;
            int sNew = sPrev + batch * units;
            for (int j = 0; j < units; j++) {
                int p = gBase + j;
                double cand = 2.0 * m.gates.get(p + 2 * units) - 1.0;
                m.gates.set(p + 2 * units, cand);
                double cPrev = m.c.get(sPrev + j);
                double cNew = m.gates.get(p + units) * cPrev + m.gates.get(p) * cand;
                m.c.set(sNew + j, keep == 1.0 ? cNew : cPrev + keep * (cNew - cPrev));
            }
        }
    }

    /**
     * Second Java pass of the large-step LSTM forward, after ND4J has written {@code act(c')}:
     * {@code h' = o·act(c')} (masked rows blend towards the previous h).
     */
    static void forwardOutput(ForwardBuffers m, int t, int batch, int units, double[] mask, boolean actCPerStep) {
        int g4 = 4 * units;
        for (int r = 0; r < batch; r++) {
            double keep = mask == null ? 1.0 : mask[r];
            int row = t * batch + r;
            int oBase = row * g4 + 3 * units;
            int sPrev = row * units;
            int sNew = sPrev + batch * units;
            int aBase = (actCPerStep ? row : r) * units;
            for (int j = 0; j < units; j++) {
                double hNew = m.gates.get(oBase + j) * m.actC.get(aBase + j);
                if (keep != 1.0) {
                    double hPrev = m.h.get(sPrev + j);
                    hNew = hPrev + keep * (hNew - hPrev);
                }
                m.h.set(sNew + j, hNew);
            }
        }
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** tanh through one {@link Math#exp} (an intrinsic; {@link Math#tanh} is not), exact to ~1e-16. */
    private static double tanh(double x) {
        if (x > 20) {
            return 1.0;
        }
        if (x < -20) {
            return -1.0;
        }
        return 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
    }

    /** Memory of the GRU forward buffers of one pass, fetched once. */
    static final class GruForwardBuffers {
        final Buf xp;
        final Buf hp;
        final Buf zr;
        final Buf hh;
        final Buf zrPre;
        final Buf hhPre;
        final Buf states;
        final double[] recurrentCandidateBias;

        /**
         * @param xp     input projections plus biases [rows, 3H]
         * @param hp     recurrent projections h·U of the step [slots, 3H]; the candidate's recurrent bias is added
         * @param zr     receives the gate outputs z|r [slots, 2H]
         * @param hh     receives the candidate outputs [slots, H]
         * @param zrPre  receives the gate pre-activations [rows, 2H], or null when not kept
         * @param hhPre  receives the candidate pre-activations [rows, H], or null when not kept
         * @param states states [(T+1)·B, H], block 0 the initial state
         * @param recurrentCandidateBias the candidate's recurrent bias {@code buh} (H values)
         */
        GruForwardBuffers(INDArray xp, INDArray hp, INDArray zr, INDArray hh, INDArray zrPre, INDArray hhPre,
                          INDArray states, double[] recurrentCandidateBias) {
            this.xp = buf(xp);
            this.hp = buf(hp);
            this.zr = buf(zr);
            this.hh = buf(hh);
            this.zrPre = zrPre == null ? null : buf(zrPre);
            this.hhPre = hhPre == null ? null : buf(hhPre);
            this.states = buf(states);
            this.recurrentCandidateBias = recurrentCandidateBias;
        }
    }

    /**
     * GRU step {@code t} forward ({@code reset_after} form) for sigmoid gates and tanh activation, the same
     * arithmetic as the ND4J-op path: {@code z|r = σ(xp + hp)}, {@code hh = tanh(xp_h + r·(hp_h + buh))},
     * {@code h' = h + m·(1 − z)·(hh − h)}.
     *
     * @param slot row block of {@code hp}, {@code zr} and {@code hh} for this step ({@code t}, or 0 when only the
     *             current step is kept)
     */
    static void gruForward(GruForwardBuffers m, int t, int slot, int batch, int units, double[] mask) {
        int g2 = 2 * units;
        int g3 = 3 * units;
        for (int r = 0; r < batch; r++) {
            double keep = mask == null ? 1.0 : mask[r];
            int row = t * batch + r;
            int srow = slot * batch + r;
            int sPrev = row * units;
            int sNew = sPrev + batch * units;
            for (int j = 0; j < units; j++) {
                int hpBase = srow * g3 + j;
                double hpH = m.hp.get(hpBase + g2) + m.recurrentCandidateBias[j];
                m.hp.set(hpBase + g2, hpH);
                double zPre = m.xp.get(row * g3 + j) + m.hp.get(hpBase);
                double rPre = m.xp.get(row * g3 + units + j) + m.hp.get(hpBase + units);
                if (m.zrPre != null) {
                    m.zrPre.set(row * g2 + j, zPre);
                    m.zrPre.set(row * g2 + units + j, rPre);
                }
                double z = sigmoid(zPre);
                double reset = sigmoid(rPre);
                m.zr.set(srow * g2 + j, z);
                m.zr.set(srow * g2 + units + j, reset);
                double hhPre = m.xp.get(row * g3 + g2 + j) + reset * hpH;
                if (m.hhPre != null) {
                    m.hhPre.set(row * units + j, hhPre);
                }
                double cand = tanh(hhPre);
                m.hh.set(srow * units + j, cand);
                double hPrev = m.states.get(sPrev + j);
                m.states.set(sNew + j, hPrev + keep * ((1.0 - z) * (cand - hPrev)));
            }
        }
    }

    /** Memory of the GRU step buffers of one pass, fetched once. */
    static final class GruBuffers {
        final Buf states;
        final Buf zr;
        final Buf hh;
        final Buf hp;
        final Buf dxp;
        final Buf dhp;

        /**
         * @param states states [(T+1)·B, H]
         * @param zr     gate outputs z|r [rows, 2H]
         * @param hh     candidate outputs [rows, H]
         * @param hp     recurrent projections h·U + bU [rows, 3H]
         * @param dxp    receives the gradients of the input projections [rows, 3H]
         * @param dhp    receives the gradients of the recurrent projections [rows, 3H]
         */
        GruBuffers(INDArray states, INDArray zr, INDArray hh, INDArray hp, INDArray dxp, INDArray dhp) {
            this.states = buf(states);
            this.zr = buf(zr);
            this.hh = buf(hh);
            this.hp = buf(hp);
            this.dxp = buf(dxp);
            this.dhp = buf(dhp);
        }
    }

    /**
     * GRU step {@code t} backward ({@code reset_after} form). In: {@code eps} (output gradient,
     * [rows, H]), {@code dhNext} ([B, H], dL/dh_t from step t+1). Out: rows of step t of
     * {@code dxp}/{@code dhp}; {@code dhNext} becomes the part of dL/dh_{t-1} that bypasses the
     * recurrent GEMM ({@code a ⊙ z} plus the masked pass-through), to which the caller adds
     * dhp_t · Uᵀ.
     */
    static void gruBackward(GruBuffers m, INDArray epsRows, INDArray dhNext, int t, int batch, int units,
                            double[] mask) {
        Buf eps = buf(epsRows);
        Buf dh = buf(dhNext);
        int g2 = 2 * units;
        int g3 = 3 * units;
        for (int r = 0; r < batch; r++) {
            double keep = mask == null ? 1.0 : mask[r];
            int row = t * batch + r;
            int sBase = row * units;
            int bBase = r * units;
            for (int j = 0; j < units; j++) {
                double dhT = keep * eps.get(sBase + j) + dh.get(bBase + j);
                double a = keep * dhT;
                double z = m.zr.get(row * g2 + j);
                double reset = m.zr.get(row * g2 + units + j);
                double cand = m.hh.get(sBase + j);
                double hPrev = m.states.get(sBase + j);
                double hpH = m.hp.get(row * g3 + 2 * units + j);
                double dzPre = a * (hPrev - cand) * z * (1.0 - z);
                double dhhPre = a * (1.0 - z) * (1.0 - cand * cand);
                double drPre = dhhPre * hpH * reset * (1.0 - reset);
                int p = row * g3 + j;
                m.dxp.set(p, dzPre);
                m.dxp.set(p + units, drPre);
                m.dxp.set(p + 2 * units, dhhPre);
                m.dhp.set(p, dzPre);
                m.dhp.set(p + units, drPre);
                m.dhp.set(p + 2 * units, dhhPre * reset);
                dh.set(bBase + j, a * z + (1.0 - keep) * dhT);
            }
        }
    }

    /** The mask as one {@code double[batch]} per time step, or null. */
    static double[][] maskColumns(INDArray mask) {
        if (mask == null) {
            return null;
        }
        double[][] byRow = mask.toDoubleMatrix();
        double[][] cols = new double[byRow[0].length][byRow.length];
        for (int b = 0; b < byRow.length; b++) {
            for (int t = 0; t < byRow[b].length; t++) {
                cols[t][b] = byRow[b][t];
            }
        }
        return cols;
    }
}
