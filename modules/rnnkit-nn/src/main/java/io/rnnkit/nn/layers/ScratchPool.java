package io.rnnkit.nn.layers;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One reusable set of a kernel's buffers, handed to one pass at a time; a pass that finds it taken (another
 * thread on the same layer) gets a fresh set, so passes never share buffers.
 */
final class ScratchPool<S> {

    private final Supplier<S> factory;
    private final S shared;
    private final AtomicBoolean inUse = new AtomicBoolean();

    ScratchPool(Supplier<S> factory) {
        this.factory = factory;
        this.shared = factory.get();
    }

    S acquire() {
        return inUse.compareAndSet(false, true) ? shared : factory.get();
    }

    /** Hands {@code s} back (a no-op for a fresh set). */
    void release(S s) {
        if (s == shared) {
            inUse.set(false);
        }
    }
}
