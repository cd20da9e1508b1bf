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
 * math per step and direction, plus views); here a word costs two passes of multiply-adds over the weights,
 * which the JIT vectorises. A snapshot is immutable, so tagging needs no lock.
 */
final class TaggerInference {
    /** Largest folded projection table kept (64 MB of floats). */
    private static final long MAX_PROJECTED = 16L << 20;
    private final long[] tableOffsets;
    private final int[] dims;
    private final float[] tables;
    private final int width;
    private final int units;
    private final Direction forward;
    private final Direction backward;
    /** Both directions' input kernels side by side, [width][fwd 4H | bwd 4H] row-major. */
    private final float[] inputWeights;
    /**
     * Every table row already multiplied by its slice of {@link #inputWeights}, [rows of all tables][8H], so a
     * token's input projection is a sum of nine rows; null when that would take more than
     * {@link #MAX_PROJECTED} floats (by default; then the projection is computed per token).
     */
    private final float[] projected;
    private final int[] projectedOffsets;
    private final float[] outW;   // [2H][labels] row-major
    private final float[] outB;
    private final int labels;

    /** One direction's LSTM weights, Keras layout, row-major: W [width][4H], RW [H][4H], b [4H]. */
    private record Direction(float[] w, float[] rw, float[] b) {
    }

    private TaggerInference(FeatureEmbeddingLayer embedding, float[] tables, int units, Direction forward,
                            Direction backward, float[] outW, float[] outB, long maxProjected) {
        int channels = embedding.getTableSizes().length;
        this.tableOffsets = new long[channels];
        this.dims = new int[channels];
        int w = 0;
        long off = 0;
        for (int k = 0; k < channels; k++) {
            tableOffsets[k] = off;
            dims[k] = (int) embedding.getDims()[k];
            off += embedding.getTableSizes()[k] * dims[k];
            w += dims[k];
        }
        this.tables = tables;
        this.width = w;
        this.units = units;
        this.forward = forward;
        this.backward = backward;
        this.outW = outW;
        this.outB = outB;
        this.labels = outB.length;
        int g4 = 4 * units;
        this.inputWeights = new float[width * 2 * g4];
        for (int i = 0; i < width; i++) {
            System.arraycopy(forward.w(), i * g4, inputWeights, i * 2 * g4, g4);
            System.arraycopy(backward.w(), i * g4, inputWeights, i * 2 * g4 + g4, g4);
        }
        long rows = 0;
        this.projectedOffsets = new int[channels];
        for (int k = 0; k < channels; k++) {
            projectedOffsets[k] = (int) rows;
            rows += embedding.getTableSizes()[k];
        }
        this.projected = rows * 2 * g4 <= maxProjected ? fold(embedding, (int) rows) : null;
    }

    /** Each table row times its rows of the input kernels: the per-token input projection, precomputed. */
    private float[] fold(FeatureEmbeddingLayer embedding, int rows) {
        int g8 = 8 * units;
        float[] out = new float[rows * g8];
        int col = 0;
        for (int k = 0; k < dims.length; k++) {
            long tableRows = embedding.getTableSizes()[k];
            for (int r = 0; r < tableRows; r++) {
                axpyRows(tables, (int) (tableOffsets[k] + (long) r * dims[k]), dims[k], inputWeights, col * g8, g8,
                        out, (projectedOffsets[k] + r) * g8);
            }
            col += dims[k];
        }
        return out;
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
        int units = (int) bi.getParam("fRW").size(0);
        return new TaggerInference(conf, flat(emb.params()), units,
                direction(bi, "f"), direction(bi, "b"), rowMajor(out.getParam("W")), flat(out.getParam("b")),
                maxProjected);
    }

    private static Direction direction(Layer bi, String prefix) {
        return new Direction(rowMajor(bi.getParam(prefix + "W")), rowMajor(bi.getParam(prefix + "RW")),
                flat(bi.getParam(prefix + "b")));
    }

    private static float[] rowMajor(INDArray matrix) {
        return matrix.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
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
        int g8 = 8 * units;
        // Input projections of both directions, [steps][fwd 4H | bwd 4H], biases included.
        float[] pre = new float[steps * g8];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(forward.b(), 0, pre, t * g8, 4 * units);
            System.arraycopy(backward.b(), 0, pre, t * g8 + 4 * units, 4 * units);
            if (projected != null) {
                for (int k = 0; k < dims.length; k++) {
                    int src = (projectedOffsets[k] + features[t][k]) * g8;
                    for (int j = 0; j < g8; j++) {
                        pre[t * g8 + j] += projected[src + j];
                    }
                }
            } else {
                float[] x = embed(features[t]);
                axpyRows(x, 0, width, inputWeights, 0, g8, pre, t * g8);
            }
        }
        float[] hf = run(forward, pre, 0, steps, false);
        float[] hb = run(backward, pre, 4 * units, steps, true);
        float[][] p = new float[steps][];
        float[] logits = new float[labels];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(outB, 0, logits, 0, labels);
            axpyRows(hf, t * units, units, outW, 0, labels, logits, 0);
            axpyRows(hb, t * units, units, outW, units * labels, labels, logits, 0);
            p[t] = softmax(logits);
        }
        return p;
    }

    /** One token's concatenated embedding vector. */
    private float[] embed(int[] feature) {
        float[] x = new float[width];
        int col = 0;
        for (int k = 0; k < dims.length; k++) {
            System.arraycopy(tables, (int) (tableOffsets[k] + (long) feature[k] * dims[k]), x, col, dims[k]);
            col += dims[k];
        }
        return x;
    }

    /**
     * Outputs h of every step [steps][H], in sentence order; {@code reverse} reads the sentence backwards.
     * {@code pre} holds the input projections, this direction's 4H values at {@code offset} of each step's 8H.
     */
    private float[] run(Direction d, float[] pre, int offset, int steps, boolean reverse) {
        int g4 = 4 * units;
        float[] h = new float[steps * units];
        float[] c = new float[units];
        float[] prev = new float[units];
        float[] g = new float[g4];
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            System.arraycopy(pre, t * 2 * g4 + offset, g, 0, g4);
            axpyRows(prev, 0, units, d.rw(), 0, g4, g, 0);
            for (int j = 0; j < units; j++) {
                float in = sigmoid(g[j]);
                float forget = sigmoid(g[units + j]);
                float cand = tanh(g[2 * units + j]);
                float out = sigmoid(g[3 * units + j]);
                c[j] = forget * c[j] + in * cand;
                prev[j] = out * tanh(c[j]);
            }
            System.arraycopy(prev, 0, h, t * units, units);
        }
        return h;
    }

    /**
     * {@code acc[at..at+cols) += v[from..from+n) · M}, M row-major with {@code cols} columns starting at
     * {@code mOffset}; the inner loop is a plain multiply-add over a row, which the JIT vectorises.
     */
    private static void axpyRows(float[] v, int from, int n, float[] m, int mOffset, int cols, float[] acc, int at) {
        for (int i = 0; i < n; i++) {
            float vi = v[from + i];
            if (vi == 0f) {
                continue;
            }
            int row = mOffset + i * cols;
            for (int j = 0; j < cols; j++) {
                acc[at + j] += vi * m[row + j];
            }
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** tanh through {@link Math#exp}, an intrinsic ({@link Math#tanh} is not and dominated the profile). */
    private static float tanh(float x) {
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
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
