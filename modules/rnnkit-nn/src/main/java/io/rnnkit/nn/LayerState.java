package io.rnnkit.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The recurrent state of one layer between {@link RecurrentNetwork#step} calls (Keras
 * {@code return_state}): hidden state {@code h} of shape {@code [batch, units]}, and for an
 * {@link Lstm} also the cell state {@code c}.
 *
 * @param layer index of the layer in the {@link NetworkSpec}
 * @param h     hidden state {@code [batch, units]}
 * @param c     cell state {@code [batch, units]} for LSTM, null otherwise
 */
public record LayerState(int layer, INDArray h, INDArray c) {

    public LayerState {
        if (h == null) {
            throw new IllegalArgumentException("LayerState of layer " + layer + " needs a hidden state h");
        }
        if (h.rank() != 2 || (c != null && !c.equalShapes(h))) {
            throw new IllegalArgumentException("LayerState of layer " + layer + ": h must be [batch, units]"
                    + (c != null ? " and c the same shape" : ""));
        }
    }
}
