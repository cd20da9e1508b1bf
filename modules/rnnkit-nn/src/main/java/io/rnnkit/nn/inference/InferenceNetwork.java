package io.rnnkit.nn.inference;

import java.util.Arrays;

import io.rnnkit.nn.runtime.NativeThreads;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained network's weights, copied once, and its forward pass in plain Java: rnnkit's way of predicting.
 *
 * <pre>{@code
 * InferenceNetwork engine = InferenceNetwork.of(trained);            // once, after training or loading
 * float[][] p = engine.outputVectors(new int[][] {{5, 9, 2}, {7, 1}});  // any thread, any number of threads
 * try (InferenceStream s = engine.newStream(1)) {                     // a stateful stream: sampling
 *     float[][] next = s.step(new int[] {5});
 * }
 * }</pre>
 *
 * <p>Sequences are passed unpadded, each with its own length; the result equals DL4J's {@code output} on a padded
 * batch with the matching mask, at the valid steps (within float rounding; tested to 1e-5). Supported: token
 * embeddings, rnnkit's feature embedding, float features (and ids read as one-hot features when the first layer
 * is a projection), SimpleRnn/LSTM/GRU, bidirectional layers with every merge mode, stacks, last valid step,
 * global pooling, dense and softmax heads, dropout (identity at inference), and computation graphs of those with
 * merge, element-wise and time-reversal vertices. Anything else is refused when the snapshot is built, naming the
 * layer.
 *
 * <p>Immutable and thread-safe: any number of threads may call one instance at once; each call keeps its working
 * memory to itself, and a stream is its own object. Weights changed in the DL4J network afterwards are not seen:
 * take a new snapshot.
 */
public final class InferenceNetwork {
    /** What the network reads. */
    public enum InputKind {
        /** One token id per step (an embedding layer first). */
        TOKEN_IDS,
        /** One id per channel per step (rnnkit's feature embedding first). */
        FEATURE_IDS,
        /** Float features per step. */
        FEATURES
    }

    private final Node[] nodes;
    private final int[][] inputs;
    private final boolean[] live;
    private final int output;
    private final InputKind inputKind;
    private final int inputSize;
    private final int[] tableSizes;
    private final boolean oneHot;
    private final boolean outputsSequence;
    private final int outputSize;
    private final String notCausal;
    /** Per node the last live node reading it (its output can be dropped after that one), -1 if none. */
    private final int[] lastReader;

    InferenceNetwork(Node[] nodes, int[][] inputs, boolean[] live, int output, InputKind inputKind, int inputSize,
                     int[] tableSizes, boolean oneHot, boolean outputsSequence, int outputSize) {
        this.nodes = nodes;
        this.inputs = inputs;
        this.live = live;
        this.output = output;
        this.inputKind = inputKind;
        this.inputSize = inputSize;
        this.tableSizes = tableSizes;
        this.oneHot = oneHot;
        this.outputsSequence = outputsSequence;
        this.outputSize = outputSize;
        String why = null;
        for (int i = 0; i < nodes.length && why == null; i++) {
            why = live[i] ? nodes[i].notCausal() : null;
        }
        this.notCausal = why;
        this.lastReader = new int[nodes.length];
        java.util.Arrays.fill(lastReader, -1);
        for (int i = 0; i < nodes.length; i++) {
            if (live[i]) {
                for (int from : inputs[i]) {
                    if (from >= 0) {
                        lastReader[from] = i;
                    }
                }
            }
        }
        lastReader[output] = Integer.MAX_VALUE;
    }

    /**
     * A snapshot of a trained layer stack's current weights.
     *
     * @throws UnsupportedOperationException naming the first layer the engine does not compute
     */
    public static InferenceNetwork of(MultiLayerNetwork network) {
        NativeThreads.ensureConfigured();
        return Translator.translate(network);
    }

    /**
     * A snapshot of a trained computation graph (one input, one output) with its current weights.
     *
     * @throws UnsupportedOperationException naming the first vertex the engine does not compute
     */
    public static InferenceNetwork of(ComputationGraph graph) {
        NativeThreads.ensureConfigured();
        return Translator.translate(graph);
    }

    /** What the network reads. */
    public InputKind inputKind() {
        return inputKind;
    }

    /** Vocabulary size (token ids; the first channel's for feature ids) or features per step. */
    public int inputSize() {
        return inputSize;
    }

    /** Whether a {@link InputKind#FEATURES} network also takes token ids, read as one-hot feature vectors. */
    public boolean acceptsOneHotIds() {
        return oneHot;
    }

    /** Size of the output per example, or per step for a network that outputs sequences. */
    public int outputSize() {
        return outputSize;
    }

    /** Whether the network outputs one vector per step (else one per sequence). */
    public boolean outputsSequence() {
        return outputsSequence;
    }

    /** Whether the network can be stepped ({@link #newStream}): no layer reads future steps. */
    public boolean isCausal() {
        return notCausal == null;
    }

    // ------------------------------------------------------------------------------------------------ one call

    /**
     * Outputs per step for sequences of token ids ({@link InputKind#TOKEN_IDS}, or one-hot features).
     *
     * @param ids per sequence its ids, at least one each
     * @return per sequence {@code [steps][outputSize]}
     */
    public float[][][] outputSequences(int[][] ids) {
        return sequences(tokens(ids));
    }

    /** Outputs per sequence ({@code [sequences][outputSize]}) for token ids; see {@link #outputSequences(int[][])}. */
    public float[][] outputVectors(int[][] ids) {
        return vectors(tokens(ids));
    }

    /**
     * Outputs per step for sequences of feature ids ({@link InputKind#FEATURE_IDS}).
     *
     * @param ids per sequence {@code [steps][channels]}
     */
    public float[][][] outputSequences(int[][][] ids) {
        return sequences(featureIds(ids));
    }

    /** Outputs per sequence for feature ids. */
    public float[][] outputVectors(int[][][] ids) {
        return vectors(featureIds(ids));
    }

    /**
     * Outputs per step for sequences of float features ({@link InputKind#FEATURES}).
     *
     * @param features per sequence {@code [steps][inputSize]}
     */
    public float[][][] outputSequences(float[][][] features) {
        return sequences(features(features));
    }

    /** Outputs per sequence for float features. */
    public float[][] outputVectors(float[][][] features) {
        return vectors(features(features));
    }

    /**
     * A stateful stream of {@code batch} sequences stepped together (sampling, streaming evaluation), starting
     * from zero state. Not thread-safe itself; make one per thread.
     *
     * @throws IllegalStateException when a layer reads future steps (bidirectional, pooling)
     */
    public InferenceStream newStream(int batch) {
        if (notCausal != null) {
            throw new IllegalStateException("this network cannot be stepped: " + notCausal
                    + "; run whole sequences instead");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("a stream needs at least one sequence, got " + batch);
        }
        return new InferenceStream(this, batch);
    }

    // ------------------------------------------------------------------------------------------------ internals

    /** Sorted input: the values and, per sorted position, the caller's index. */
    record Batch(Values values, int[] order) {
    }

    Object selectState(int node, Object state, int[] rows) {
        return state == null ? null : nodes[node].selectState(state, rows);
    }

    Object[] newStates(int batch) {
        Object[] s = new Object[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            s[i] = live[i] ? nodes[i].newState(batch) : null;
        }
        return s;
    }

    private float[][][] sequences(Batch b) {
        requireSequenceOutput();
        return sequencesOf(run(b), b.order);
    }

    private float[][] vectors(Batch b) {
        requireVectorOutput();
        return vectorsOf(run(b), b.order);
    }

    private Values run(Batch b) {
        try (Scratch scratch = new Scratch()) {
            return forward(b.values, null, scratch);
        }
    }

    /** The forward pass over sorted values; {@code states} per node (streams) or null. */
    Values forward(Values in, Object[] states, Scratch scratch) {
        Values[] out = new Values[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            if (!live[i]) {
                continue;
            }
            int[] from = inputs[i];
            Values[] args = new Values[from.length];
            for (int k = 0; k < from.length; k++) {
                args[k] = from[k] < 0 ? in : out[from[k]];
            }
            if (args.length == 1 && args[0].ids != null && !nodes[i].readsIds()) {
                throw new IllegalStateException(nodes[i].name + " cannot read token ids");
            }
            out[i] = nodes[i].forward(args, states == null ? null : states[i], scratch);
            // Free what no later node reads: long inputs keep memory bounded by about two layers.
            for (int k = 0; k < from.length; k++) {
                if (from[k] >= 0 && lastReader[from[k]] == i) {
                    out[from[k]] = null;
                }
            }
        }
        return out[output];
    }

    private void requireSequenceOutput() {
        if (!outputsSequence) {
            throw new IllegalStateException("this network outputs one vector per sequence; use outputVectors");
        }
    }

    private void requireVectorOutput() {
        if (outputsSequence) {
            throw new IllegalStateException("this network outputs one vector per step; use outputSequences");
        }
    }

    /** The batch order, longest first, and the lengths in that order. */
    private record Sorted(int[] order, int[] lens) {
        static Sorted of(int[] lens) {
            int[] order = sortedOrder(lens);
            int[] sorted = new int[lens.length];
            for (int b = 0; b < lens.length; b++) {
                sorted[b] = lens[order[b]];
            }
            return new Sorted(order, sorted);
        }
    }

    private static int[] sortedOrder(int[] lens) {
        Integer[] o = new Integer[lens.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        // Longest first (stable): the sequences still running at a step are then a prefix of the batch.
        Arrays.sort(o, (x, y) -> Integer.compare(lens[y], lens[x]));
        int[] order = new int[o.length];
        for (int i = 0; i < o.length; i++) {
            order[i] = o[i];
        }
        return order;
    }

    private static void requireBatch(Object[] batch) {
        if (batch == null || batch.length == 0) {
            throw new IllegalArgumentException("no sequences given");
        }
    }

    private static void requireSteps(int length, int sequence) {
        if (length == 0) {
            throw new IllegalArgumentException("sequence " + (sequence + 1) + " is empty");
        }
    }

    Batch tokens(int[][] ids) {
        requireBatch(ids);
        if (inputKind == InputKind.FEATURE_IDS) {
            throw new IllegalArgumentException("this network reads " + tableSizes.length
                    + " ids per step (feature embedding); pass int[sequence][step][channel]");
        }
        if (inputKind == InputKind.FEATURES && !oneHot) {
            throw new IllegalArgumentException("this network reads float features; its first layer cannot read ids");
        }
        int n = ids.length;
        int[] lens = new int[n];
        for (int b = 0; b < n; b++) {
            if (ids[b] == null) {
                throw new IllegalArgumentException("sequence " + (b + 1) + " is null");
            }
            lens[b] = ids[b].length;
            requireSteps(lens[b], b);
        }
        Sorted sort = Sorted.of(lens);
        int[] order = sort.order();
        int[] sorted = sort.lens();
        int steps = sorted[0];
        int[] flat = new int[steps * n];
        for (int b = 0; b < n; b++) {
            int[] seq = ids[order[b]];
            for (int t = 0; t < seq.length; t++) {
                int id = seq[t];
                if (id < 0 || id >= inputSize) {
                    throw new IllegalArgumentException("id " + id + " at sequence " + (order[b] + 1) + ", step "
                            + (t + 1) + " is outside [0, " + inputSize + ")");
                }
                flat[t * n + b] = id;
            }
        }
        return new Batch(Values.tokens(n, sorted, flat, 1), order);
    }

    Batch featureIds(int[][][] ids) {
        requireBatch(ids);
        if (inputKind != InputKind.FEATURE_IDS) {
            throw new IllegalArgumentException("this network does not read feature ids (it reads "
                    + inputKind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
        int n = ids.length;
        int ch = tableSizes.length;
        int[] lens = new int[n];
        for (int b = 0; b < n; b++) {
            lens[b] = ids[b].length;
            requireSteps(lens[b], b);
        }
        Sorted sort = Sorted.of(lens);
        int[] order = sort.order();
        int[] sorted = sort.lens();
        int[] flat = new int[sorted[0] * n * ch];
        for (int b = 0; b < n; b++) {
            int[][] seq = ids[order[b]];
            for (int t = 0; t < seq.length; t++) {
                if (seq[t].length != ch) {
                    throw new IllegalArgumentException("step " + (t + 1) + " of sequence " + (order[b] + 1) + " has "
                            + seq[t].length + " ids, the network reads " + ch);
                }
                for (int k = 0; k < ch; k++) {
                    int id = seq[t][k];
                    if (id < 0 || id >= tableSizes[k]) {
                        throw new IllegalArgumentException("id " + id + " of channel " + k + " at sequence "
                                + (order[b] + 1) + ", step " + (t + 1) + " is outside [0, " + tableSizes[k] + ")");
                    }
                    flat[(t * n + b) * ch + k] = id;
                }
            }
        }
        return new Batch(Values.tokens(n, sorted, flat, ch), order);
    }

    Batch features(float[][][] features) {
        requireBatch(features);
        if (inputKind != InputKind.FEATURES) {
            throw new IllegalArgumentException("this network reads token ids, not float features");
        }
        int n = features.length;
        int[] lens = new int[n];
        for (int b = 0; b < n; b++) {
            lens[b] = features[b].length;
            requireSteps(lens[b], b);
        }
        Sorted sort = Sorted.of(lens);
        int[] order = sort.order();
        int[] sorted = sort.lens();
        float[][] rows = new float[sorted[0] * n][];
        for (int b = 0; b < n; b++) {
            float[][] seq = features[order[b]];
            for (int t = 0; t < seq.length; t++) {
                if (seq[t] == null || seq[t].length != inputSize) {
                    throw new IllegalArgumentException("step " + (t + 1) + " of sequence " + (order[b] + 1) + " has "
                            + (seq[t] == null ? "no" : String.valueOf(seq[t].length)) + " features, the network reads "
                            + inputSize);
                }
                rows[t * n + b] = seq[t];
            }
        }
        return new Batch(Values.sequence(n, inputSize, sorted, rows), order);
    }

    /** Per caller's sequence its rows {@code [steps][size]}. */
    static float[][][] sequencesOf(Values v, int[] order) {
        int n = order.length;
        float[][][] out = new float[n][][];
        for (int b = 0; b < n; b++) {
            float[][] seq = new float[v.lens[b]][];
            for (int t = 0; t < seq.length; t++) {
                seq[t] = v.rows[t * n + b];
            }
            out[order[b]] = seq;
        }
        return out;
    }

    /** Per caller's sequence its vector. */
    static float[][] vectorsOf(Values v, int[] order) {
        float[][] out = new float[order.length][];
        for (int b = 0; b < order.length; b++) {
            out[order[b]] = v.rows[b];
        }
        return out;
    }
}
