package io.rnnkit.nn.layers;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every layer configuration's {@code instantiate} does once it has created its network-side layer. */
final class LayerWiring {

    private LayerWiring() {
    }

    /** Refuses a layer whose input or output size is still unknown, naming the layer. */
    static void requireSizes(String kind, String layerName, int layerIndex, long nIn, long nOut) {
        if (nIn <= 0 || nOut <= 0) {
            throw new IllegalArgumentException(kind + " layer " + RecurrentBuffers.describe(layerName, layerIndex)
                    + " needs nIn and nOut > 0, got nIn=" + nIn + ", nOut=" + nOut
                    + " (set nIn or give the network an InputType)");
        }
    }

    /** Attaches listeners, index, parameters (initialised through {@code initializer}) and configuration. */
    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                    int layerIndex, INDArray paramsView, boolean initializeParams,
                                    ParamInitializer initializer) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
