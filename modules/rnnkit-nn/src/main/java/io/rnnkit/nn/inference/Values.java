package io.rnnkit.nn.inference;

/**
 * Activations flowing between the engine's nodes for one batch. A sequence holds one row per valid step,
 * {@code rows[t * batch + b]} for {@code t < lens[b]} (null beyond), with the batch sorted longest first so that
 * the sequences still running at step {@code t} are a prefix of it; a vector holds {@code rows[b]} and no lengths.
 * Token input carries ids instead of rows: {@code ids[(t * batch + b) * channels + k]}.
 *
 * <p>Rows are never written after the node that made them returns, so nodes may share them.
 */
final class Values {
    final int batch;
    final int size;
    /** Steps per sequence, non-increasing; null for a vector. */
    final int[] lens;
    final float[][] rows;
    /** Token ids of an input batch, or null. */
    final int[] ids;
    final int channels;

    private Values(int batch, int size, int[] lens, float[][] rows, int[] ids, int channels) {
        this.batch = batch;
        this.size = size;
        this.lens = lens;
        this.rows = rows;
        this.ids = ids;
        this.channels = channels;
    }

    static Values sequence(int batch, int size, int[] lens, float[][] rows) {
        return new Values(batch, size, lens, rows, null, 0);
    }

    static Values vector(int batch, int size, float[][] rows) {
        return new Values(batch, size, null, rows, null, 0);
    }

    static Values tokens(int batch, int[] lens, int[] ids, int channels) {
        return new Values(batch, 0, lens, null, ids, channels);
    }

    boolean isSequence() {
        return lens != null;
    }

    int steps() {
        return lens == null ? 1 : lens[0];
    }

    /** Number of row slots ({@code steps × batch} for a sequence). */
    int slots() {
        return lens == null ? batch : lens[0] * batch;
    }

    /** Sequences still running at step {@code t}. */
    int active(int t) {
        int a = batch;
        while (a > 0 && lens[a - 1] <= t) {
            a--;
        }
        return a;
    }
}
