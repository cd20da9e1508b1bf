package io.rnnkit.nn.inference;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Native working memory of one call or one stream for the GEMM path: buffers that grow as needed and are
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

    /** Buffers of {@link Matrix#multiplyAdd}: its packed input and output rows. */
    static final int PRODUCT_IN = 0;
    static final int PRODUCT_OUT = 1;
    /** Buffers of a recurrent layer's GEMM path: pre-activations, previous states, recurrent products. */
    static final int PRE = 2;
    static final int STATE = 3;
    static final int RECURRENT = 4;
    /** Packed input rows of a projection. */
    static final int PROJECTION_IN = 5;

    private final Buffer[] buffers = new Buffer[6];

    /** Buffer {@code k} with room for at least {@code n} floats. */
    Buffer buffer(int k, long n) {
        if (buffers[k] == null) {
            buffers[k] = new Buffer();
        }
        return buffers[k].ensure(n);
    }

    @Override
    public void close() {
        for (Buffer b : buffers) {
            if (b != null) {
                b.close();
            }
        }
    }
}
