package io.rnnkit.nn.inference;

import java.util.Arrays;

/**
 * A stateful stream over an {@link InferenceNetwork}: {@code batch} sequences advanced together one step (or one
 * chunk of steps) per call, the recurrent state carried between calls, as DL4J's {@code rnnTimeStep} does. What
 * sampling and streaming evaluation use.
 *
 * <p>A stream is one caller's state: not thread-safe, but any number of streams may run on one network at once.
 * {@link #close()} frees its native working memory at once (otherwise the garbage collector does).
 */
public final class InferenceStream implements AutoCloseable {
    private final InferenceNetwork network;
    private int batch;
    private final Scratch scratch = new Scratch();
    private int[] identity;
    private Object[] states;

    InferenceStream(InferenceNetwork network, int batch) {
        this.network = network;
        this.batch = batch;
        this.identity = identity(batch);
        this.states = network.newStates(batch);
    }

    /** Sequences in this stream. */
    public int batch() {
        return batch;
    }

    /**
     * Advances every sequence by one token id (token-id networks, or one-hot features).
     *
     * @param ids one id per sequence
     * @return per sequence the output after this step, {@code [batch][outputSize]}
     */
    public float[][] step(int[] ids) {
        if (ids == null || ids.length != batch) {
            throw new IllegalArgumentException("this stream steps " + batch + " sequences, got "
                    + (ids == null ? "null" : ids.length + " ids"));
        }
        return last(steps(columns(ids)));
    }

    /**
     * Advances every sequence by one step of float features.
     *
     * @param features per sequence {@code [inputSize]}
     */
    public float[][] step(float[][] features) {
        if (features == null || features.length != batch) {
            throw new IllegalArgumentException("this stream steps " + batch + " sequences, got "
                    + (features == null ? "null" : features.length + " rows"));
        }
        float[][][] x = new float[batch][][];
        for (int b = 0; b < batch; b++) {
            x[b] = new float[][] {features[b]};
        }
        return last(run(network.features(x)));
    }

    /**
     * Advances every sequence by the same number of token ids and returns the output at every step (networks that
     * output sequences).
     *
     * @param ids per sequence its next ids, all of one length
     * @return {@code [batch][steps][outputSize]}
     */
    public float[][][] steps(int[][] ids) {
        if (ids == null || ids.length != batch) {
            throw new IllegalArgumentException("this stream steps " + batch + " sequences, got "
                    + (ids == null ? "null" : ids.length + " sequences"));
        }
        for (int b = 1; b < batch; b++) {
            if (ids[b] == null || ids[0] == null || ids[b].length != ids[0].length) {
                throw new IllegalArgumentException("every sequence of a stream advances by the same number of steps");
            }
        }
        Values out = run(network.tokens(ids));
        if (!out.isSequence()) {
            float[][][] r = new float[batch][][];
            for (int b = 0; b < batch; b++) {
                r[b] = new float[][] {out.rows[b]};
            }
            return r;
        }
        return InferenceNetwork.sequencesOf(out, identity);
    }

    /**
     * Continues, from now on, {@code rows.length} sequences: sequence {@code r} carries on from the current state of
     * sequence {@code rows[r]}. Rows may repeat or be left out, which is what a beam search does after each step
     * (a hypothesis continued several ways, another dropped); the batch becomes {@code rows.length}.
     *
     * @throws IllegalArgumentException if {@code rows} is empty or names a sequence this stream does not have
     */
    public void select(int[] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("select needs at least one row");
        }
        for (int r : rows) {
            if (r < 0 || r >= batch) {
                throw new IllegalArgumentException("row " + r + " is not a sequence of this stream of " + batch);
            }
        }
        Object[] next = new Object[states.length];
        for (int i = 0; i < states.length; i++) {
            next[i] = network.selectState(i, states[i], rows);
        }
        states = next;
        batch = rows.length;
        identity = identity(batch);
    }

    /** Forgets the state: the next step starts from zeros. */
    public void reset() {
        states = network.newStates(batch);
    }

    @Override
    public void close() {
        scratch.close();
    }

    private Values run(InferenceNetwork.Batch b) {
        if (!Arrays.equals(b.order(), identity)) {
            throw new IllegalStateException("stream batch reordered");
        }
        return network.forward(b.values(), states, scratch);
    }

    private static int[] identity(int batch) {
        int[] order = new int[batch];
        for (int b = 0; b < batch; b++) {
            order[b] = b;
        }
        return order;
    }

    private static int[][] columns(int[] ids) {
        int[][] x = new int[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            x[b] = new int[] {ids[b]};
        }
        return x;
    }

    private float[][] last(float[][][] perStep) {
        float[][] out = new float[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = perStep[b][perStep[b].length - 1];
        }
        return out;
    }

    private float[][] last(Values v) {
        if (!v.isSequence()) {
            return v.rows.clone();
        }
        float[][] out = new float[batch][];
        int t = v.lens[0] - 1;
        for (int b = 0; b < batch; b++) {
            out[b] = v.rows[t * batch + b];
        }
        return out;
    }
}
