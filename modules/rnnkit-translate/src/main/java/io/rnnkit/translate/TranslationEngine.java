package io.rnnkit.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.inference.InferenceStream;
import io.rnnkit.nn.layers.FastBidirectional;
import io.rnnkit.nn.layers.FastRnnOutputLayer;
import io.rnnkit.nn.layers.GruLayer;
import io.rnnkit.translate.text.Subwords;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The translation side of an {@link EncoderDecoder} graph, on rnnkit's inference engine: an immutable snapshot of
 * the weights (the encoder, the two decoder layers and the output as three engine networks, the attention as plain
 * float arrays), thread-safe, with no ND4J operation per decoded token. Decoding is a beam search over many
 * sentences at once: every live hypothesis of every sentence is one row of the decoder streams, and after each step
 * the rows are re-selected ({@link InferenceStream#select}). Width 1 is greedy decoding.
 */
final class TranslationEngine {
    /** One decoded sentence: its target ids (no BOS/EOS), log P, and attention per output token (EOS included). */
    record Decoded(int[] tokens, double logProb, float[][] attention, boolean finished) {
    }

    /**
     * The encoder's keys of one source sentence as {@code [attentionSize][steps]} and its values as
     * {@code [steps][attentionSize]}: both products of a step then run as {@code acc[j] += v·row[j]} loops.
     */
    private record Memory(float[][] keys, float[][] values, int steps) {
    }

    /** A hypothesis: a path back to the start, log P so far, the attention that chose its last token. */
    private record Hypothesis(Hypothesis parent, int token, int length, double logProb, float[] attention) {
    }

    private record Candidate(int row, int token, double logProb) {
    }

    private final InferenceNetwork encoder;
    private final InferenceNetwork decoder;
    private final InferenceNetwork decoderOutput;
    /**
     * Projections as {@code [input][attention]} (DL4J's {@code [1, attention, input]} transposed): q = Σ_j h_j·wq[j],
     * a sum of rows, the form HotSpot vectorises (a dot product, a float reduction, it does not).
     */
    private final float[][] wq;
    private final float[][] wk;
    private final float[][] wv;
    /** Output projection {@code [attention][attention]}: out_j = Σ_i wo[i][j] c_i. */
    private final float[][] wo;
    private final int attentionSize;
    private final int decoderUnits;
    private final float scale;

    private TranslationEngine(InferenceNetwork encoder, InferenceNetwork decoder, InferenceNetwork decoderOutput,
                              float[][] wq, float[][] wk, float[][] wv, float[][] wo, int decoderUnits) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.decoderOutput = decoderOutput;
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.wo = wo;
        this.attentionSize = wo.length;
        this.decoderUnits = decoderUnits;
        this.scale = (float) (1.0 / Math.sqrt(attentionSize));
    }

    /** A snapshot of the graph's current weights. */
    static TranslationEngine of(ComputationGraph graph) {
        Map<String, GraphVertex> vertices = graph.getConfiguration().getVertices();
        EmbeddingSequenceLayer srcEmb = (EmbeddingSequenceLayer) layer(vertices, EncoderDecoder.SOURCE_EMBEDDING);
        FastBidirectional enc = (FastBidirectional) layer(vertices, EncoderDecoder.ENCODER);
        EmbeddingSequenceLayer tgtEmb = (EmbeddingSequenceLayer) layer(vertices, EncoderDecoder.TARGET_EMBEDDING);
        GruLayer dec = (GruLayer) layer(vertices, EncoderDecoder.DECODER);
        GruLayer decOut = (GruLayer) layer(vertices, EncoderDecoder.DECODER_OUTPUT);
        RnnOutputLayer out = (RnnOutputLayer) layer(vertices, EncoderDecoder.OUTPUT);
        AttentionVertex att = (AttentionVertex) vertices.get(EncoderDecoder.ATTENTION);
        if (att.getNHeads() != 1 || !att.isProjectInput()) {
            throw new IllegalArgumentException("the translation engine computes one projected attention head");
        }
        MultiLayerNetwork encoderNet = copy(graph, srcEmb.getNIn(),
                new String[] {EncoderDecoder.SOURCE_EMBEDDING, EncoderDecoder.ENCODER}, srcEmb, enc);
        MultiLayerNetwork decoderNet = copy(graph, tgtEmb.getNIn(),
                new String[] {EncoderDecoder.TARGET_EMBEDDING, EncoderDecoder.DECODER}, tgtEmb, dec);
        MultiLayerNetwork outputNet = copy(graph, decOut.getNIn(),
                new String[] {EncoderDecoder.DECODER_OUTPUT, EncoderDecoder.OUTPUT}, decOut, out);
        Map<String, INDArray> p = graph.getVertex(EncoderDecoder.ATTENTION).paramTable(false);
        return new TranslationEngine(InferenceNetwork.of(encoderNet), InferenceNetwork.of(decoderNet),
                InferenceNetwork.of(outputNet), head(p.get("Wq")), head(p.get("Wk")), head(p.get("Wv")),
                matrix(p.get("Wo")), (int) dec.getNOut());
    }

    private static Layer layer(Map<String, GraphVertex> vertices, String name) {
        GraphVertex v = vertices.get(name);
        if (!(v instanceof LayerVertex lv)) {
            throw new IllegalArgumentException("the translation graph has no layer '" + name + "'");
        }
        return lv.getLayerConf().getLayer();
    }

    /** A layer stack of clones of the graph's layers, holding copies of their parameters. */
    private static MultiLayerNetwork copy(ComputationGraph graph, long inputSize, String[] names, Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        for (int i = 0; i < layers.length; i++) {
            Layer l = layers[i].clone();
            if (l instanceof FastRnnOutputLayer || l instanceof RnnOutputLayer) {
                l = FastRnnOutputLayer.of((RnnOutputLayer) l);
            }
            list.layer(i, l);
        }
        MultiLayerConfiguration conf = list.setInputType(InputType.recurrent(inputSize)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < names.length; i++) {
            net.getLayer(i).params().assign(graph.getLayer(names[i]).params());
        }
        return net;
    }

    /** The one head of an attention projection {@code [1, attention, in]} as {@code [in][attention]}. */
    private static float[][] head(INDArray w) {
        return matrix(w.reshape(w.size(1), w.size(2)).transpose());
    }

    private static float[][] matrix(INDArray w) {
        return w.castTo(DataType.FLOAT).toFloatMatrix();
    }

    int targetVocabulary() {
        return decoderOutput.outputSize();
    }

    /**
     * Decodes sentences with a beam of {@code beamWidth} (1 = greedy).
     *
     * @param sources       per sentence its source ids, ending with EOS
     * @param lengthPenalty α: finished hypotheses are ranked by log P / length^α (length with EOS)
     * @param maxTokens     most target tokens per sentence (also at most 3 × source tokens + 10)
     */
    List<Decoded> decode(int[][] sources, int beamWidth, double lengthPenalty, int maxTokens) {
        int n = sources.length;
        List<Decoded> results = new ArrayList<>(n);
        if (n == 0) {
            return results;
        }
        Memory[] memories = encode(sources);
        int[] limit = new int[n];
        for (int s = 0; s < n; s++) {
            limit[s] = Math.min(maxTokens, 3 * (sources[s].length - 1) + 10);
        }
        List<List<Hypothesis>> finished = new ArrayList<>(n);
        // The live rows: sentence of each row and its hypothesis.
        int[] rowSentence = new int[n];
        Hypothesis[] rowHyp = new Hypothesis[n];
        for (int s = 0; s < n; s++) {
            finished.add(new ArrayList<>());
            rowSentence[s] = s;
            rowHyp[s] = new Hypothesis(null, Subwords.BOS, 0, 0.0, null);
        }
        try (InferenceStream dec = decoder.newStream(n); InferenceStream out = decoderOutput.newStream(n)) {
            while (rowHyp.length > 0) {
                int rows = rowHyp.length;
                int[] ids = new int[rows];
                for (int r = 0; r < rows; r++) {
                    ids[r] = rowHyp[r].token();
                }
                float[][] h = dec.step(ids);
                float[][] features = new float[rows][];
                float[][] weights = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    Memory m = memories[rowSentence[r]];
                    weights[r] = new float[m.steps()];
                    float[] f = Arrays.copyOf(h[r], decoderUnits + attentionSize);
                    attend(m, h[r], weights[r], f, decoderUnits);
                    features[r] = f;
                }
                float[][] probs = out.step(features);
                // Rows of one sentence are contiguous: choose each sentence's next beam.
                List<Integer> parents = new ArrayList<>();
                List<Integer> nextSentence = new ArrayList<>();
                List<Hypothesis> nextHyp = new ArrayList<>();
                int r0 = 0;
                while (r0 < rows) {
                    int s = rowSentence[r0];
                    int r1 = r0;
                    while (r1 < rows && rowSentence[r1] == s) {
                        r1++;
                    }
                    List<Candidate> cands = new ArrayList<>();
                    for (int r = r0; r < r1; r++) {
                        topTokens(probs[r], 2 * beamWidth, r, rowHyp[r].logProb(), cands);
                    }
                    cands.sort(Comparator.comparingDouble(Candidate::logProb).reversed());
                    int live = 0;
                    for (Candidate c : cands) {
                        if (live == beamWidth || finished.get(s).size() >= beamWidth) {
                            break;
                        }
                        Hypothesis parent = rowHyp[c.row()];
                        Hypothesis child = new Hypothesis(parent, c.token(), parent.length() + 1, c.logProb(),
                                weights[c.row()]);
                        if (c.token() == Subwords.EOS) {
                            finished.get(s).add(child);
                        } else if (child.length() >= limit[s]) {
                            finished.get(s).add(child);
                        } else {
                            parents.add(c.row());
                            nextSentence.add(s);
                            nextHyp.add(child);
                            live++;
                        }
                    }
                    if (finished.get(s).size() >= beamWidth) {
                        // The sentence is done: drop its live rows.
                        while (!nextSentence.isEmpty() && nextSentence.get(nextSentence.size() - 1) == s) {
                            int last = nextSentence.size() - 1;
                            parents.remove(last);
                            nextSentence.remove(last);
                            nextHyp.remove(last);
                        }
                    }
                    r0 = r1;
                }
                if (parents.isEmpty()) {
                    break;
                }
                int[] sel = parents.stream().mapToInt(Integer::intValue).toArray();
                dec.select(sel);
                out.select(sel);
                rowSentence = nextSentence.stream().mapToInt(Integer::intValue).toArray();
                rowHyp = nextHyp.toArray(new Hypothesis[0]);
            }
        }
        for (int s = 0; s < n; s++) {
            Hypothesis best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Hypothesis hyp : finished.get(s)) {
                double score = hyp.logProb() / Math.pow(hyp.length(), lengthPenalty);
                if (score > bestScore) {
                    bestScore = score;
                    best = hyp;
                }
            }
            results.add(path(best));
        }
        return results;
    }

    private static Decoded path(Hypothesis end) {
        List<Hypothesis> steps = new ArrayList<>();
        for (Hypothesis h = end; h.parent() != null; h = h.parent()) {
            steps.add(h);
        }
        java.util.Collections.reverse(steps);
        boolean finished = end.token() == Subwords.EOS;
        int[] tokens = new int[finished ? steps.size() - 1 : steps.size()];
        float[][] attention = new float[steps.size()][];
        for (int i = 0; i < steps.size(); i++) {
            if (i < tokens.length) {
                tokens[i] = steps.get(i).token();
            }
            attention[i] = steps.get(i).attention();
        }
        return new Decoded(tokens, end.logProb(), attention, finished);
    }

    /** Adds the {@code k} most likely next tokens of one row to {@code out}. */
    private static void topTokens(float[] probs, int k, int row, double base, List<Candidate> out) {
        int m = Math.min(k, probs.length);
        int[] best = new int[m];
        float[] bestP = new float[m];
        Arrays.fill(bestP, -1f);
        // Never PAD, UNK or BOS: a translation is made of known tokens and ends with EOS.
        for (int t = Subwords.EOS; t < probs.length; t++) {
            float p = probs[t];
            if (p > bestP[m - 1]) {
                int i = m - 1;
                while (i > 0 && p > bestP[i - 1]) {
                    bestP[i] = bestP[i - 1];
                    best[i] = best[i - 1];
                    i--;
                }
                bestP[i] = p;
                best[i] = t;
            }
        }
        for (int i = 0; i < m; i++) {
            if (bestP[i] >= 0) {
                out.add(new Candidate(row, best[i], base + Math.log(Math.max(bestP[i], 1e-30f))));
            }
        }
    }

    /** Keys and values of each sentence. */
    private Memory[] encode(int[][] sources) {
        float[][][] states = encoder.outputSequences(sources);
        Memory[] out = new Memory[sources.length];
        for (int s = 0; s < sources.length; s++) {
            float[][] e = states[s];
            float[][] keys = new float[attentionSize][e.length];
            float[][] v = new float[e.length][];
            for (int t = 0; t < e.length; t++) {
                float[] k = project(wk, e[t]);
                for (int i = 0; i < attentionSize; i++) {
                    keys[i][t] = k[i];
                }
                v[t] = project(wv, e[t]);
            }
            out[s] = new Memory(keys, v, e.length);
        }
        return out;
    }

    /**
     * Attention of one query: writes the weights over the source steps into {@code weights} and the attention
     * output into {@code into[at..at+attentionSize)}.
     */
    private void attend(Memory m, float[] h, float[] weights, float[] into, int at) {
        float[] q = project(wq, h);
        java.util.Arrays.fill(weights, 0f);
        for (int i = 0; i < attentionSize; i++) {
            float qi = q[i] * scale;
            float[] row = m.keys()[i];
            for (int t = 0; t < weights.length; t++) {
                weights[t] += qi * row[t];
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float w : weights) {
            max = Math.max(max, w);
        }
        float sum = 0f;
        for (int t = 0; t < weights.length; t++) {
            weights[t] = (float) Math.exp(weights[t] - max);
            sum += weights[t];
        }
        float[] context = new float[attentionSize];
        for (int t = 0; t < weights.length; t++) {
            weights[t] /= sum;
            float a = weights[t];
            float[] v = m.values()[t];
            for (int i = 0; i < attentionSize; i++) {
                context[i] += a * v[i];
            }
        }
        for (int i = 0; i < attentionSize; i++) {
            float c = context[i];
            float[] row = wo[i];
            for (int j = 0; j < row.length; j++) {
                into[at + j] += c * row[j];
            }
        }
    }

    /** x·W for W {@code [x.length][out]}, as a sum of W's rows. */
    private static float[] project(float[][] w, float[] x) {
        float[] out = new float[w[0].length];
        for (int j = 0; j < x.length; j++) {
            float v = x[j];
            float[] row = w[j];
            for (int i = 0; i < out.length; i++) {
                out[i] += v * row[i];
            }
        }
        return out;
    }

    /**
     * The next-token probabilities of a teacher-forced pass, {@code [steps][targetVocabulary]}: what the training
     * graph outputs for the same pair (tests compare the two).
     */
    float[][] teacherForced(int[] source, int[] targetIn) {
        Memory m = encode(new int[][] {source})[0];
        float[][] out = new float[targetIn.length][];
        try (InferenceStream dec = decoder.newStream(1); InferenceStream o = decoderOutput.newStream(1)) {
            for (int t = 0; t < targetIn.length; t++) {
                float[] h = dec.step(new int[] {targetIn[t]})[0];
                float[] f = Arrays.copyOf(h, decoderUnits + attentionSize);
                attend(m, h, new float[m.steps()], f, decoderUnits);
                out[t] = o.step(new float[][] {f})[0];
            }
        }
        return out;
    }
}
