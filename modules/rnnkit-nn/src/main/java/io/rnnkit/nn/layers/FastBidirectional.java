package io.rnnkit.nn.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link Bidirectional} wrapper with a faster merge for float sequences
 * ({@link FastBidirectionalLayer}): the same configuration, parameters, JSON form (apart from the class
 * name) and results.
 */
public class FastBidirectional extends Bidirectional {

    /** For JSON deserialisation. */
    public FastBidirectional() {
        super();
    }

    /**
     * @param mode  how the two directions' outputs are combined
     * @param layer the recurrent layer to run both ways
     */
    public FastBidirectional(Mode mode, Layer layer) {
        super(mode, layer);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        // As DL4J's Bidirectional: each direction gets half of the parameters and a configuration of its own.
        NeuralNetConfiguration c1 = conf.clone();
        NeuralNetConfiguration c2 = conf.clone();
        c1.setLayer(getFwd());
        c2.setLayer(getBwd());
        INDArray flat = layerParamsView.reshape(layerParamsView.length());
        long n = layerParamsView.length() / 2;
        org.deeplearning4j.nn.api.Layer f = getFwd().instantiate(c1, trainingListeners, layerIndex,
                flat.get(interval(0, n)), initializeParams, networkDataType);
        org.deeplearning4j.nn.api.Layer b = getBwd().instantiate(c2, trainingListeners, layerIndex,
                flat.get(interval(n, 2 * n)), initializeParams, networkDataType);
        FastBidirectionalLayer layer = new FastBidirectionalLayer(conf, f, b, layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }
}
