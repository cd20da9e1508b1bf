package io.rnnkit.nn.layers;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training-mode forward pass kept for the backward pass that normally follows it (DL4J runs the forward
 * pass, then asks each layer for its gradients; without this a layer runs its forward pass twice), with the
 * input and mask it was computed on. The layer drops it on any other forward pass or parameter change.
 *
 * @param <F> what the layer keeps of the pass
 */
final class KeptPass<F> {

    private final Consumer<F> release;
    private F pass;
    private INDArray input;
    private INDArray mask;

    /** @param release hands a dropped or taken pass's buffers back */
    KeptPass(Consumer<F> release) {
        this.release = release;
    }

    void keep(F pass, INDArray input, INDArray mask) {
        drop();
        this.pass = pass;
        this.input = input;
        this.mask = mask;
    }

    /**
     * The kept pass if it was computed on this very input and mask (and {@code sameStart} accepts it); else
     * null, the pass dropped. Either way nothing stays kept: the caller owns what it gets.
     */
    F take(INDArray currentInput, INDArray currentMask, Predicate<F> sameStart) {
        F f = pass;
        if (f == null || input != currentInput || mask != currentMask || !sameStart.test(f)) {
            drop();
            return null;
        }
        clear();
        return f;
    }

    void drop() {
        if (pass != null) {
            release.accept(pass);
        }
        clear();
    }

    private void clear() {
        pass = null;
        input = null;
        mask = null;
    }
}
