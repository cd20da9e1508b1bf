package io.rnnkit.nn.inference;

/**
 * Token ids to vectors: DL4J's embedding layers (one id per step, one table) and rnnkit's feature embedding (one
 * id per channel, one table per channel, the rows concatenated in channel order).
 */
final class EmbeddingNode extends Node {
    /** {@code [channel][id][dim]}. */
    final float[][][] tables;
    final float[] bias;
    private final int size;
    /** Whether this is rnnkit's feature embedding (ids per channel) rather than a token embedding. */
    final boolean feature;

    EmbeddingNode(String name, float[][][] tables, float[] bias, boolean feature) {
        super(name, true);
        this.tables = tables;
        this.feature = feature;
        this.bias = bias;
        int s = 0;
        for (float[][] t : tables) {
            s += t[0].length;
        }
        this.size = s;
    }

    int channels() {
        return tables.length;
    }

    /** Rows per channel. */
    int[] tableSizes() {
        int[] n = new int[tables.length];
        for (int k = 0; k < n.length; k++) {
            n[k] = tables[k].length;
        }
        return n;
    }

    int size() {
        return size;
    }

    @Override
    Values forward(Values[] inputs, Object state, Scratch scratch) {
        Values in = inputs[0];
        if (in.ids == null) {
            throw new IllegalStateException(name + " reads token ids");
        }
        int slots = in.slots();
        int ch = in.channels;
        float[][] out = new float[slots][];
        for (int s = 0; s < slots; s++) {
            int t = s / in.batch;
            if (t >= in.lens[s - t * in.batch]) {
                continue;
            }
            float[] row = new float[size];
            int at = 0;
            for (int k = 0; k < ch; k++) {
                float[] e = tables[k][in.ids[s * ch + k]];
                System.arraycopy(e, 0, row, at, e.length);
                at += e.length;
            }
            if (bias != null) {
                for (int j = 0; j < size; j++) {
                    row[j] += bias[j];
                }
            }
            out[s] = row;
        }
        return Values.sequence(in.batch, size, in.lens, out);
    }
}
