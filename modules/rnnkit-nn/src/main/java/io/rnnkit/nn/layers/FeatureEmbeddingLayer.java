package io.rnnkit.nn.layers;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Several integer features per time step, each looked up in an embedding table of its own, the vectors
 * concatenated: the input layer of a tagger that reads a word as its word id plus shape, prefix and suffix ids.
 *
 * <p>Input {@code [batch, channels, time]} (NCW) holding integer indices, channel {@code k} in
 * {@code [0, tableSizes[k])}; output {@code [batch, Σ dims, time]}, channel 0's vector first. Parameters are
 * one table per channel, {@code "W0"}, {@code "W1"}, …, {@code [tableSizes[k], dims[k]]} row-major. A masked
 * step outputs zeros and passes no gradient to the tables. As an input layer it returns no input gradient.
 *
 * <pre>{@code
 * new FeatureEmbeddingLayer.Builder().tables(new long[] {50_000, 4096}, new long[] {64, 16}).build()
 * }</pre>
 */
public class FeatureEmbeddingLayer extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private long[] tableSizes = new long[0];
    private long[] dims = new long[0];

    /** For JSON deserialisation only; use {@link Builder}. */
    public FeatureEmbeddingLayer() {
    }

    private FeatureEmbeddingLayer(Builder builder) {
        super(builder);
        this.tableSizes = builder.tableSizes.clone();
        this.dims = builder.dims.clone();
        setNIn(tableSizes.length);
        setNOut(Arrays.stream(dims).sum());
        initializeConstraints(builder);
    }

    /** Rows of each channel's table. */
    public long[] getTableSizes() {
        return tableSizes.clone();
    }

    /** For JSON deserialisation. */
    public void setTableSizes(long[] tableSizes) {
        this.tableSizes = tableSizes.clone();
    }

    /** Vector size of each channel. */
    public long[] getDims() {
        return dims.clone();
    }

    /** For JSON deserialisation. */
    public void setDims(long[] dims) {
        this.dims = dims.clone();
    }

    int channels() {
        return tableSizes.length;
    }

    long tableSize(int channel) {
        return tableSizes[channel];
    }

    long dim(int channel) {
        return dims[channel];
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeRecurrent r && r.getSize() != tableSizes.length) {
            throw new IllegalArgumentException("feature embedding layer has " + tableSizes.length
                    + " channels but its input has " + r.getSize() + " features");
        }
        super.setNIn(inputType, override);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LayerWiring.wire(new FeatureEmbeddingLayerImpl(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return FeatureEmbeddingParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long perExample = Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength()) * getNOut();
        Map<CacheMode, Long> zero = new HashMap<>();
        Map<CacheMode, Long> variable = new HashMap<>();
        for (CacheMode cm : CacheMode.values()) {
            zero.put(cm, 0L);
            variable.put(cm, perExample);
        }
        return new LayerMemoryReport.Builder(getLayerName(), FeatureEmbeddingLayer.class, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, perExample, zero, variable)
                .cacheMemory(zero, zero)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FeatureEmbeddingLayer other && super.equals(o)
                && Arrays.equals(tableSizes, other.tableSizes) && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Arrays.hashCode(tableSizes)) + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "FeatureEmbeddingLayer(tables=" + Arrays.toString(tableSizes) + ", dims=" + Arrays.toString(dims) + ")";
    }

    /** Builder for {@link FeatureEmbeddingLayer}. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        private long[] tableSizes;
        private long[] dims;

        /** One table per channel: {@code tableSizes[k]} rows of {@code dims[k]} values. */
        public Builder tables(long[] tableSizes, long[] dims) {
            if (tableSizes == null || dims == null || tableSizes.length == 0 || tableSizes.length != dims.length) {
                throw new IllegalArgumentException("feature embedding needs one table size and one dimension per "
                        + "channel, got " + Arrays.toString(tableSizes) + " and " + Arrays.toString(dims));
            }
            for (int k = 0; k < tableSizes.length; k++) {
                if (tableSizes[k] < 1 || dims[k] < 1) {
                    throw new IllegalArgumentException("channel " + k + ": table size and dimension must be "
                            + "positive, got " + tableSizes[k] + " and " + dims[k]);
                }
            }
            this.tableSizes = tableSizes.clone();
            this.dims = dims.clone();
            return this;
        }

        @Override
        public FeatureEmbeddingLayer build() {
            if (tableSizes == null) {
                throw new IllegalStateException("feature embedding tables not set: call tables(sizes, dims)");
            }
            if (rnnDataFormat != RNNFormat.NCW) {
                throw new IllegalStateException("feature embedding supports NCW input only");
            }
            return new FeatureEmbeddingLayer(this);
        }
    }
}
