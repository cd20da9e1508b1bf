package io.rnnkit.nn.layers;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A detached float buffer for the float kernels' direct BLAS calls and bulk copies: it grows as needed,
 * lives outside DL4J's workspaces (so a forward pass's buffers survive until its backward pass), and
 * {@link #view} shapes a prefix of it for ND4J copies.
 */
final class NativeBuffer {
    private INDArray array;
    FloatPointer ptr;
    FloatBuffer buf;

    NativeBuffer size(long n) {
        if (array == null || array.length() < n) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                array = Nd4j.createUninitializedDetached(DataType.FLOAT, Math.max(n, 1));
            }
            ptr = new FloatPointer(array.data().addressPointer());
            buf = array.data().asNioFloat();
        }
        return this;
    }

    /** The first {@code prod(shape)} floats as a row-major array of that shape. */
    INDArray view(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return array.get(NDArrayIndex.interval(0, n)).reshape('c', shape);
    }

    /** The first {@code rows × cols} floats as a column-major matrix. */
    INDArray columnMajor(long rows, long cols) {
        return array.get(NDArrayIndex.interval(0, rows * cols)).reshape('f', rows, cols);
    }

    FloatPointer at(long offset) {
        return new FloatPointer(ptr).position(offset);
    }

    /** The memory of a dense float array that starts at its buffer's beginning (workspace arrays do). */
    static FloatBuffer floats(INDArray a) {
        requireDirect(a);
        return a.data().asNioFloat();
    }

    /** The address of such an array, for BLAS. */
    static FloatPointer pointer(INDArray a) {
        requireDirect(a);
        return new FloatPointer(a.data().addressPointer());
    }

    private static void requireDirect(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.offset() != 0 || a.data().offset() != 0 || a.isView()) {
            throw new IllegalStateException("internal: kernel buffer is not a dense float array " + a.shapeInfoToString());
        }
    }
}
