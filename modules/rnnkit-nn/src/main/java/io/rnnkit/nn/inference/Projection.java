package io.rnnkit.nn.inference;

import java.util.Arrays;

/**
 * The affine input part of a layer, {@code bias + x·W}, for every valid row of a batch. The input is float rows,
 * or token ids: one id per step read as a one-hot vector (the product is one row of W), or one id per channel
 * when an embedding was folded in ({@code folded[channel][id]} holds that embedding row already multiplied by W,
 * so a step costs a few row additions).
 */
final class Projection {
    /** Largest folded table kept, in floats (32 MB). */
    static final long MAX_FOLDED = 8L << 20;

    private final Matrix weights;
    private final float[] bias;
    private final float[][][] folded;

    Projection(Matrix weights, float[] bias) {
        this(weights, bias, null);
    }

    private Projection(Matrix weights, float[] bias, float[][][] folded) {
        this.weights = weights;
        this.bias = bias;
        this.folded = folded;
    }

    int outputs() {
        return bias.length;
    }

    int inputs() {
        return weights.rows;
    }

    /**
     * This projection with embedding tables folded in: {@code tables[k]} are channel k's rows, whose values are
     * columns {@code [offset_k, offset_k + dim_k)} of the input, in channel order.
     */
    Projection fold(float[][][] tables) {
        float[][][] f = new float[tables.length][][];
        int col = 0;
        for (int k = 0; k < tables.length; k++) {
            f[k] = new float[tables[k].length][];
            int dim = tables[k].length == 0 ? 0 : tables[k][0].length;
            for (int r = 0; r < tables[k].length; r++) {
                float[] acc = new float[bias.length];
                float[] row = tables[k][r];
                for (int i = 0; i < dim; i++) {
                    float v = row[i];
                    float[] w = weights.data[col + i];
                    for (int j = 0; j < acc.length; j++) {
                        acc[j] += v * w[j];
                    }
                }
                f[k][r] = acc;
            }
            col += dim;
        }
        return new Projection(weights, bias, f);
    }

    /** Floats a folded copy of these tables would take. */
    long foldedSize(float[][][] tables) {
        long rows = 0;
        for (float[][] t : tables) {
            rows += t.length;
        }
        return rows * bias.length;
    }

    float[] bias() {
        return bias;
    }

    Matrix weights() {
        return weights;
    }

    /**
     * {@code x·W} without the bias for slot {@code slot} of an id input: a row of W (one-hot; not to be written)
     * or the sum of folded rows, computed into {@code tmp}.
     */
    float[] rowOf(Values in, int slot, float[] tmp) {
        if (folded == null) {
            return weights.data[in.ids[slot]];
        }
        java.util.Arrays.fill(tmp, 0f);
        addFolded(in.ids, slot * in.channels, 0, tmp);
        return tmp;
    }

    /** {@code bias + x·W} per slot of {@code in}, null where {@code in} has no row. */
    float[][] apply(Values in, Scratch scratch) {
        int slots = in.slots();
        float[][] out = new float[slots][];
        if (in.ids != null) {
            int ch = in.channels;
            for (int s = 0; s < slots; s++) {
                if (!valid(in, s)) {
                    continue;
                }
                float[] acc;
                if (folded != null) {
                    acc = sumFolded(in.ids, s * ch);
                } else {
                    acc = bias.clone();
                    weights.addRow(in.ids[s], acc);
                }
                out[s] = acc;
            }
            return out;
        }
        // Float rows: gather the valid ones, one product for all of them.
        float[][] x = new float[slots][];
        float[][] acc = new float[slots][];
        int[] where = new int[slots];
        int n = 0;
        for (int s = 0; s < slots; s++) {
            float[] row = in.rows[s];
            if (row != null) {
                x[n] = row;
                acc[n] = bias.clone();
                where[n] = s;
                n++;
            }
        }
        weights.multiplyAdd(x, n, acc, scratch);
        for (int i = 0; i < n; i++) {
            out[where[i]] = acc[i];
        }
        return out;
    }

    private static boolean valid(Values in, int slot) {
        if (in.lens == null) {
            return true;
        }
        int t = slot / in.batch;
        int b = slot - t * in.batch;
        return t < in.lens[b];
    }

    /**
     * {@code bias + Σ_k folded[k][ids[at + k]]} as a new array: the first pass sums the bias and up to eight rows
     * (the tagger's nine channels take two passes instead of a clone and three).
     */
    private float[] sumFolded(int[] ids, int at) {
        float[] acc = new float[bias.length];
        if (folded.length < 8) {
            System.arraycopy(bias, 0, acc, 0, acc.length);
            addFolded(ids, at, 0, acc);
            return acc;
        }
        float[] r0 = folded[0][ids[at]];
        float[] r1 = folded[1][ids[at + 1]];
        float[] r2 = folded[2][ids[at + 2]];
        float[] r3 = folded[3][ids[at + 3]];
        float[] r4 = folded[4][ids[at + 4]];
        float[] r5 = folded[5][ids[at + 5]];
        float[] r6 = folded[6][ids[at + 6]];
        float[] r7 = folded[7][ids[at + 7]];
        for (int j = 0; j < acc.length; j++) {
            acc[j] = bias[j] + r0[j] + r1[j] + r2[j] + r3[j] + r4[j] + r5[j] + r6[j] + r7[j];
        }
        addFolded(ids, at, 8, acc);
        return acc;
    }

    /** {@code acc += folded[k][ids[at + k]]} for the channels from {@code from} on. */
    private void addFolded(int[] ids, int at, int from, float[] acc) {
        int k = from;
        int n = folded.length;
        // Four channels per pass: a quarter of the loads and stores of acc.
        for (; k + 3 < n; k += 4) {
            float[] r0 = folded[k][ids[at + k]];
            float[] r1 = folded[k + 1][ids[at + k + 1]];
            float[] r2 = folded[k + 2][ids[at + k + 2]];
            float[] r3 = folded[k + 3][ids[at + k + 3]];
            for (int j = 0; j < acc.length; j++) {
                acc[j] += r0[j] + r1[j] + r2[j] + r3[j];
            }
        }
        for (; k < n; k++) {
            float[] r = folded[k][ids[at + k]];
            for (int j = 0; j < acc.length; j++) {
                acc[j] += r[j];
            }
        }
    }

    @Override
    public String toString() {
        return "Projection[" + inputs() + " -> " + outputs() + (folded != null ? ", folded " + Arrays.stream(folded)
                .mapToInt(t -> t.length).sum() + " rows" : "") + "]";
    }
}
