package io.rnnkit.nn.layers;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link SimpleRnn} with a float fast path ({@link FastSimpleRnnLayer}): the same configuration,
 * parameters, JSON form (apart from the class name) and results, DL4J's masking semantics included.
 */
public class FastSimpleRnn extends SimpleRnn {

    /** For JSON deserialisation. */
    public FastSimpleRnn() {
        super(new SimpleRnn.Builder());
    }

    /**
     * @param builder a configured DL4J {@code SimpleRnn.Builder}
     */
    public FastSimpleRnn(SimpleRnn.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerWiring.requireSizes("SimpleRNN", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new FastSimpleRnnLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    /**
     * PyTorch {@code nn.RNN} weights of one layer and direction in DL4J's {@code SimpleRnn} layout: the arrays
     * for {@code "W"} {@code [nIn, nOut]} ({@code weight_ihᵀ}), {@code "RW"} {@code [nOut, nOut]}
     * ({@code weight_hhᵀ}) and {@code "b"} {@code [1, nOut]} ({@code bias_ih + bias_hh}, which PyTorch adds).
     *
     * @throws IllegalArgumentException when a shape does not fit {@code nIn} and {@code nOut}
     */
    public static Map<String, INDArray> fromPyTorch(long nIn, long nOut, INDArray weightIh, INDArray weightHh,
                                                    INDArray biasIh, INDArray biasHh) {
        return KerasRecurrentParams.transposedSummedBias(1, nIn, nOut, weightIh, weightHh, biasIh, biasHh);
    }
}
