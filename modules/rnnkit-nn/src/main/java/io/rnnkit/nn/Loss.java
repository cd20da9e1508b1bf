package io.rnnkit.nn;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Training loss of the network's {@link Dense} head, with the head activation it expects. */
public enum Loss {
    /** Categorical cross-entropy over one-hot labels; head activation softmax. */
    CROSS_ENTROPY(LossFunction.MCXENT, Activation.SOFTMAX),
    /** Binary cross-entropy over independent 0/1 labels; head activation sigmoid. */
    BINARY_CROSS_ENTROPY(LossFunction.XENT, Activation.SIGMOID),
    /** Mean squared error; any head activation (usually identity). */
    MSE(LossFunction.MSE, null),
    /** Mean absolute error; any head activation (usually identity). */
    MAE(LossFunction.L1, null);

    private final LossFunction dl4j;
    private final Activation requiredActivation;

    Loss(LossFunction dl4j, Activation requiredActivation) {
        this.dl4j = dl4j;
        this.requiredActivation = requiredActivation;
    }

    /** The DL4J loss function. */
    public LossFunction dl4j() {
        return dl4j;
    }

    /** The head activation this loss needs, or null when any activation works. */
    public Activation requiredActivation() {
        return requiredActivation;
    }
}
