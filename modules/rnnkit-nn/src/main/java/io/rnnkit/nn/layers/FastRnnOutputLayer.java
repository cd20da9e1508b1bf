package io.rnnkit.nn.layers;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link RnnOutputLayer} (a dense layer + loss at every time step) with a fast path for the
 * common head of sequence models: softmax with multi-class cross-entropy in float. The configuration,
 * its JSON form apart from the class name, the parameters and every result are DL4J's; only the
 * arithmetic is organised differently ({@link FastRnnOutputLayerImpl}). Anything else (other
 * activations or losses, class weights, dropout, per-output masks, double precision) runs DL4J's code.
 */
public class FastRnnOutputLayer extends RnnOutputLayer {

    /** For JSON deserialisation; use {@link #of}. */
    public FastRnnOutputLayer() {
        super();
    }

    /**
     * The same layer as {@code layer}, built with DL4J's {@code RnnOutputLayer.Builder}.
     *
     * @param layer a configured output layer
     * @return a copy of it that runs the fast path where it applies
     */
    public static FastRnnOutputLayer of(RnnOutputLayer layer) {
        FastRnnOutputLayer copy = new FastRnnOutputLayer();
        // Every configuration field, whatever DL4J version added it: the copy must be the same layer.
        for (Class<?> c = RnnOutputLayer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(copy, f.get(layer));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy output layer setting " + f.getName(), e);
                }
            }
        }
        return copy;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerWiring.requireSizes("output", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new FastRnnOutputLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }
}
