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
    }

    final Kind kind;
    final int units;
    final Projection input;
    private final Matrix recurrent;
    /** GRU only: the recurrent bias (added to h·U before the reset gate multiplies it). */
    private final float[] recurrentBias;
    private final Activation activation;
    private final Activation gate;
    private final boolean fastActivations;
    private final boolean reverse;

    RecurrentNode(String name, Kind kind, Projection input, Matrix recurrent, float[] recurrentBias,
                  Activation activation, Activation gate, boolean reverse) {
        super(name);
        this.kind = kind;
        this.units = recurrent.rows;
        this.input = input;
        this.recurrent = recurrent;
        this.recurrentBias = recurrentBias;
        this.activation = activation;
        this.gate = gate;
        this.fastActivations = activation == Activation.TANH && (kind == Kind.SIMPLE_RNN || gate == Activation.SIGMOID);
        this.reverse = reverse;
    }

    /** The same layer reading its sequences backwards (the backward half of a bidirectional layer). */
    RecurrentNode withInput(Projection projection) {
        return new RecurrentNode(name, kind, projection, recurrent, recurrentBias, activation, gate, reverse);
    }

    @Override
    Object newState(int batch) {
        return new State(batch, units, kind == Kind.LSTM);
    }

    @Override
    boolean readsIds() {
        return true;
    }

    @Override
    Values forward(Values[] inputs, Object state, Scratch scratch) {
        Values in = inputs[0];
        if (!in.isSequence()) {
            throw new IllegalStateException(name + " needs a sequence");
        }
        int batch = in.batch;
        int steps = in.steps();
        float[][] pre = input.apply(in, scratch);
        State st = state != null ? (State) state : new State(batch, units, kind == Kind.LSTM);
        float[][] h = st.h;
        float[][] out = new float[steps * batch][];
        float[][] g = new float[batch][];
        float[][] hp = kind == Kind.GRU ? new float[batch][] : null;
        for (int i = 0; i < steps; i++) {
            int active = in.active(i);
            for (int b = 0; b < active; b++) {
                int t = reverse ? in.lens[b] - 1 - i : i;
                g[b] = pre[t * batch + b];
                if (hp != null) {
                    hp[b] = recurrentBias.clone();
                }
            }
            recurrent.multiplyAdd(h, active, hp != null ? hp : g, scratch);
            for (int b = 0; b < active; b++) {
                float[] next = switch (kind) {
                    case SIMPLE_RNN -> simpleRnn(g[b]);
                    case LSTM -> lstm(g[b], st.c[b]);
                    case GRU -> gru(g[b], hp[b], h[b]);
                };
                h[b] = next;
                int t = reverse ? in.lens[b] - 1 - i : i;
                out[t * batch + b] = next;
            }
        }
        return Values.sequence(batch, units, in.lens, out);
    }

    private float[] simpleRnn(float[] g) {
        if (fastActivations) {
            for (int j = 0; j < g.length; j++) {
                g[j] = FloatActivations.tanh(g[j]);
            }
        } else {
            activation.apply(g, g.length);
        }
        return g;
    }

    /** Keras gate order i, f, c, o; updates {@code c} in place, returns the new h. */
    private float[] lstm(float[] g, float[] c) {
        int n = units;
        int n2 = 2 * n;
        int n3 = 3 * n;
        if (fastActivations) {
            for (int j = 0; j < n2; j++) {
                g[j] = FloatActivations.sigmoid(g[j]);
            }
            for (int j = n2; j < n3; j++) {
                g[j] = FloatActivations.tanh(g[j]);
            }
            for (int j = n3; j < g.length; j++) {
                g[j] = FloatActivations.sigmoid(g[j]);
            }
        } else {
            applySlice(gate, g, 0, n2);
            applySlice(activation, g, n2, n3);
            applySlice(gate, g, n3, g.length);
        }
        float[] next = new float[n];
        for (int j = 0; j < n; j++) {
            float cj = g[n + j] * c[j] + g[j] * g[n2 + j];
            c[j] = cj;
            next[j] = cj;
        }
        if (fastActivations) {
            for (int j = 0; j < n; j++) {
                next[j] = g[n3 + j] * FloatActivations.tanh(next[j]);
            }
        } else {
            activation.apply(next, n);
            for (int j = 0; j < n; j++) {
                next[j] *= g[n3 + j];
            }
        }
        return next;
    }

    /** Keras {@code reset_after} GRU, gate order z, r, h: {@code x} holds x·W + b_in, {@code hp} h·U + b_rec. */
    private float[] gru(float[] x, float[] hp, float[] prev) {
        int n = units;
        int n2 = 2 * n;
        for (int j = 0; j < n2; j++) {
            x[j] += hp[j];
        }
        if (fastActivations) {
            for (int j = 0; j < n2; j++) {
                x[j] = FloatActivations.sigmoid(x[j]);
            }
        } else {
            applySlice(gate, x, 0, n2);
        }
        for (int j = 0; j < n; j++) {
            x[n2 + j] += x[n + j] * hp[n2 + j];
        }
        if (fastActivations) {
            for (int j = n2; j < x.length; j++) {
                x[j] = FloatActivations.tanh(x[j]);
            }
        } else {
            applySlice(activation, x, n2, x.length);
        }
        float[] next = new float[n];
        for (int j = 0; j < n; j++) {
            float z = x[j];
            next[j] = z * prev[j] + (1f - z) * x[n2 + j];
        }
        return next;
    }

    private static void applySlice(Activation a, float[] v, int from, int to) {
        float[] part = java.util.Arrays.copyOfRange(v, from, to);
        a.apply(part, part.length);
        System.arraycopy(part, 0, v, from, part.length);
    }
}
