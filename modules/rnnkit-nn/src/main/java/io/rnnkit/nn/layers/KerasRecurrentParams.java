package io.rnnkit.nn.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What rnnkit's recurrent parameter initializers share: Keras' three parameter blocks, input kernel {@code "W"},
 * recurrent kernel {@code "RW"} and bias {@code "b"}. Subclasses say how large each block is and how it is
 * initialised.
 */
abstract class KerasRecurrentParams implements ParamInitializer {
    static final String INPUT_WEIGHT = "W";
    static final String RECURRENT_WEIGHT = "RW";
    static final String BIAS = "b";

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(INPUT_WEIGHT, RECURRENT_WEIGHT, BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(INPUT_WEIGHT, RECURRENT_WEIGHT);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return INPUT_WEIGHT.equals(key) || RECURRENT_WEIGHT.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    /** Refuses anything but {@code length} values in a vector ({@code [n]}, {@code [1, n]} or {@code [n, 1]}). */
    static void requireVector(String name, INDArray array, long length) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (array.length() != length || (array.rank() == 2 && array.size(0) != 1 && array.size(1) != 1)
                || array.rank() > 2) {
            throw new IllegalArgumentException(name + " must have " + length + " values, got shape "
                    + Arrays.toString(array.shape()));
        }
    }

    /**
     * Copies {@code values} into the layer's parameters {@code prefix + key} through {@code setParam} (so a
     * layer drops what it kept of an earlier pass), cast to the network's data type.
     */
    static void setParams(org.deeplearning4j.nn.api.Layer layer, String prefix, Map<String, INDArray> values) {
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            INDArray target = layer.getParam(prefix + e.getKey());
            layer.setParam(prefix + e.getKey(), e.getValue().castTo(target.dataType()).reshape(target.shape()));
        }
    }

    /** Refuses PyTorch weights of one layer and direction that do not fit {@code gates} blocks of {@code nOut}. */
    static void requirePyTorchShapes(long gates, long nIn, long nOut, INDArray weightIh, INDArray weightHh,
                                     INDArray biasIh, INDArray biasHh) {
        RecurrentBuffers.requireShape("weight_ih", weightIh, gates * nOut, nIn);
        RecurrentBuffers.requireShape("weight_hh", weightHh, gates * nOut, nOut);
        requireVector("bias_ih", biasIh, gates * nOut);
        requireVector("bias_hh", biasHh, gates * nOut);
    }

    /**
     * PyTorch weights of a layer with one bias (LSTM, RNN): {@code "W" = weight_ihᵀ}, {@code "RW" = weight_hhᵀ},
     * {@code "b" = bias_ih + bias_hh} as {@code [1, gates·nOut]}, gate blocks in PyTorch's order.
     */
    static Map<String, INDArray> transposedSummedBias(long gates, long nIn, long nOut, INDArray weightIh,
                                                      INDArray weightHh, INDArray biasIh, INDArray biasHh) {
        requirePyTorchShapes(gates, nIn, nOut, weightIh, weightHh, biasIh, biasHh);
        long n = gates * nOut;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(INPUT_WEIGHT, weightIh.transpose());
        m.put(RECURRENT_WEIGHT, weightHh.transpose());
        m.put(BIAS, biasIh.reshape(1, n).castTo(DataType.DOUBLE).add(biasHh.reshape(1, n).castTo(DataType.DOUBLE)));
        return m;
    }
}
