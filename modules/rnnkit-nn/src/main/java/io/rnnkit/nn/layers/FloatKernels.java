package io.rnnkit.nn.layers;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Helpers shared by the float LSTM and GRU kernels: heap buffers laid out {@code [unit][batch]} per step
 * (so one step of one gate is a contiguous run), masks and states in that layout.
 */
final class FloatKernels {

    private FloatKernels() {
    }

    /**
     * Whether a kernel's buffers ({@code gateColumns} or {@code nIn} columns of {@code steps × batch} rows) can
     * be indexed with ints (Java buffers and arrays are); larger batches take the ND4J-op path.
     */
    static boolean fits(long gateColumns, long steps, long batch, long nIn) {
        long rows = steps * batch + batch;
        return Math.max(gateColumns, nIn) * rows < Integer.MAX_VALUE;
    }

    /**
     * Step {@code t} of columns {@code [first, first + units)} of a column-major buffer (leading dimension
     * {@code ld}, time-major rows) into a heap row laid out {@code [unit][batch]}.
     */
    static void readStep(java.nio.FloatBuffer buf, int first, int units, int ld, int t, int batch, float[] row) {
        for (int j = 0; j < units; j++) {
            buf.get((first + j) * ld + t * batch, row, j * batch, batch);
        }
    }

    /** The reverse of {@link #readStep}: a heap row into step {@code t} of those columns. */
    static void writeStep(java.nio.FloatBuffer buf, int first, int units, int ld, int t, int batch, float[] row) {
        for (int j = 0; j < units; j++) {
            buf.put((first + j) * ld + t * batch, row, j * batch, batch);
        }
    }

    /** Zeros steps {@code [0, end)} of the first {@code columns} columns (steps that get no gradient). */
    static void zeroSteps(java.nio.FloatBuffer buf, int columns, int ld, int end, int batch) {
        float[] zeros = new float[end * batch];
        for (int c = 0; c < columns; c++) {
            buf.put(c * ld, zeros, 0, zeros.length);
        }
    }

    /** Makes {@code a} hold at least {@code rows} arrays of {@code n} floats (reusing those it has). */
    static float[][] rows(float[][] a, int rows, int n) {
        float[][] out = a.length >= rows ? a : Arrays.copyOf(a, rows);
        for (int i = 0; i < rows; i++) {
            if (out[i] == null || out[i].length != n) {
                out[i] = new float[n];
            }
        }
        return out;
    }

    static float[] row(float[] a, int n) {
        return a.length == n ? a : new float[n];
    }

    /** {@code row} ([B]) repeated for every unit into {@code into} ([H][B]). */
    static float[] expand(float[] row, float[] into, int units, int batch) {
        for (int j = 0; j < units; j++) {
            System.arraycopy(row, 0, into, j * batch, batch);
        }
        return into;
    }

    /** The mask {@code [B, T]} as one {@code float[batch]} per step, or null. */
    static float[][] maskColumns(INDArray mask, int batch, int steps) {
        if (mask == null) {
            return null;
        }
        float[][] byRow = mask.castTo(DataType.FLOAT).toFloatMatrix();
        float[][] cols = new float[steps][batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                cols[t][b] = byRow[b][t];
            }
        }
        return cols;
    }

    /** A state [B, H] as [H][B] floats, or null for null (zeros). */
    static float[] state(INDArray state, int batch, int units) {
        if (state == null) {
            return null;
        }
        float[][] m = state.castTo(DataType.FLOAT).toFloatMatrix();
        float[] out = new float[units * batch];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < units; j++) {
                out[j * batch + b] = m[b][j];
            }
        }
        return out;
    }

    static void copyOrZero(float[] from, float[] to) {
        if (from == null) {
            Arrays.fill(to, 0f);
        } else {
            System.arraycopy(from, 0, to, 0, from.length);
        }
    }

    /** A heap state ([H][B]) as a [B, H] array. */
    static INDArray stateArray(float[] from, int batch, int units) {
        return Nd4j.create(from.clone(), new long[] {batch, units}, 'f');
    }

    /**
     * The states of steps 1..T from {@code states} ([H][T+1][B]), times the mask where there is one, as an
     * NCW {@code [B, H, T]} array over {@code [H][T][B]} memory in {@code outHtb} ({@code [H, T, B]}, c order).
     */
    static INDArray outputNcw(INDArray outHtb, float[][] mask, int units, int batch, int steps, NativeBuffer states) {
        java.nio.FloatBuffer outBuf = NativeBuffer.floats(outHtb);
        int tb = steps * batch;
        int ldh = (steps + 1) * batch;
        float[] row = mask == null ? null : new float[tb];
        for (int j = 0; j < units; j++) {
            if (mask == null) {
                outBuf.put(j * tb, states.buf, j * ldh + batch, tb);
            } else {
                states.buf.get(j * ldh + batch, row, 0, tb);
                for (int t = 0; t < steps; t++) {
                    float[] m = mask[t];
                    for (int b = 0; b < batch; b++) {
                        row[t * batch + b] *= m[b];
                    }
                }
                outBuf.put(j * tb, row, 0, tb);
            }
        }
        return outHtb.permute(2, 0, 1);
    }

    /**
     * dL/d(output) NCW {@code [B, H, T]} into heap rows {@code eps[t]} ([H][B]), through {@code [H][T][B]}
     * native memory (a plain copy when it comes from a {@link FastRnnOutputLayer} or kernel layer).
     */
    static void loadEpsilon(INDArray epsilon, NativeBuffer scratch, float[][] eps, int units, int steps, int batch) {
        int tb = steps * batch;
        scratch.size((long) units * tb).view(units, steps, batch).assign(epsilon.castTo(DataType.FLOAT).permute(1, 2, 0));
        for (int t = 0; t < steps; t++) {
            readStep(scratch.buf, 0, units, tb, t, batch, eps[t]);
        }
    }

    /** {@link #loadEpsilon} into fresh rows. */
    static float[][] loadEpsilonRows(INDArray epsilon, NativeBuffer scratch, int units, int steps, int batch) {
        float[][] eps = rows(new float[0][], steps, units * batch);
        loadEpsilon(epsilon, scratch, eps, units, steps, batch);
        return eps;
    }

    /** Per-unit totals of gate rows ([H][B] each, gates in order): the bias gradient of those gates. */
    static float[] unitSums(float[][] gateRows, int units, int batch) {
        float[] out = new float[gateRows.length * units];
        for (int g = 0; g < out.length; g++) {
            float[] sums = gateRows[g / units];
            double sum = 0;
            for (int r = (g % units) * batch; r < (g % units + 1) * batch; r++) {
                sum += sums[r];
            }
            out[g] = (float) sum;
        }
        return out;
    }
}
