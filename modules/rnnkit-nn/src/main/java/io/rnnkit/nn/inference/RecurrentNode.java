package io.rnnkit.nn.inference;

import io.rnnkit.nn.layers.FloatActivations;

/**
 * One direction of a recurrent layer over a batch of sequences of their own lengths: rnnkit's LSTM and GRU (Keras
 * layouts and equations) and DL4J's SimpleRnn. A sequence's steps beyond its length are never computed, which is
 * what a padded batch with a mask gives for the valid steps.
 *
 * <p>Per step the recurrent product of all sequences still running is one {@link Matrix#multiplyAdd} (Java
 * lockstep or one GEMM), then the gate arithmetic runs per sequence in loops over whole gate blocks.
 */
final class RecurrentNode extends Node {
    enum Kind { SIMPLE_RNN, LSTM, GRU }

    /** The recurrent state of one stream: per sequence h, and c for an LSTM. */
    static final class State {
        final float[][] h;
        final float[][] c;

        State(int batch, int units, boolean cell) {
            h = new float[batch][units];
            c = cell ? new float[batch][units] : null;
        }

        State(float[][] h, float[][] c) {
            this.h = h;
            this.c = c;
        }
    }

    final Kind kind;
    final int units;
    final Projection input;
    private final Matrix recurrent;
    /** GRU only: the recurrent bias (added to h·U before the reset gate multiplies it). */
    private final float[] recurrentBias;
    private final Activation activation;
    private final Activation gate;
    private final boolean reverse;
    /**
     * A tanh/sigmoid LSTM whose sigmoid gates' weight and bias columns were halved ({@link #halveSigmoidGates},
     * exact in float): every gate is then the tanh of its pre-activation, σ(z) = ½ + ½·tanh(z/2), so one
     * sequence's step is one tanh loop over all 4H values instead of four block copies and four loops over H
     * (measured on the tagger, H = 48: single sentences 17 % faster).
     */
    private final boolean halvedGates;

    RecurrentNode(String name, Kind kind, Projection input, Matrix recurrent, float[] recurrentBias,
                  Activation activation, Activation gate, boolean reverse, boolean halvedGates) {
        super(name, true);
        this.halvedGates = halvedGates;
        this.kind = kind;
        this.units = recurrent.rows;
        this.input = input;
        this.recurrent = recurrent;
        this.recurrentBias = recurrentBias;
        this.activation = activation;
        this.gate = gate;
        this.reverse = reverse;
    }

    /** The same layer reading its sequences backwards (the backward half of a bidirectional layer). */
    RecurrentNode withInput(Projection projection) {
        return new RecurrentNode(name, kind, projection, recurrent, recurrentBias, activation, gate, reverse,
                halvedGates);
    }

    @Override
    Object newState(int batch) {
        return new State(batch, units, kind == Kind.LSTM);
    }

    @Override
    Object selectState(Object state, int[] rows) {
        State from = (State) state;
        float[][] h = new float[rows.length][];
        float[][] c = from.c == null ? null : new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            h[r] = from.h[rows[r]].clone();
            if (c != null) {
                c[r] = from.c[rows[r]].clone();
            }
        }
        return new State(h, c);
    }

    @Override
    Values forward(Values[] inputs, Object state, Scratch scratch) {
        Values in = inputs[0];
        if (!in.isSequence()) {
            throw new IllegalStateException(name + " needs a sequence");
        }
        State st = state != null ? (State) state : new State(in.batch, units, kind == Kind.LSTM);
        return recurrent.usesGemm(in.batch) ? forwardGemm(in, st, scratch) : forwardJava(in, st, scratch);
    }

    /** Small batches: heap rows, the recurrent product in Java lockstep. */
    private Values forwardJava(Values in, State st, Scratch scratch) {
        int batch = in.batch;
        int steps = in.steps();
        float[][] pre = input.apply(in, scratch);
        float[][] h = st.h;
        float[][] out = new float[steps * batch][];
        float[][] g = new float[batch][];
        float[][] hp = kind == Kind.GRU ? new float[batch][] : null;
        int gates = gateCount();
        float[][] z = new float[gates][units];
        float[][] zr = hp != null ? new float[gates][units] : null;
        for (int i = 0; i < steps; i++) {
            int active = in.active(i);
            for (int b = 0; b < active; b++) {
                g[b] = pre[slot(in, i, b)];
                if (hp != null) {
                    hp[b] = recurrentBias.clone();
                }
            }
            recurrent.multiplyAdd(h, active, hp != null ? hp : g, scratch);
            for (int b = 0; b < active; b++) {
                if (halvedGates) {
                    float[] next = halvedLstm(g[b], st.c[b]);
                    h[b] = next;
                    out[slot(in, i, b)] = next;
                    continue;
                }
                // Each gate block in its own array: the cell's loops then read and write one index of distinct
                // arrays, the form HotSpot vectorises.
                for (int k = 0; k < gates; k++) {
                    System.arraycopy(g[b], k * units, z[k], 0, units);
                    if (zr != null) {
                        System.arraycopy(hp[b], k * units, zr[k], 0, units);
                    }
                }
                float[] next = new float[units];
                cellColumns(z, zr, h[b], kind == Kind.LSTM ? st.c[b] : null, next, units);
                h[b] = next;
                out[slot(in, i, b)] = next;
            }
        }
        return Values.sequence(batch, units, in.lens, out);
    }

    /**
     * Large batches, laid out as {@code [unit][sequence]} per step (a column-major {@code [active × G]} GEMM
     * result): each step's recurrent product (and, for float input, its input projection) is one GEMM, a gate
     * block for all running sequences is one bulk copy out of native memory, and the gate arithmetic runs in
     * loops over {@code units × active} values, long enough for HotSpot's vector code to pay off.
     */
    private Values forwardGemm(Values in, State st, Scratch scratch) {
        int batch = in.batch;
        int steps = in.steps();
        int n = units;
        int gates = gateCount();
        int g = gates * n;
        boolean floats = in.ids == null;
        int inSize = input.inputs();
        Scratch.Buffer x = floats ? scratch.buffer(Scratch.PROJECTION_IN, (long) batch * inSize) : null;
        Scratch.Buffer zbuf = scratch.buffer(Scratch.PRE, (long) batch * g);
        Scratch.Buffer hbuf = scratch.buffer(Scratch.STATE, (long) batch * n);
        Scratch.Buffer rbuf = kind == Kind.GRU ? scratch.buffer(Scratch.RECURRENT, (long) batch * g) : null;
        float[] inBias = input.bias();
        float[][] z = new float[gates][n * batch];
        float[][] zr = kind == Kind.GRU ? new float[gates][n * batch] : null;
        // State as [unit][sequence] with leading dimension ld (the sequences running at the last step).
        int ld = batch;
        float[] h = transpose(st.h, batch, n);
        float[] c = kind == Kind.LSTM ? transpose(st.c, batch, n) : null;
        float[] next = new float[n * batch];
        float[] foldedRow = new float[g];
        float[][] out = new float[steps * batch][];
        for (int i = 0; i < steps; i++) {
            int a = in.active(i);
            if (a < ld) {
                keepFinalStates(st, h, c, ld, a);
                h = compact(h, ld, a, n);
                c = c == null ? null : compact(c, ld, a, n);
                ld = a;
            }
            int len = n * a;
            // Input part of the pre-activations (float rows: one GEMM into zbuf; ids: rows added below).
            if (floats) {
                for (int b = 0; b < a; b++) {
                    x.floats.put(b * inSize, in.rows[slot(in, i, b)], 0, inSize);
                }
                input.weights().gemmColumnMajor(x, true, a, zbuf, 0f);
            }
            hbuf.floats.put(0, h, 0, len);
            if (kind == Kind.GRU) {
                recurrent.gemmColumnMajor(hbuf, false, a, rbuf, 0f);
            } else {
                recurrent.gemmColumnMajor(hbuf, false, a, zbuf, floats ? 1f : 0f);
            }
            for (int k = 0; k < gates; k++) {
                if (floats || kind != Kind.GRU) {
                    zbuf.floats.get(k * len, z[k], 0, len);
                } else {
                    java.util.Arrays.fill(z[k], 0, len, 0f);
                }
                if (zr != null) {
                    rbuf.floats.get(k * len, zr[k], 0, len);
                    addBias(zr[k], recurrentBias, k * n, a);
                }
            }
            if (!floats) {
                for (int b = 0; b < a; b++) {
                    float[] row = input.rowOf(in, slot(in, i, b), foldedRow);
                    for (int k = 0; k < gates; k++) {
                        float[] zk = z[k];
                        int from = k * n;
                        for (int j = 0; j < n; j++) {
                            zk[j * a + b] += row[from + j];
                        }
                    }
                }
            }
            for (int k = 0; k < gates; k++) {
                addBias(z[k], inBias, k * n, a);
            }
            cellColumns(z, zr, h, c, next, len);
            float[] swap = h;
            h = next;
            next = swap;
            for (int b = 0; b < a; b++) {
                float[] row = new float[n];
                for (int j = 0; j < n; j++) {
                    row[j] = h[j * a + b];
                }
                out[slot(in, i, b)] = row;
            }
        }
        keepFinalStates(st, h, c, ld, 0);
        return Values.sequence(batch, units, in.lens, out);
    }

    /** {@code rows[b][j]} as {@code [j][b]}. */
    private static float[] transpose(float[][] rows, int batch, int n) {
        float[] t = new float[n * batch];
        for (int b = 0; b < batch; b++) {
            float[] r = rows[b];
            for (int j = 0; j < n; j++) {
                t[j * batch + b] = r[j];
            }
        }
        return t;
    }

    /** The first {@code a} sequences of a {@code [unit][ld]} state as {@code [unit][a]}. */
    private static float[] compact(float[] v, int ld, int a, int n) {
        float[] out = new float[n * a];
        for (int j = 0; j < n; j++) {
            System.arraycopy(v, j * ld, out, j * a, a);
        }
        return out;
    }

    /** Copies the states of sequences {@code [from, ld)} (those that just ended) back to per-sequence rows. */
    private void keepFinalStates(State st, float[] h, float[] c, int ld, int from) {
        for (int b = from; b < ld; b++) {
            float[] hb = new float[units];
            for (int j = 0; j < units; j++) {
                hb[j] = h[j * ld + b];
            }
            st.h[b] = hb;
            if (c != null) {
                float[] cb = st.c[b];
                for (int j = 0; j < units; j++) {
                    cb[j] = c[j * ld + b];
                }
            }
        }
    }

    /** {@code z[j][b] += bias[from + j]} over a {@code [unit][a]} block. */
    private void addBias(float[] z, float[] bias, int from, int a) {
        for (int j = 0; j < units; j++) {
            float v = bias[from + j];
            int at = j * a;
            for (int b = 0; b < a; b++) {
                z[at + b] += v;
            }
        }
    }

    /**
     * The cell math over {@code len} values of {@code [unit][sequence]} blocks: gate pre-activations {@code z}
     * (and, for a GRU, the recurrent ones {@code zr}), previous state {@code h} (and {@code c}, updated in place);
     * the new h goes to {@code next}. One small loop per operation: C2 vectorises those, not one loop holding
     * several activations. A single sequence's step is the same with {@code len = units}.
     */
    private void cellColumns(float[][] z, float[][] zr, float[] h, float[] c, float[] next, int len) {
        switch (kind) {
            case SIMPLE_RNN -> {
                System.arraycopy(z[0], 0, next, 0, len);
                activation.apply(next, len);
            }
            case LSTM -> {
                float[] in = z[0];
                float[] forget = z[1];
                float[] cand = z[2];
                float[] out = z[3];
                if (halvedGates) {
                    for (float[] zk : z) {
                        Activation.TANH.apply(zk, len);
                    }
                    for (int j = 0; j < len; j++) {
                        c[j] = (0.5f + 0.5f * forget[j]) * c[j] + (0.5f + 0.5f * in[j]) * cand[j];
                    }
                    System.arraycopy(c, 0, next, 0, len);
                    activation.apply(next, len);
                    for (int j = 0; j < len; j++) {
                        next[j] *= 0.5f + 0.5f * out[j];
                    }
                    return;
                }
                gate.apply(in, len);
                gate.apply(forget, len);
                activation.apply(cand, len);
                gate.apply(out, len);
                for (int j = 0; j < len; j++) {
                    c[j] = forget[j] * c[j] + in[j] * cand[j];
                }
                System.arraycopy(c, 0, next, 0, len);
                activation.apply(next, len);
                for (int j = 0; j < len; j++) {
                    next[j] *= out[j];
                }
            }
            case GRU -> {
                float[] zz = z[0];
                float[] r = z[1];
                float[] cand = z[2];
                for (int j = 0; j < len; j++) {
                    zz[j] += zr[0][j];
                }
                for (int j = 0; j < len; j++) {
                    r[j] += zr[1][j];
                }
                gate.apply(zz, len);
                gate.apply(r, len);
                float[] rc = zr[2];
                for (int j = 0; j < len; j++) {
                    cand[j] += r[j] * rc[j];
                }
                activation.apply(cand, len);
                for (int j = 0; j < len; j++) {
                    next[j] = zz[j] * h[j] + (1f - zz[j]) * cand[j];
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private int gateCount() {
        return switch (kind) {
            case SIMPLE_RNN -> 1;
            case LSTM -> 4;
            case GRU -> 3;
        };
    }

    /** Slot of sequence {@code b} at its {@code i}-th processed step. */
    private int slot(Values in, int i, int b) {
        int t = reverse ? in.lens[b] - 1 - i : i;
        return t * in.batch + b;
    }

    /**
     * One step of a {@link #halvedGates} LSTM for one sequence: {@code g} holds its 4H pre-activations
     * (overwritten), {@code c} its cell (updated).
     */
    private float[] halvedLstm(float[] g, float[] c) {
        int n = units;
        for (int j = 0; j < g.length; j++) {
            g[j] = FloatActivations.tanh(g[j]);
        }
        float[] next = new float[n];
        for (int j = 0; j < n; j++) {
            float cj = (0.5f + 0.5f * g[n + j]) * c[j] + (0.5f + 0.5f * g[j]) * g[2 * n + j];
            c[j] = cj;
            next[j] = (0.5f + 0.5f * g[3 * n + j]) * FloatActivations.tanh(cj);
        }
        return next;
    }

    /** Columns of the gates i, f and o of a Keras-layout LSTM row ({@code 4·units} values) times ½. */
    static void halveSigmoidGates(float[] row, int units) {
        for (int j = 0; j < row.length; j++) {
            if (j < 2 * units || j >= 3 * units) {
                row[j] *= 0.5f;
            }
        }
    }
}
