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
 * Configuration of a gated recurrent unit (GRU) layer for DL4J networks, with the Keras
 * {@code reset_after=True} formulation (the one PyTorch and cuDNN use).
 *
 * <p>For input {@code x} at one step and previous output {@code h}:
 * <pre>
 *   z  = gate(x·Wz + bz + h·Uz + buz)           update gate
 *   r  = gate(x·Wr + br + h·Ur + bur)           reset gate
 *   hh = act(x·Wh + bh + r ⊙ (h·Uh + buh))      candidate
 *   h' = z ⊙ h + (1 − z) ⊙ hh
 * </pre>
 * with {@code act} = tanh and {@code gate} = sigmoid by default. Parameters (see
 * {@link GruParamInitializer} for the exact layout and how to load Keras or PyTorch weights):
 * {@code 3·(nIn·nOut + nOut·nOut + 2·nOut)}.
 *
 * <p>Masked time steps (feature mask 0) keep the previous state, output zeros and receive no
 * gradient, as in Keras. Input is {@code [batch, nIn, time]} (NCW) or, with
 * {@code dataFormat(RNNFormat.NWC)}, {@code [batch, time, nIn]}.
 *
 * <pre>{@code
 * new GruLayer.Builder().nIn(64).nOut(128).build()
 * }</pre>
 */
public class GruLayer extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private IActivation gateActivationFn = new ActivationSigmoid();

    /** For JSON deserialisation only; use {@link Builder}. */
    public GruLayer() {
    }

    private GruLayer(Builder builder) {
        super(builder);
        this.gateActivationFn = builder.gateActivationFn;
        initializeConstraints(builder);
    }

    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        Builder b = (Builder) builder;
        // Recurrent and input-weight constraints apply to one parameter each, as for DL4J's LSTM.
        constraints = RecurrentBuffers.constraintsFor(constraints, b.getRecurrentConstraints(),
                GruParamInitializer.RECURRENT_WEIGHT_KEY);
        constraints = RecurrentBuffers.constraintsFor(constraints, b.getInputWeightConstraints(),
                GruParamInitializer.INPUT_WEIGHT_KEY);
    }

    /** Activation of the update and reset gates (default sigmoid). */
    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    /** For JSON deserialisation; prefer {@link Builder#gateActivationFunction(Activation)}. */
    public void setGateActivationFn(IActivation gateActivationFn) {
        this.gateActivationFn = gateActivationFn;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerWiring.requireSizes("GRU", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new GruLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeRecurrent itr = (InputType.InputTypeRecurrent) inputType;
        long steps = Math.max(1, itr.getTimeSeriesLength());
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long h = getNOut();
        // Per example: input projections of all steps (3H per step) at inference; training keeps
        // gate outputs and pre-activations (8H per step) plus the projection gradients (6H per step).
        long inferencePerEx = steps * 3 * h + 4 * h;
        long trainPerEx = inferencePerEx + steps * 8 * h + steps * 6 * h;
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
        return new LayerMemoryReport.Builder(getLayerName(), GruLayer.class, inputType, outputType)
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
        if (!(o instanceof GruLayer other) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(gateActivationFn, other.gateActivationFn);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(gateActivationFn);
    }

    @Override
    public String toString() {
        return "GruLayer(nIn=" + getNIn() + ", nOut=" + getNOut() + ", activation=" + getActivationFn()
                + ", gateActivation=" + gateActivationFn + ", dataFormat=" + getRnnDataFormat() + ")";
    }

    /**
     * Builder for {@link GruLayer}; defaults follow Keras: tanh activation, sigmoid gates,
     * zero biases.
     */
    @SuppressWarnings("unchecked")
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private IActivation gateActivationFn = new ActivationSigmoid();

        /** Starts with tanh activation and sigmoid gates. */
        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        /** Activation of the update and reset gates (default sigmoid). */
        public Builder gateActivationFunction(Activation gateActivation) {
            return gateActivationFunction(gateActivation.getActivationFunction());
        }

        /** Activation of the update and reset gates (default sigmoid). */
        public Builder gateActivationFunction(IActivation gateActivation) {
            if (gateActivation == null) {
                throw new IllegalArgumentException("gate activation must not be null");
            }
            this.gateActivationFn = gateActivation;
            return this;
        }

        @Override
        public GruLayer build() {
            return new GruLayer(this);
        }
    }
}
