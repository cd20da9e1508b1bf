package io.rnnkit.tagger;

import io.rnnkit.nn.layers.FeatureEmbeddingLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tagger network's forward pass for one sentence in plain Java, on a snapshot of its weights: feature
 * embeddings, a bidirectional LSTM and a softmax per token — the same arithmetic as the DL4J network (within
 * float rounding), without its per-op overhead, which dominates when a sentence has twenty words.
 *
 * <p>Why not the network: one sentence through it costs dozens of native calls per word (a GEMM and the gate
 * math per step and direction, plus views); here a word costs a few passes of multiply-adds over the weights.
 * Matrices are kept as one {@code float[]} per row and every product is {@code acc[j] += v·row[j]} from index 0:
 * the JIT vectorises that form (measured 13 GFLOP/s) but not the same loop over one flat array at offsets
 * (2–3 GFLOP/s), where it cannot rule out overlap. A snapshot is immutable, so tagging needs no lock.
 */
final class TaggerInference {
    /** Largest folded projection table kept (64 MB of floats). */
    private static final long MAX_PROJECTED = 16L << 20;
    private final int[] dims;
    /** Per channel its table rows, {@code [channel][row][dim]}. */
    private final float[][][] tables;
    private final int width;
    private final int units;
    private final Direction forward;
    private final Direction backward;
    /** Both directions' input kernels side by side, {@code [width][fwd 4H | bwd 4H]}. */
    private final float[][] inputWeights;
    /**
     * Every table row already multiplied by its slice of {@link #inputWeights}, {@code [channel][row][8H]}, so a
     * token's input projection is a sum of nine rows; null when that would take more than {@link #MAX_PROJECTED}
     * floats (by default; then the projection is computed per token).
     */
    private final float[][][] projected;
    private final float[][] outW;   // [2H][labels]
    private final float[] outB;
    private final int labels;

    /** One direction's LSTM weights, Keras layout: RW [H][4H], b [4H] (its input kernel is in inputWeights). */
    private record Direction(float[][] rw, float[] b) {
    }

    private TaggerInference(float[][][] tables, int[] dims, float[][] inputWeights, int units, Direction forward,
                            Direction backward, float[][] outW, float[] outB, long maxProjected) {
        this.tables = tables;
        this.dims = dims;
        int w = 0;
        long rows = 0;
        for (int k = 0; k < dims.length; k++) {
            w += dims[k];
            rows += tables[k].length;
        }
        this.width = w;
        this.units = units;
        this.forward = forward;
        this.backward = backward;
        this.inputWeights = inputWeights;
        this.outW = outW;
        this.outB = outB;
        this.labels = outB.length;
        this.projected = rows * 8L * units <= maxProjected ? fold() : null;
    }

    /** A snapshot of the network's current weights: layer 0 feature embedding, 1 bidirectional LSTM, 2 output. */
    static TaggerInference of(MultiLayerNetwork net) {
        return of(net, MAX_PROJECTED);
    }

    /** As {@link #of(MultiLayerNetwork)}, folding the input projection only up to {@code maxProjected} floats. */
    static TaggerInference of(MultiLayerNetwork net, long maxProjected) {
        Layer emb = net.getLayer(0);
        Layer bi = net.getLayer(1);
        Layer out = net.getLayer(2);
        FeatureEmbeddingLayer conf = (FeatureEmbeddingLayer) emb.conf().getLayer();
        int channels = conf.getTableSizes().length;
        float[][][] tables = new float[channels][][];
        int[] dims = new int[channels];
        for (int k = 0; k < channels; k++) {
            tables[k] = rows(emb.getParam("W" + k));
            dims[k] = (int) conf.getDims()[k];
        }
        float[][] fw = rows(bi.getParam("fW"));
        float[][] bw = rows(bi.getParam("bW"));
        int g4 = fw[0].length;
        float[][] input = new float[fw.length][2 * g4];
        for (int i = 0; i < fw.length; i++) {
            System.arraycopy(fw[i], 0, input[i], 0, g4);
            System.arraycopy(bw[i], 0, input[i], g4, g4);
        }
        return new TaggerInference(tables, dims, input, g4 / 4,
                new Direction(rows(bi.getParam("fRW")), flat(bi.getParam("fb"))),
                new Direction(rows(bi.getParam("bRW")), flat(bi.getParam("bb"))),
                rows(out.getParam("W")), flat(out.getParam("b")), maxProjected);
    }

    private static float[][] rows(INDArray matrix) {
        return matrix.castTo(DataType.FLOAT).toFloatMatrix();
    }

    private static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Each table row times its rows of the input kernels: the per-token input projection, precomputed. */
    private float[][][] fold() {
        float[][][] out = new float[dims.length][][];
        int col = 0;
        for (int k = 0; k < dims.length; k++) {
            out[k] = new float[tables[k].length][];
            for (int r = 0; r < tables[k].length; r++) {
                float[] acc = new float[8 * units];
                axpyRows(tables[k][r], inputWeights, col, acc);
                out[k][r] = acc;
            }
            col += dims[k];
        }
        return out;
    }

    /** Number of labels the output layer has. */
    int labels() {
        return labels;
    }

    /**
     * Tag probabilities of one sentence.
     *
     * @param features per token its {@link TokenFeatures#CHANNELS} indices, {@code [tokens][channels]}
     * @return {@code [tokens][labels]} probabilities
     */
    float[][] probabilities(int[][] features) {
        int steps = features.length;
        int g4 = 4 * units;
        // Input projections of both directions, per token [fwd 4H | bwd 4H]; biases are added per direction.
        float[][] pre = new float[steps][];
        for (int t = 0; t < steps; t++) {
            float[] acc = new float[2 * g4];
            if (projected != null) {
                for (int k = 0; k < dims.length; k++) {
                    float[] row = projected[k][features[t][k]];
                    for (int j = 0; j < acc.length; j++) {
                        acc[j] += row[j];
                    }
                }
            } else {
                int col = 0;
                for (int k = 0; k < dims.length; k++) {
                    axpyRows(tables[k][features[t][k]], inputWeights, col, acc);
                    col += dims[k];
                }
            }
            pre[t] = acc;
        }
        float[][] hf = run(forward, pre, 0, steps, false);
        float[][] hb = run(backward, pre, g4, steps, true);
        float[][] p = new float[steps][];
        for (int t = 0; t < steps; t++) {
            float[] logits = outB.clone();
            axpyRows(hf[t], outW, 0, logits);
            axpyRows(hb[t], outW, units, logits);
            p[t] = softmax(logits);
        }
        return p;
    }

    /** Outputs h of every step, {@code [steps][H]} in sentence order; {@code reverse} reads the sentence backwards. */
    private float[][] run(Direction d, float[][] pre, int offset, int steps, boolean reverse) {
        int g4 = 4 * units;
        float[][] h = new float[steps][];
        float[] c = new float[units];
        float[] prev = new float[units];
        float[] g = new float[g4];
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            float[] x = pre[t];
            float[] b = d.b();
            for (int j = 0; j < g4; j++) {
                g[j] = x[offset + j] + b[j];
            }
            axpyRows(prev, d.rw(), 0, g);
            float[] next = new float[units];
            for (int j = 0; j < units; j++) {
                float in = sigmoid(g[j]);
                float forget = sigmoid(g[units + j]);
                float cand = tanh(g[2 * units + j]);
                float out = sigmoid(g[3 * units + j]);
                c[j] = forget * c[j] + in * cand;
                next[j] = out * tanh(c[j]);
            }
            prev = next;
            h[t] = next;
        }
        return h;
    }

    /**
     * {@code acc += v · M[from .. from + v.length)}: rows of M scaled and added, each inner loop over one row array
     * from index 0 (the form the JIT vectorises).
     */
    private static void axpyRows(float[] v, float[][] m, int from, float[] acc) {
        for (int i = 0; i < v.length; i++) {
            float vi = v[i];
            if (vi == 0f) {
                continue;
            }
            float[] row = m[from + i];
            for (int j = 0; j < acc.length; j++) {
                acc[j] += vi * row[j];
            }
        }
    }

    // Sigmoid and tanh from tables with linear interpolation (error below 1e-7): with the products vectorised, the
    // 640 exp calls per word were a third of the time.
    private static final float TABLE_RANGE = 16f;
    private static final int TABLE_SIZE = 1 << 16;
    private static final float TABLE_SCALE = TABLE_SIZE / (2 * TABLE_RANGE);
    private static final float[] SIGMOID = table(false);
    private static final float[] TANH = table(true);

    private static float[] table(boolean tanh) {
        float[] t = new float[TABLE_SIZE + 2];
        for (int i = 0; i < t.length; i++) {
            double x = i / (double) TABLE_SCALE - TABLE_RANGE;
            t[i] = (float) (tanh ? Math.tanh(x) : 1.0 / (1.0 + Math.exp(-x)));
        }
        return t;
    }

    private static float lookup(float[] table, float x) {
        float pos = (Math.max(-TABLE_RANGE, Math.min(TABLE_RANGE, x)) + TABLE_RANGE) * TABLE_SCALE;
        int i = (int) pos;
        float frac = pos - i;
        return table[i] + frac * (table[i + 1] - table[i]);
    }

    private static float sigmoid(float x) {
        return x < -TABLE_RANGE ? (float) (1.0 / (1.0 + Math.exp(-x))) : lookup(SIGMOID, x);
    }

    private static float tanh(float x) {
        return lookup(TANH, x);
    }

    private static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        float[] p = new float[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double e = Math.exp(logits[i] - max);
            p[i] = (float) e;
            sum += e;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (p[i] / sum);
        }
        return p;
    }
}
