package io.rnnkit.nn;

import org.nd4j.linalg.activations.Activation;

/**
 * Fully connected layer. On a sequence it is applied to every time step (Keras' time-distributed
 * {@code Dense}); on a vector (after a recurrent layer with {@code returnSequences=false}) it is an
 * ordinary dense layer. As the last layer of a spec with a {@link Loss}, it is the output head.
 * Parameters: {@code D·units + units}.
 *
 * @param units      output size
 * @param activation e.g. {@code SOFTMAX} for a classification head, {@code IDENTITY} for regression
 */
public record Dense(int units, Activation activation) implements LayerSpec {

    public Dense {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense units must be positive, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("Dense activation must not be null");
        }
    }

    /** Linear (identity) dense layer, as Keras' default. */
    public Dense(int units) {
        this(units, Activation.IDENTITY);
    }

    @Override
    public String typeName() {
        return "Dense";
    }
}
