package io.rnnkit.nn.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/** The network-side layer of {@link SequenceDropoutLayer}. */
public class SequenceDropoutLayerImpl extends DropoutLayer {

    /**
     * @param conf     configuration whose layer is a {@link SequenceDropoutLayer}
     * @param dataType network data type
     */
    public SequenceDropoutLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Whether the mask is a [batch, time] mask of 3D activations (DL4J's layer handles the rest). */
    private boolean sequenceMask(INDArray activations) {
        return maskArray != null && activations.rank() == 3 && maskArray.rank() == 2
                && maskArray.size(0) == activations.size(0) && maskArray.size(1) == activations.size(2);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray mask = maskArray;
        if (!sequenceMask(input)) {
            return super.activate(training, workspaceMgr);
        }
        // DL4J's layer with the mask held back, then the mask broadcast over the features (dims 0 and 2).
        maskArray = null;
        try {
            INDArray out = super.activate(training, workspaceMgr);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(out, mask.castTo(out.dataType()), out, 0, 2));
            return out;
        } finally {
            maskArray = mask;
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray mask = maskArray;
        if (!sequenceMask(epsilon)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        maskArray = null;
        try {
            Pair<Gradient, INDArray> result = super.backpropGradient(epsilon, workspaceMgr);
            INDArray delta = result.getSecond();
            Nd4j.getExecutioner().exec(new BroadcastMulOp(delta, mask.castTo(delta.dataType()), delta, 0, 2));
            return result;
        } finally {
            maskArray = mask;
        }
    }
}
