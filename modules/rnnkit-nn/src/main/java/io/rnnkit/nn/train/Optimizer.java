package io.rnnkit.nn.train;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** Gradient-descent rule used by the {@link Trainer}, with DL4J's defaults for everything but the learning rate. */
public enum Optimizer {
    /** Adam (beta1 0.9, beta2 0.999, epsilon 1e-8). */
    ADAM,
    /** Plain stochastic gradient descent. */
    SGD,
    /** SGD with Nesterov momentum 0.9. */
    NESTEROV,
    /** RMSProp (decay 0.95). */
    RMSPROP,
    /** AdaGrad. */
    ADAGRAD;

    /** The DL4J updater for this rule at {@code learningRate}. */
    public IUpdater toUpdater(double learningRate) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case SGD -> new Sgd(learningRate);
            case NESTEROV -> new Nesterovs(learningRate, 0.9);
            case RMSPROP -> new RmsProp(learningRate);
            case ADAGRAD -> new AdaGrad(learningRate);
        };
    }
}
