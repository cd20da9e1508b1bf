package io.rnnkit.nn.layers;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network-side layer created from a {@link FeatureEmbeddingLayer} configuration.
 *
 * <p>The lookup and the gradient's scatter-add are plain loops over the arrays' memory: one pass over
 * {@code batch × time × Σ dims} values, instead of a gather, a concat and a permute per channel, and a
 * scatter that stays exact when an index repeats in a batch (as common words do).
 */
public class FeatureEmbeddingLayerImpl extends BaseLayer<FeatureEmbeddingLayer> {

    /** Indices of the last forward pass, [batch, channels, time] row-major. */
    private int[] indices;

    /**
     * Creates the layer; normally done by {@link FeatureEmbeddingLayer#instantiate}.
     *
     * @param conf     configuration whose layer is a {@link FeatureEmbeddingLayer}
     * @param dataType network data type
     */
    public FeatureEmbeddingLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        FeatureEmbeddingLayer c = layerConf();
        indices = indices(c);
        int batch = (int) input.size(0);
        int steps = (int) input.size(2);
        int width = (int) c.getNOut();
        double[] mask = mask(batch, steps);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {batch, width, steps}, 'c');
        INDArray target = FusedStepMath.direct(out) ? out : Nd4j.create(dataType, batch, width, steps);
        INDArray params = FusedStepMath.direct(paramsFlattened) ? paramsFlattened : paramsFlattened.dup('c');
        FusedStepMath.Buf w = FusedStepMath.buf(params);
        FusedStepMath.Buf o = FusedStepMath.buf(target);
        int channels = c.channels();
        for (int r = 0; r < batch; r++) {
            int col = 0;
            for (int k = 0; k < channels; k++) {
                int dim = (int) c.dim(k);
                int table = (int) FeatureEmbeddingParamInitializer.offset(c, k);
                for (int s = 0; s < steps; s++) {
                    double m = mask == null ? 1.0 : mask[r * steps + s];
                    int src = table + indices[(r * channels + k) * steps + s] * dim;
                    int dst = (r * width + col) * steps + s;
                    for (int d = 0; d < dim; d++) {
                        o.set(dst + d * steps, m == 0 ? 0.0 : m * w.get(src + d));
                    }
                }
                col += dim;
            }
        }
        if (target != out) {
            out.assign(target);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        FeatureEmbeddingLayer c = layerConf();
        if (indices == null) {
            indices = indices(c);
        }
        int batch = (int) input.size(0);
        int steps = (int) input.size(2);
        int width = (int) c.getNOut();
        if (epsilon.rank() != 3 || epsilon.size(0) != batch || epsilon.size(1) != width || epsilon.size(2) != steps) {
            throw new IllegalArgumentException("feature embedding layer " + where() + ": gradient of shape "
                    + Arrays.toString(epsilon.shape()) + " does not match its output [" + batch + ", " + width
                    + ", " + steps + "]");
        }
        INDArray eps = epsilon.castTo(dataType);
        eps = FusedStepMath.direct(eps) ? eps : eps.dup('c');
        double[] mask = mask(batch, steps);
        INDArray grad = FusedStepMath.direct(gradientsFlattened) ? gradientsFlattened
                : Nd4j.create(dataType, gradientsFlattened.shape());
        grad.assign(0);
        FusedStepMath.Buf g = FusedStepMath.buf(grad);
        FusedStepMath.Buf e = FusedStepMath.buf(eps);
        int channels = c.channels();
        for (int r = 0; r < batch; r++) {
            int col = 0;
            for (int k = 0; k < channels; k++) {
                int dim = (int) c.dim(k);
                int table = (int) FeatureEmbeddingParamInitializer.offset(c, k);
                for (int s = 0; s < steps; s++) {
                    double m = mask == null ? 1.0 : mask[r * steps + s];
                    if (m == 0) {
                        continue;
                    }
                    int dst = table + indices[(r * channels + k) * steps + s] * dim;
                    int src = (r * width + col) * steps + s;
                    for (int d = 0; d < dim; d++) {
                        g.set(dst + d, g.get(dst + d) + m * e.get(src + d * steps));
                    }
                }
                col += dim;
            }
        }
        if (grad != gradientsFlattened) {
            gradientsFlattened.assign(grad);
        }
        Gradient ret = new DefaultGradient(gradientsFlattened);
        for (int k = 0; k < channels; k++) {
            String key = FeatureEmbeddingParamInitializer.key(k);
            ret.gradientForVariable().put(key, gradientViews.get(key));
        }
        // An input layer: indices have no gradient.
        return new Pair<>(ret, null);
    }

    /** The input's indices, checked: integers within each channel's table. */
    private int[] indices(FeatureEmbeddingLayer c) {
        if (input.rank() != 3 || input.size(1) != c.channels()) {
            throw new IllegalArgumentException("feature embedding layer " + where() + " expects input [batch, "
                    + c.channels() + " channels, time] of indices, got shape " + Arrays.toString(input.shape()));
        }
        double[] values = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int channels = c.channels();
        int steps = (int) input.size(2);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            int k = (i / steps) % channels;
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v >= c.tableSize(k)) {
                throw new IllegalArgumentException("feature embedding layer " + where() + ": channel " + k
                        + " of example " + i / (steps * channels) + " at step " + i % steps + " holds " + v
                        + "; indices must be integers in [0, " + c.tableSize(k) + ")");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** The feature mask as [batch × time] values, or null. */
    private double[] mask(int batch, int steps) {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.length() != (long) batch * steps) {
            throw new IllegalArgumentException("feature embedding layer " + where() + ": mask of shape "
                    + Arrays.toString(maskArray.shape()) + " does not match [" + batch + ", " + steps + "]");
        }
        return maskArray.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private String where() {
        return RecurrentBuffers.describe(layerConf().getLayerName(), getIndex());
    }
}
