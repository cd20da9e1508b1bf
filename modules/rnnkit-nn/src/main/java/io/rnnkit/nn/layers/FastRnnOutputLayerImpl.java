package io.rnnkit.nn.layers;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.openblas.global.openblas;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The network-side layer of {@link FastRnnOutputLayer}: for softmax + multi-class cross-entropy in float,
 * the forward pass, loss, gradients and the epsilon for the layer below are two direct column-major
 * GEMMs, one more for the input gradient, and vectorisable Java passes over heap rows; everything else
 * is DL4J's {@link RnnOutputLayer}.
 *
 * <p>Why: DL4J's layer copies its 3D input into a 2D matrix in each of its forward, score and backward
 * passes, computes the forward pass twice per training step (gradient, then score), and sums the bias
 * gradient column-wise over a row-major matrix: 23–40 ms of a 100 ms LSTM training step (measured on a
 * [32, 256, 100] → 64-class head). Here the rows are ordered time-major ({@code r = t·B + b}) in the
 * {@code [units][time][batch]} memory the float LSTM kernel writes, so its output is read as is, and the
 * probabilities of the backward pass are kept for the score that DL4J asks for right after it.
 */
public class FastRnnOutputLayerImpl extends RnnOutputLayer {

    private final NativeBuffer x = new NativeBuffer();      // input [H][T][B]
    private final NativeBuffer w = new NativeBuffer();      // W, column-major [H, C]
    private final NativeBuffer rows = new NativeBuffer();   // logits, then labels, then deltas: [C][T][B]
    private final NativeBuffer wGrad = new NativeBuffer();  // column-major [H, C]
    /** Softmax probabilities (then deltas) per class over the rows {@code t·B + b}. */
    private float[][] probs = new float[0][];
    private float[] rowMax = new float[0];
    private float[] rowSum = new float[0];
    private float[] labelRow = new float[0];

    /** The loss of the last backward pass, kept for the score DL4J computes right after it. */
    private double keptLoss = Double.NaN;
    private INDArray keptInput;
    private INDArray keptLabels;
    private INDArray keptMask;
    /** Whether the last forward, backward or score computation took the fast path (for tests). */
    private boolean lastFast;

    /**
     * Creates the layer; normally done by {@link FastRnnOutputLayer#instantiate}.
     *
     * @param conf     configuration whose layer is a {@link FastRnnOutputLayer}
     * @param dataType network data type
     */
    public FastRnnOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Whether the fast path computes exactly what DL4J's layer would for the current input and settings. */
    private boolean fast() {
        org.deeplearning4j.nn.conf.layers.RnnOutputLayer c = layerConf();
        boolean fast = dataType == DataType.FLOAT && input != null && input.rank() == 3
                && c.getActivationFn().getClass() == ActivationSoftmax.class
                && c.getLossFn() != null && c.getLossFn().getClass() == LossMCXENT.class
                && ((LossMCXENT) c.getLossFn()).getWeights() == null
                && c.getIDropout() == null && c.getWeightNoise() == null && hasBias()
                && input.size(0) * input.size(timeAxis()) < Integer.MAX_VALUE / Math.max(1, c.getNOut())
                && (maskArray == null || (maskArray.rank() == 2 && maskArray.size(1) == 1
                        && maskArray.length() == input.size(0) * input.size(timeAxis())));
        lastFast = fast;
        return fast;
    }

    private int timeAxis() {
        return layerConf().getRnnDataFormat() == RNNFormat.NWC ? 1 : 2;
    }

    /** {@code a} as NCW {@code [B, k, T]}. */
    private INDArray ncw(INDArray a) {
        return layerConf().getRnnDataFormat() == RNNFormat.NWC ? a.permute(0, 2, 1) : a;
    }

    /** The softmax probabilities of the current input into {@link #probs}; returns the row mask or null. */
    private float[] forwardProbabilities() {
        INDArray in = ncw(input).castTo(DataType.FLOAT);
        int batch = (int) in.size(0);
        int nIn = (int) in.size(1);
        int steps = (int) in.size(2);
        int classes = (int) layerConf().getNOut();
        int tb = batch * steps;
        x.size((long) nIn * tb).view(nIn, steps, batch).assign(in.permute(1, 2, 0));
        w.size((long) nIn * classes).columnMajor(nIn, classes).assign(getParam(DefaultParamInitializer.WEIGHT_KEY));
        float[] bias = getParam(DefaultParamInitializer.BIAS_KEY).castTo(DataType.FLOAT).toFloatVector();
        rows.size((long) classes * tb);
        openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, tb, classes, nIn, 1f, x.ptr, tb, w.ptr, nIn,
                0f, rows.ptr, tb);
        if (probs.length != classes || probs[0].length != tb) {
            probs = new float[classes][tb];
            rowMax = new float[tb];
            rowSum = new float[tb];
            labelRow = new float[tb];
        }
        for (int c = 0; c < classes; c++) {
            rows.buf.get(c * tb, probs[c], 0, tb);
        }
        Arrays.fill(rowMax, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < classes; c++) {
            float[] p = probs[c];
            float b = bias[c];
            for (int r = 0; r < tb; r++) {
                p[r] += b;
                rowMax[r] = Math.max(rowMax[r], p[r]);
            }
        }
        Arrays.fill(rowSum, 0f);
        for (int c = 0; c < classes; c++) {
            float[] p = probs[c];
            for (int r = 0; r < tb; r++) {
                float e = (float) Math.exp(p[r] - rowMax[r]);
                p[r] = e;
                rowSum[r] += e;
            }
        }
        for (int r = 0; r < tb; r++) {
            rowSum[r] = 1f / rowSum[r];
        }
        for (int c = 0; c < classes; c++) {
            float[] p = probs[c];
            for (int r = 0; r < tb; r++) {
                p[r] *= rowSum[r];
            }
        }
        return maskArray == null ? null : maskArray.castTo(DataType.FLOAT).toFloatVector();
    }

    /** The labels of class {@code c} over the rows, from {@link #rows} after {@link #loadLabels}. */
    private float[] labels(int c, int tb) {
        rows.buf.get(c * tb, labelRow, 0, tb);
        return labelRow;
    }

    private void loadLabels(int classes, int steps, int batch) {
        rows.size((long) classes * steps * batch).view(classes, steps, batch)
                .assign(ncw(labels).castTo(DataType.FLOAT).permute(1, 2, 0));
    }

    /** Cross-entropy summed over the rows (masked), as DL4J's MCXENT with its softmax clipping computes it. */
    private double loss(float[] mask, int classes, int tb, boolean thenDeltas) {
        double clip = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        float lo = (float) clip;
        float hi = (float) (1.0 - clip);
        double loss = 0;
        for (int c = 0; c < classes; c++) {
            float[] p = probs[c];
            float[] y = labels(c, tb);
            for (int r = 0; r < tb; r++) {
                if (y[r] != 0f) {
                    float q = clip > 0 ? Math.min(hi, Math.max(lo, p[r])) : p[r];
                    loss -= (mask == null ? 1.0 : mask[r]) * y[r] * Math.log(q);
                }
            }
            if (thenDeltas) {
                // dL/dz for softmax + cross-entropy, masked rows zero.
                for (int r = 0; r < tb; r++) {
                    p[r] -= y[r];
                }
                if (mask != null) {
                    for (int r = 0; r < tb; r++) {
                        p[r] *= mask[r];
                    }
                }
            }
        }
        return loss;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (!fast()) {
            return super.activate(training, workspaceMgr);
        }
        float[] mask = forwardProbabilities();
        int classes = probs.length;
        int tb = probs[0].length;
        long batch = ncw(input).size(0);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {classes, tb / batch, batch}, 'c');
        FloatBuffer buf = NativeBuffer.floats(out);
        for (int c = 0; c < classes; c++) {
            float[] p = probs[c];
            if (mask != null) {
                for (int r = 0; r < tb; r++) {
                    p[r] *= mask[r];
                }
            }
            buf.put(c * tb, p, 0, tb);
        }
        INDArray ncw = out.permute(2, 0, 1);
        return layerConf().getRnnDataFormat() == RNNFormat.NWC ? ncw.permute(0, 2, 1) : ncw;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        dropKept();
        int t = timeAxis();
        if (!fast() || labels == null || labels.rank() != 3 || labels.size(0) != input.size(0)
                || labels.size(t) != input.size(t) || labels.size(3 - t) != layerConf().getNOut()) {
            lastFast = false;
            return super.backpropGradient(epsilon, workspaceMgr);   // DL4J's path, and its error messages
        }
        float[] mask = forwardProbabilities();
        INDArray in = ncw(input);
        int batch = (int) in.size(0);
        int nIn = (int) in.size(1);
        int steps = (int) in.size(2);
        int classes = probs.length;
        int tb = batch * steps;
        loadLabels(classes, steps, batch);
        double loss = loss(mask, classes, tb, true);
        // The deltas replace the labels in the native rows (each class row is read before it is written).
        float[] biasGrad = new float[classes];
        for (int c = 0; c < classes; c++) {
            float[] d = probs[c];
            double sum = 0;
            for (int r = 0; r < tb; r++) {
                sum += d[r];
            }
            biasGrad[c] = (float) sum;
            rows.buf.put(c * tb, d, 0, tb);
        }
        wGrad.size((long) nIn * classes);
        openblas.cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, nIn, classes, tb, 1f, x.ptr, tb, rows.ptr, tb,
                0f, wGrad.ptr, nIn);
        INDArray wGradView = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bGradView = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        wGradView.assign(wGrad.columnMajor(nIn, classes));
        bGradView.assign(Nd4j.createFromArray(biasGrad).reshape(bGradView.shape()));
        // dL/dx = delta·Wᵀ as [H][T][B]: the float LSTM kernel's own layout.
        INDArray eps = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {nIn, steps, batch}, 'c');
        openblas.cblas_sgemm(CblasColMajor, CblasNoTrans, CblasTrans, tb, nIn, classes, 1f, rows.ptr, tb, w.ptr, nIn,
                0f, NativeBuffer.pointer(eps), tb);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, wGradView);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, bGradView);
        weightNoiseParams.clear();

        keptLoss = loss;
        keptInput = input;
        keptLabels = labels;
        keptMask = maskArray;
        INDArray ncwEps = eps.permute(2, 0, 1);
        return new Pair<>(gradient, layerConf().getRnnDataFormat() == RNNFormat.NWC ? ncwEps.permute(0, 2, 1) : ncwEps);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null || !fast() || labels.rank() != 3) {
            dropKept();
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double loss;
        if (!Double.isNaN(keptLoss) && keptInput == input && keptLabels == labels && keptMask == maskArray) {
            loss = keptLoss;
        } else {
            float[] mask = forwardProbabilities();
            INDArray in = ncw(input);
            loadLabels(probs.length, (int) in.size(2), (int) in.size(0));
            loss = loss(mask, probs.length, probs[0].length, false);
        }
        dropKept();
        double s = loss;
        if (conf().isMiniBatch()) {
            s /= getInputMiniBatchSize();
        }
        s += fullNetRegTerm;
        this.score = s;
        return s;
    }

    private void dropKept() {
        keptLoss = Double.NaN;
        keptInput = null;
        keptLabels = null;
        keptMask = null;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        dropKept();
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void setLabels(INDArray labels) {
        dropKept();
        super.setLabels(labels);
    }

    @Override
    public void setParams(INDArray params) {
        dropKept();
        super.setParams(params);
    }

    @Override
    public void setParam(String key, INDArray val) {
        dropKept();
        super.setParam(key, val);
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        dropKept();
        super.setMaskArray(maskArray);
    }

    @Override
    public void clear() {
        dropKept();
        super.clear();
    }

    /** Whether the last forward, backward or score computation took the fast path. */
    boolean lastFast() {
        return lastFast;
    }
}
