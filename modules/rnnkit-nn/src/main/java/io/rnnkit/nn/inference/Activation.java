package io.rnnkit.nn.inference;

import io.rnnkit.nn.layers.FloatActivations;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * An activation function applied in place to a row, in float, with the same definitions as ND4J's. tanh and the
 * sigmoid use {@link FloatActivations} (vectorisable, within 3.4e-7 of the exact values).
 */
enum Activation {
    IDENTITY, TANH, SIGMOID, RELU, LEAKY_RELU, ELU, HARD_TANH, HARD_SIGMOID, SOFTSIGN, SOFTPLUS, RELU6, SELU, SWISH,
    SOFTMAX;

    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_LAMBDA = 1.0507009873554804934193349852946;

    /**
     * The engine's version of an ND4J activation.
     *
     * @param where names the layer, for the message when the activation is not supported
     */
    static Activation of(IActivation a, String where) {
        if (a instanceof ActivationIdentity) {
            return IDENTITY;
        } else if (a instanceof ActivationTanH) {
            return TANH;
        } else if (a instanceof ActivationSigmoid) {
            return SIGMOID;
        } else if (a instanceof ActivationReLU r) {
            // ReLU with a cap, threshold or negative slope is a different function.
            if (!new ActivationReLU().equals(r)) {
                throw unsupported(a, where);
            }
            return RELU;
        } else if (a instanceof ActivationLReLU l) {
            if (l.getAlpha() != ActivationLReLU.DEFAULT_ALPHA) {
                throw unsupported(a, where);
            }
            return LEAKY_RELU;
        } else if (a instanceof ActivationELU e) {
            if (e.getAlpha() != ActivationELU.DEFAULT_ALPHA) {
                throw unsupported(a, where);
            }
            return ELU;
        } else if (a instanceof ActivationHardTanH) {
            return HARD_TANH;
        } else if (a instanceof ActivationHardSigmoid) {
            return HARD_SIGMOID;
        } else if (a instanceof ActivationSoftSign) {
            return SOFTSIGN;
        } else if (a instanceof ActivationSoftPlus) {
            return SOFTPLUS;
        } else if (a instanceof ActivationReLU6) {
            return RELU6;
        } else if (a instanceof ActivationSELU) {
            return SELU;
        } else if (a instanceof ActivationSwish) {
            return SWISH;
        } else if (a instanceof ActivationSoftmax) {
            return SOFTMAX;
        }
        throw unsupported(a, where);
    }

    private static UnsupportedOperationException unsupported(IActivation a, String where) {
        return new UnsupportedOperationException(where + ": activation " + a
                + " is not supported by rnnkit's inference engine");
    }

    /** Applies the function to {@code v[0 .. n)} in place. */
    void apply(float[] v, int n) {
        switch (this) {
            case IDENTITY -> {
            }
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    v[j] = FloatActivations.tanh(v[j]);
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    v[j] = FloatActivations.sigmoid(v[j]);
                }
            }
            case RELU -> {
                for (int j = 0; j < n; j++) {
                    v[j] = Math.max(0f, v[j]);
                }
            }
            case LEAKY_RELU -> {
                float alpha = (float) ActivationLReLU.DEFAULT_ALPHA;
                for (int j = 0; j < n; j++) {
                    v[j] = v[j] >= 0 ? v[j] : alpha * v[j];
                }
            }
            case ELU -> {
                for (int j = 0; j < n; j++) {
                    v[j] = v[j] >= 0 ? v[j] : (float) Math.expm1(v[j]);
                }
            }
            case HARD_TANH -> {
                for (int j = 0; j < n; j++) {
                    v[j] = Math.max(-1f, Math.min(1f, v[j]));
                }
            }
            case HARD_SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    v[j] = Math.max(0f, Math.min(1f, 0.2f * v[j] + 0.5f));
                }
            }
            case SOFTSIGN -> {
                for (int j = 0; j < n; j++) {
                    v[j] = v[j] / (1f + Math.abs(v[j]));
                }
            }
            case SOFTPLUS -> {
                for (int j = 0; j < n; j++) {
                    double x = v[j];
                    v[j] = (float) (x > 20 ? x : Math.log1p(Math.exp(x)));
                }
            }
            case RELU6 -> {
                for (int j = 0; j < n; j++) {
                    v[j] = Math.max(0f, Math.min(6f, v[j]));
                }
            }
            case SELU -> {
                for (int j = 0; j < n; j++) {
                    double x = v[j];
                    v[j] = (float) (SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)));
                }
            }
            case SWISH -> {
                for (int j = 0; j < n; j++) {
                    v[j] = v[j] * FloatActivations.sigmoid(v[j]);
                }
            }
            case SOFTMAX -> softmax(v, n);
            default -> throw new IllegalStateException(name());
        }
    }

    /** Softmax of {@code v[0 .. n)} in place, accumulated in double. */
    static void softmax(float[] v, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, v[j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(v[j] - max);
            v[j] = (float) e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < n; j++) {
            v[j] *= inv;
        }
    }
}
