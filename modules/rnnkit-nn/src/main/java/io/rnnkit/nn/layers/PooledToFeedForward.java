package io.rnnkit.nn.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sits after a DL4J {@code GlobalPoolingLayer} that pools a sequence: that layer already outputs
 * {@code [batch, size]}, but reports a recurrent output type, so DL4J would otherwise insert a reshaping
 * preprocessor whose backward pass hands the next layers 3-d gradients (which breaks, e.g., dropout). This one
 * declares the true feed-forward type and passes activations and gradients through unchanged.
 */
public final class PooledToFeedForward implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        // Pooling with collapsed dimensions gives rank 2; a [batch, size, 1] array is the same data.
        return input.rank() == 3 && input.size(2) == 1 ? input.reshape(input.size(0), input.size(1)) : input;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return output;
    }

    @Override
    public PooledToFeedForward clone() {
        return new PooledToFeedForward();
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent r) {
            return InputType.feedForward(r.getSize());
        }
        return inputType;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        // The pooling consumed the time mask: one vector per example, nothing left to mask.
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PooledToFeedForward;
    }

    @Override
    public int hashCode() {
        return PooledToFeedForward.class.hashCode();
    }
}
