package io.rnnkit.nn.layers;

import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;

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
}
