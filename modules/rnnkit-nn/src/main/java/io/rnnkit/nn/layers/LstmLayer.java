package io.rnnkit.nn.layers;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a long short-term memory (LSTM) layer for DL4J networks, with Keras' weight
 * layout and Keras' mask semantics.
 *
 * <p>For input {@code x} at one step, previous output {@code h} and cell state {@code c}:
 * <pre>
 *   i  = gate(x·Wi + h·Ui + bi)        input gate
 *   f  = gate(x·Wf + h·Uf + bf)        forget gate
 *   g  = act(x·Wc + h·Uc + bc)         candidate
 *   o  = gate(x·Wo + h·Uo + bo)        output gate
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ act(c')
 * </pre>
 * with {@code act} = tanh and {@code gate} = sigmoid by default; no peephole connections (as DL4J's
 * {@code LSTM} and Keras). Parameters: {@code 4·(nIn·nOut + nOut·nOut + nOut)}, laid out as in
 * {@link LstmParamInitializer}.
 *
 * <p>Unlike DL4J's {@code LSTM}, a masked time step (feature mask 0) keeps the previous {@code h}
 * and {@code c}, outputs zeros and receives no gradient, as in Keras, so a padded batch gives
 * exactly the outputs of each sequence run alone, also in the backward direction of
 * {@code Bidirectional}. Input is {@code [batch, nIn, time]} (NCW) or, with
 * {@code dataFormat(RNNFormat.NWC)}, {@code [batch, time, nIn]}.
 *
 * <pre>{@code
 * new LstmLayer.Builder().nIn(64).nOut(128).build()
 * }</pre>
 */
public class LstmLayer extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private IActivation gateActivationFn = new ActivationSigmoid();
    private double forgetGateBiasInit = 1.0;

    /** For JSON deserialisation only; use {@link Builder}. */
    public LstmLayer() {
    }

    private LstmLayer(Builder builder) {
        super(builder);
        this.gateActivationFn = builder.gateActivationFn;
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
        initializeConstraints(builder);
    }

    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        Builder b = (Builder) builder;
        constraints = RecurrentBuffers.constraintsFor(constraints, b.getRecurrentConstraints(),
                LstmParamInitializer.RECURRENT_WEIGHT_KEY);
        constraints = RecurrentBuffers.constraintsFor(constraints, b.getInputWeightConstraints(),
                LstmParamInitializer.INPUT_WEIGHT_KEY);
    }

    /** Activation of the input, forget and output gates (default sigmoid). */
    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    /** For JSON deserialisation; prefer {@link Builder#gateActivationFunction(Activation)}. */
    public void setGateActivationFn(IActivation gateActivationFn) {
        this.gateActivationFn = gateActivationFn;
    }

    /** Initial value of the forget-gate bias (default 1.0, Keras' {@code unit_forget_bias}). */
    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    /** For JSON deserialisation; prefer {@link Builder#forgetGateBiasInit(double)}. */
    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerWiring.requireSizes("LSTM", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new LstmLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return LstmParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeRecurrent itr = (InputType.InputTypeRecurrent) inputType;
        long steps = Math.max(1, itr.getTimeSeriesLength());
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long h = getNOut();
        // Per example: gate projections of all steps (4H per step) at inference; training also keeps
        // pre-activations (4H), h, c and act(c) per step.
        long inferencePerEx = steps * 4 * h + 6 * h;
        long trainPerEx = inferencePerEx + steps * 7 * h;
        Map<CacheMode, Long> trainFixed = new HashMap<>();
        Map<CacheMode, Long> trainVariable = new HashMap<>();
        Map<CacheMode, Long> cacheFixed = new HashMap<>();
        Map<CacheMode, Long> cacheVariable = new HashMap<>();
        for (CacheMode cm : CacheMode.values()) {
            trainFixed.put(cm, 0L);
            trainVariable.put(cm, trainPerEx);
            cacheFixed.put(cm, 0L);
            cacheVariable.put(cm, 0L);
        }
        return new LayerMemoryReport.Builder(getLayerName(), LstmLayer.class, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, inferencePerEx, trainFixed, trainVariable)
                .cacheMemory(cacheFixed, cacheVariable)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LstmLayer other) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(gateActivationFn, other.gateActivationFn)
                && Double.compare(forgetGateBiasInit, other.forgetGateBiasInit) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), gateActivationFn, forgetGateBiasInit);
    }

    @Override
    public String toString() {
        return "LstmLayer(nIn=" + getNIn() + ", nOut=" + getNOut() + ", activation=" + getActivationFn()
                + ", gateActivation=" + gateActivationFn + ", forgetGateBiasInit=" + forgetGateBiasInit
                + ", dataFormat=" + getRnnDataFormat() + ")";
    }

    /**
     * Builder for {@link LstmLayer}; defaults follow Keras: tanh activation, sigmoid gates, zero
     * biases except the forget gate's (1.0).
     */
    @SuppressWarnings("unchecked")
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private IActivation gateActivationFn = new ActivationSigmoid();
        private double forgetGateBiasInit = 1.0;

        /** Starts with tanh activation, sigmoid gates and forget-gate bias 1.0. */
        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        /** Activation of the input, forget and output gates (default sigmoid). */
        public Builder gateActivationFunction(Activation gateActivation) {
            if (gateActivation == null) {
                throw new IllegalArgumentException("gate activation must not be null");
            }
            return gateActivationFunction(gateActivation.getActivationFunction());
        }

        /** Activation of the input, forget and output gates (default sigmoid). */
        public Builder gateActivationFunction(IActivation gateActivation) {
            if (gateActivation == null) {
                throw new IllegalArgumentException("gate activation must not be null");
            }
            this.gateActivationFn = gateActivation;
            return this;
        }

        /**
         * Initial forget-gate bias (default 1.0, as Keras' {@code unit_forget_bias=True} and DL4J's
         * LSTM): a forget gate near open at the start helps gradients flow over long sequences.
         */
        public Builder forgetGateBiasInit(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("forget gate bias init must be finite, got " + value);
            }
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        public LstmLayer build() {
            return new LstmLayer(this);
        }
    }
}
