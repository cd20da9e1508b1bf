package io.rnnkit.nn.inference;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Native working memory of one call or one stream for the GEMM path: two buffers that grow as needed and are
 * freed by {@link #close()}. Never shared between threads.
 */
final class Scratch implements AutoCloseable {
    /** A native float buffer and its NIO view. */
    static final class Buffer {
        FloatPointer pointer;
        FloatBuffer floats;
        private long capacity;

        Buffer ensure(long n) {
            if (capacity < n) {
                if (pointer != null) {
                    pointer.close();
                }
                // Grow by half again, so a slowly growing batch does not reallocate every call.
                capacity = Math.max(n, capacity + capacity / 2);
                pointer = new FloatPointer(capacity);
                floats = pointer.asBuffer();
            }
            return this;
        }

        void close() {
            if (pointer != null) {
                pointer.close();
                pointer = null;
                floats = null;
                capacity = 0;
            }
        }
    }

    private final Buffer a = new Buffer();
    private final Buffer b = new Buffer();

    Buffer a(long n) {
        return a.ensure(n);
    }

    Buffer b(long n) {
        return b.ensure(n);
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
