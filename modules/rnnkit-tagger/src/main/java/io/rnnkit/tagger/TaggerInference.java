package io.rnnkit.tagger;

import io.rnnkit.nn.layers.FeatureEmbeddingLayer;
import io.rnnkit.nn.layers.FloatActivations;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The tagger network's forward pass for sentences in plain Java, on a snapshot of its weights: feature
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
    /** Largest folded projection table kept per direction (32 MB of floats). */
    private static final long MAX_PROJECTED = 8L << 20;
    /** Sentences run in lockstep by {@link #probabilities(int[][][])}. */
    static final int LOCKSTEP = 16;
    private final int[] dims;
    /** Per channel its table rows, {@code [channel][row][dim]}. */
    private final float[][][] tables;
    private final int units;
    private final Direction forward;
    private final Direction backward;
    /** Output kernel and bias with the label axis zero-padded to a multiple of 16, one vector register. */
    private final float[][] outW;   // [2H][padded labels]
    private final float[] outB;
    private final int labels;

    /**
     * One direction's LSTM weights, Keras layout (gates i, f, g, o): input kernel {@code w [width][4H]}, recurrent
     * kernel {@code rw [H][4H]}, bias {@code b [4H]}, with the sigmoid gates' columns halved (exact in float), so
     * that every gate is a plain tanh of its pre-activation: σ(z) = ½ + ½·tanh(z/2). {@code projected} holds every
     * table row already multiplied by its slice of {@code w}, {@code [channel][row][4H]}, so a token's input
     * projection is the bias plus nine rows; null when that would exceed {@link #MAX_PROJECTED} floats.
     */
    private record Direction(float[][] w, float[][] rw, float[] b, float[][][] projected) {
    }

    private TaggerInference(float[][][] tables, int[] dims, int units, Direction forward, Direction backward,
                            float[][] outW, float[] outB) {
        this.tables = tables;
        this.dims = dims;
        this.units = units;
        this.forward = forward;
        this.backward = backward;
        this.labels = outB.length;
        int padded = (labels + 15) / 16 * 16;
        this.outW = new float[outW.length][];
        for (int i = 0; i < outW.length; i++) {
            this.outW[i] = Arrays.copyOf(outW[i], padded);
        }
        this.outB = Arrays.copyOf(outB, padded);
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
        long rows = 0;
        for (int k = 0; k < channels; k++) {
            tables[k] = rows(emb.getParam("W" + k));
            dims[k] = (int) conf.getDims()[k];
            rows += tables[k].length;
        }
        int units = (int) bi.getParam("fRW").size(0);
        boolean fold = rows * 4L * units <= maxProjected;
        return new TaggerInference(tables, dims, units, direction(bi, "f", tables, dims, fold),
                direction(bi, "b", tables, dims, fold), rows(out.getParam("W")), flat(out.getParam("b")));
    }

    private static Direction direction(Layer bi, String prefix, float[][][] tables, int[] dims, boolean fold) {
        float[][] w = rows(bi.getParam(prefix + "W"));
        float[][] rw = rows(bi.getParam(prefix + "RW"));
        float[] b = flat(bi.getParam(prefix + "b"));
        int units = rw.length;
        for (float[] row : w) {
            halveSigmoidGates(row, units);
        }
        for (float[] row : rw) {
            halveSigmoidGates(row, units);
        }
        halveSigmoidGates(b, units);
        float[][][] projected = null;
        if (fold) {
            projected = new float[dims.length][][];
            int col = 0;
            for (int k = 0; k < dims.length; k++) {
                projected[k] = new float[tables[k].length][];
                for (int r = 0; r < tables[k].length; r++) {
                    float[] acc = new float[4 * units];
                    axpyRows(tables[k][r], w, col, acc);
                    projected[k][r] = acc;
                }
                col += dims[k];
            }
        }
        return new Direction(w, rw, b, projected);
    }

    /** Columns of the gates i, f and o (not g) times ½. */
    private static void halveSigmoidGates(float[] row, int units) {
        for (int j = 0; j < row.length; j++) {
            if (j < 2 * units || j >= 3 * units) {
                row[j] *= 0.5f;
            }
        }
    }

    private static float[][] rows(INDArray matrix) {
        return matrix.castTo(DataType.FLOAT).toFloatMatrix();
    }

    private static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /**
     * Tag probabilities of one sentence.
     *
     * @param features per token its {@link TokenFeatures#CHANNELS} indices, {@code [tokens][channels]}
     * @return {@code [tokens][labels]} probabilities
     */
    float[][] probabilities(int[][] features) {
        return probabilities(new int[][][] {features})[0];
    }

    /**
     * Tag probabilities of many sentences, run in lockstep {@value #LOCKSTEP} at a time (longest first, so similar
     * lengths share a group): each block of recurrent weight rows is read once per step for the whole group while
     * it is in L1, instead of once per sentence. Each sentence's arithmetic is the same, in the same order, as on
     * its own.
     *
     * @param sentences per sentence {@code [tokens][channels]}
     * @return per sentence, in the given order, {@code [tokens][labels]}
     */
    float[][][] probabilities(int[][][] sentences) {
        int n = sentences.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(sentences[y].length, sentences[x].length));
        float[][][] out = new float[n][][];
        for (int from = 0; from < n; from += LOCKSTEP) {
            int count = Math.min(LOCKSTEP, n - from);
            int[] lens = new int[count];
            float[][][] preF = new float[count][][];
            float[][][] preB = new float[count][][];
            for (int b = 0; b < count; b++) {
                int[][] features = sentences[order[from + b]];
                lens[b] = features.length;
                preF[b] = projections(forward, features);
                preB[b] = projections(backward, features);
            }
            float[][][] hf = run(forward.rw(), preF, lens, false);
            float[][][] hb = run(backward.rw(), preB, lens, true);
            for (int b = 0; b < count; b++) {
                float[][] p = new float[lens[b]][];
                for (int t = 0; t < lens[b]; t++) {
                    float[] logits = outB.clone();
                    axpyRows(hf[b][t], outW, 0, logits);
                    axpyRows(hb[b][t], outW, units, logits);
                    p[t] = softmax(logits, labels);
                }
                out[order[from + b]] = p;
            }
        }
        return out;
    }

    /** One direction's input pre-activations (bias included), {@code [tokens][4H]}. */
    private float[][] projections(Direction d, int[][] features) {
        int steps = features.length;
        float[][] pre = new float[steps][];
        float[][][] pr = d.projected();
        for (int t = 0; t < steps; t++) {
            int[] f = features[t];
            float[] acc;
            if (pr != null && pr.length == 9) {
                // The measured case unrolled: one pass over nine rows and the bias.
                acc = new float[4 * units];
                float[] b = d.b();
                float[] r0 = pr[0][f[0]];
                float[] r1 = pr[1][f[1]];
                float[] r2 = pr[2][f[2]];
                float[] r3 = pr[3][f[3]];
                float[] r4 = pr[4][f[4]];
                float[] r5 = pr[5][f[5]];
                float[] r6 = pr[6][f[6]];
                float[] r7 = pr[7][f[7]];
                float[] r8 = pr[8][f[8]];
                for (int j = 0; j < acc.length; j++) {
                    acc[j] = b[j] + r0[j] + r1[j] + r2[j] + r3[j] + r4[j] + r5[j] + r6[j] + r7[j] + r8[j];
                }
            } else if (pr != null) {
                acc = d.b().clone();
                for (int k = 0; k < pr.length; k++) {
                    float[] row = pr[k][f[k]];
                    for (int j = 0; j < acc.length; j++) {
                        acc[j] += row[j];
                    }
                }
            } else {
                acc = d.b().clone();
                int col = 0;
                for (int k = 0; k < dims.length; k++) {
                    axpyRows(tables[k][f[k]], d.w(), col, acc);
                    col += dims[k];
                }
            }
            pre[t] = acc;
        }
        return pre;
    }

    /**
     * One direction over a group of sentences in lockstep, {@code lens} longest first (so the sentences still
     * running at a step are a prefix of the group); {@code reverse} reads each sentence backwards. The
     * pre-activations in {@code pre} are overwritten.
     *
     * @return per sentence its outputs h, {@code [steps][H]} in sentence order
     */
    private float[][][] run(float[][] rw, float[][][] pre, int[] lens, boolean reverse) {
        int h1 = units;
        int h2 = 2 * units;
        int h3 = 3 * units;
        int group = lens.length;
        float[][][] h = new float[group][][];
        float[][] c = new float[group][units];
        float[][] prev = new float[group][units];
        float[][] g = new float[group][];
        for (int b = 0; b < group; b++) {
            h[b] = new float[lens[b]][];
        }
        int active = group;
        for (int i = 0; active > 0 && i < lens[0]; i++) {
            while (active > 0 && lens[active - 1] <= i) {
                active--;
            }
            for (int b = 0; b < active; b++) {
                g[b] = pre[b][reverse ? lens[b] - 1 - i : i];
            }
            multiplyRows(prev, active, rw, g);
            for (int b = 0; b < active; b++) {
                float[] gb = g[b];
                float[] cb = c[b];
                // Every gate is a tanh (the sigmoid gates' weights are halved); branch-free loops over arrays
                // from index 0, which the JIT vectorises.
                for (int j = 0; j < gb.length; j++) {
                    gb[j] = tanh(gb[j]);
                }
                float[] next = new float[units];
                for (int j = 0; j < units; j++) {
                    float in = 0.5f + 0.5f * gb[j];
                    float forget = 0.5f + 0.5f * gb[h1 + j];
                    float out = 0.5f + 0.5f * gb[h3 + j];
                    float cj = forget * cb[j] + in * gb[h2 + j];
                    cb[j] = cj;
                    next[j] = out * tanh(cj);
                }
                prev[b] = next;
                h[b][reverse ? lens[b] - 1 - i : i] = next;
            }
        }
        return h;
    }

    /**
     * {@code acc[b] += v[b] · M} for the first {@code count} rows of v and acc: {@link #axpyRows} with each block of
     * four weight rows applied to every sentence while it is in L1.
     */
    private static void multiplyRows(float[][] v, int count, float[][] m, float[][] acc) {
        int n = m.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float[] r0 = m[i];
            float[] r1 = m[i + 1];
            float[] r2 = m[i + 2];
            float[] r3 = m[i + 3];
            for (int b = 0; b < count; b++) {
                float[] vb = v[b];
                float[] ab = acc[b];
                float v0 = vb[i];
                float v1 = vb[i + 1];
                float v2 = vb[i + 2];
                float v3 = vb[i + 3];
                for (int j = 0; j < ab.length; j++) {
                    ab[j] += v0 * r0[j] + v1 * r1[j] + v2 * r2[j] + v3 * r3[j];
                }
            }
        }
        for (; i < n; i++) {
            float[] row = m[i];
            for (int b = 0; b < count; b++) {
                float vi = v[b][i];
                float[] ab = acc[b];
                for (int j = 0; j < ab.length; j++) {
                    ab[j] += vi * row[j];
                }
            }
        }
    }

    /**
     * {@code acc += v · M[from .. from + v.length)}: rows of M scaled and added, each inner loop over one row array
     * from index 0 (the form the JIT vectorises).
     */
    private static void axpyRows(float[] v, float[][] m, int from, float[] acc) {
        int n = v.length;
        int i = 0;
        // Four rows per pass: a quarter of the loads and stores of acc, which bound the one-row loop.
        for (; i + 3 < n; i += 4) {
            float v0 = v[i];
            float v1 = v[i + 1];
            float v2 = v[i + 2];
            float v3 = v[i + 3];
            float[] r0 = m[from + i];
            float[] r1 = m[from + i + 1];
            float[] r2 = m[from + i + 2];
            float[] r3 = m[from + i + 3];
            for (int j = 0; j < acc.length; j++) {
                acc[j] += v0 * r0[j] + v1 * r1[j] + v2 * r2[j] + v3 * r3[j];
            }
        }
        for (; i < n; i++) {
            float vi = v[i];
            float[] row = m[from + i];
            for (int j = 0; j < acc.length; j++) {
                acc[j] += vi * row[j];
            }
        }
    }

    /** tanh to within 3.4e-7, vectorisable ({@link FloatActivations#tanh}). */
    static float tanh(float z) {
        return FloatActivations.tanh(z);
    }

    /** The logistic sigmoid through {@link #tanh}. */
    static float sigmoid(float z) {
        return FloatActivations.sigmoid(z);
    }

    /** Softmax of the first {@code n} logits (the rest are padding). */
    private static float[] softmax(float[] logits, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[i]);
        }
        float[] p = new float[n];
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
