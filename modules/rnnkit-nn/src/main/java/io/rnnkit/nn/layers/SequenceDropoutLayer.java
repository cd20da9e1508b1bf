package io.rnnkit.nn.layers;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link DropoutLayer} that also works on masked sequences: DL4J's layer multiplies its output by the
 * mask as a column vector, which fails for {@code [batch, features, time]} activations with a
 * {@code [batch, time]} mask (the shape every padded batch of sequences has). This one broadcasts the mask
 * over the features; everything else is DL4J's layer.
 */
public class SequenceDropoutLayer extends DropoutLayer {

    /** For JSON deserialisation. */
    public SequenceDropoutLayer() {
        super((IDropout) null);
    }

    /**
     * @param retainProbability probability of keeping an activation during training (1 − rate)
     */
    public SequenceDropoutLayer(double retainProbability) {
        super(new Dropout(retainProbability));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LayerWiring.wire(new SequenceDropoutLayerImpl(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }
}
