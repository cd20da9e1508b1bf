package io.rnnkit.nn.inference;

/**
 * One step of the engine's graph: reads the values of its inputs and returns new ones, never writing what it read.
 * Nodes are immutable; the only mutable thing a node touches is the per-stream state object it made with
 * {@link #newState(int)}.
 */
abstract class Node {
    /** What the node is, for messages: the layer's name and type. */
    final String name;
    private final boolean readsIds;

    Node(String name) {
        this(name, false);
    }

    /** @param readsIds whether the node reads token ids directly (a projection from one-hot input or an embedding) */
    Node(String name, boolean readsIds) {
        this.name = name;
        this.readsIds = readsIds;
    }

    /**
     * The node's output.
     *
     * @param in      the values of the node's inputs, in order
     * @param state   this node's state in a stream (from {@link #newState}), or null for a stateless call
     * @param scratch native working memory of this call
     */
    abstract Values forward(Values[] in, Object state, Scratch scratch);

    /** A fresh (zero) state for a stream of {@code batch} sequences, or null when the node keeps none. */
    Object newState(int batch) {
        return null;
    }

    /**
     * The state of a stream whose sequence {@code r} continues sequence {@code rows[r]} of {@code state} (rows may
     * repeat: a beam search continues one hypothesis several ways). Never shares mutable arrays with {@code state}.
     */
    Object selectState(Object state, int[] rows) {
        if (state != null) {
            throw new IllegalStateException(name + " keeps a state it cannot select rows of");
        }
        return null;
    }

    /** Why this node cannot run in a stream (reads future steps), or null when it can. */
    String notCausal() {
        return null;
    }

    /** Whether this node reads token ids directly (a projection from one-hot input or an embedding). */
    final boolean readsIds() {
        return readsIds;
    }
}
