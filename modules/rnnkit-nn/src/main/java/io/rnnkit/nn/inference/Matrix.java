package io.rnnkit.nn.inference;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * An immutable weight matrix {@code [rows][cols]} and the one product the engine needs, {@code acc[i] += x[i]·M}
 * for a list of row vectors.
 *
 * <p>Two ways to compute it, chosen per call by size: plain Java over one {@code float[]} per weight row (each inner
 * loop {@code acc[j] += v·row[j]} from index 0, the form HotSpot vectorises; four weight rows per pass, applied to
 * every vector while they are in L1), or one OpenBLAS SGEMM on a native copy of the matrix, made the first time a
 * product is large enough ({@link #gemmMinMacs}).
 */
final class Matrix {
    /**
     * Smallest product (multiply-adds) sent to OpenBLAS; below it the copies in and out of native memory cost more
     * than the faster arithmetic saves. Overridable with {@code -Drnnkit.inference.gemmMinMacs=N} (0 = always,
     * a huge value = never), for measurement.
     */
    static volatile long gemmMinMacs = Long.getLong("rnnkit.inference.gemmMinMacs", 1L << 18);
    /** Fewest vectors in one product sent to OpenBLAS: a single vector is a matrix-vector product Java does as well. */
    static volatile int gemmMinRows = Integer.getInteger("rnnkit.inference.gemmMinRows", 4);

    final int rows;
    final int cols;
    final float[][] data;
    private volatile FloatPointer rowMajorCopy;
    private volatile FloatPointer columnMajorCopy;

    Matrix(float[][] data) {
        this.rows = data.length;
        this.cols = rows == 0 ? 0 : data[0].length;
        this.data = data;
    }

    /** Whether a product of {@code count} vectors goes to OpenBLAS. */
    boolean usesGemm(int count) {
        return count >= gemmMinRows && (long) count * rows * cols >= gemmMinMacs;
    }

    /**
     * {@code acc[i] += x[i] · M} for {@code i < count}; each {@code x[i]} has {@link #rows} values (only those are
     * read), each {@code acc[i]} {@link #cols}.
     */
    void multiplyAdd(float[][] x, int count, float[][] acc, Scratch scratch) {
        if (count == 0) {
            return;
        }
        if (usesGemm(count)) {
            gemm(x, count, acc, scratch);
        } else {
            javaMultiplyAdd(x, count, acc);
        }
    }

    private void gemm(float[][] x, int count, float[][] acc, Scratch scratch) {
        FloatPointer m = nativeMatrix();
        Scratch.Buffer in = scratch.buffer(Scratch.PRODUCT_IN, (long) count * rows);
        Scratch.Buffer out = scratch.buffer(Scratch.PRODUCT_OUT, (long) count * cols);
        FloatBuffer xb = in.floats;
        FloatBuffer yb = out.floats;
        for (int i = 0; i < count; i++) {
            xb.put(i * rows, x[i], 0, rows);
            yb.put(i * cols, acc[i], 0, cols);
        }
        openblas.cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, count, cols, rows, 1f, in.pointer, rows, m,
                cols, 1f, out.pointer, cols);
        for (int i = 0; i < count; i++) {
            yb.get(i * cols, acc[i], 0, cols);
        }
    }

    /**
     * {@code C = A·M + beta·C} with C column-major {@code [count × cols]} (leading dimension {@code count}) in
     * native memory; A holds {@code count} vectors of {@link #rows} values, row-major (one vector after another)
     * or column-major ({@code [value][vector]}).
     */
    void gemmColumnMajor(Scratch.Buffer a, boolean aRowMajor, int count, Scratch.Buffer c, float beta) {
        if (count == 0) {
            return;
        }
        // M's column-major copy: OpenBLAS packs an untransposed B faster (measured).
        openblas.cblas_sgemm(CblasColMajor, aRowMajor ? CblasTrans : CblasNoTrans, CblasNoTrans, count, cols, rows, 1f,
                a.pointer, aRowMajor ? rows : count, nativeColumnMajor(), rows, beta, c.pointer, count);
    }

    private FloatPointer nativeColumnMajor() {
        FloatPointer m = columnMajorCopy;
        return m != null ? m : nativeCopy(true);
    }

    private FloatPointer nativeMatrix() {
        FloatPointer m = rowMajorCopy;
        return m != null ? m : nativeCopy(false);
    }

    /** Makes (once) the native copy in the given order; the snapshot is immutable, so a copy never changes. */
    private synchronized FloatPointer nativeCopy(boolean columnMajor) {
        FloatPointer existing = columnMajor ? columnMajorCopy : rowMajorCopy;
        if (existing != null) {
            return existing;
        }
        FloatPointer m = new FloatPointer((long) rows * cols);
        FloatBuffer b = m.asBuffer();
        if (columnMajor) {
            float[] col = new float[rows];
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    col[r] = data[r][c];
                }
                b.put(c * rows, col, 0, rows);
            }
            columnMajorCopy = m;
        } else {
            for (int r = 0; r < rows; r++) {
                b.put(r * cols, data[r], 0, cols);
            }
            rowMajorCopy = m;
        }
        return m;
    }

    private void javaMultiplyAdd(float[][] x, int count, float[][] acc) {
        float[][] m = data;
        int n = rows;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float[] r0 = m[i];
            float[] r1 = m[i + 1];
            float[] r2 = m[i + 2];
            float[] r3 = m[i + 3];
            for (int b = 0; b < count; b++) {
                float[] vb = x[b];
                float v0 = vb[i];
                float v1 = vb[i + 1];
                float v2 = vb[i + 2];
                float v3 = vb[i + 3];
                if (v0 == 0f && v1 == 0f && v2 == 0f && v3 == 0f) {
                    // Sparse input (one-hot features, ReLU outputs): skipping is exact and free.
                    continue;
                }
                float[] ab = acc[b];
                for (int j = 0; j < ab.length; j++) {
                    ab[j] += v0 * r0[j] + v1 * r1[j] + v2 * r2[j] + v3 * r3[j];
                }
            }
        }
        for (; i < n; i++) {
            float[] row = m[i];
            for (int b = 0; b < count; b++) {
                float vi = x[b][i];
                if (vi == 0f) {
                    continue;
                }
                float[] ab = acc[b];
                for (int j = 0; j < ab.length; j++) {
                    ab[j] += vi * row[j];
                }
            }
        }
    }

    /** {@code acc += row} for one row of the matrix (a one-hot input's product). */
    void addRow(int r, float[] acc) {
        float[] row = data[r];
        for (int j = 0; j < acc.length; j++) {
            acc[j] += row[j];
        }
    }
}
