package io.rnnkit.nn.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters of an {@link LstmLayer}, laid out as Keras' {@code LSTM} so that weights copy over
 * one-to-one. With {@code D = nIn}, {@code H = nOut}, the flat parameter vector holds, in this order:
 * <ul>
 *   <li>{@code "W"} — input kernel {@code [D, 4H]} (Keras {@code kernel});</li>
 *   <li>{@code "RW"} — recurrent kernel {@code [H, 4H]} (Keras {@code recurrent_kernel});</li>
 *   <li>{@code "b"} — bias {@code [1, 4H]} (Keras {@code bias}).</li>
 * </ul>
 * In every block the gate columns come in Keras order {@code i | f | c | o} (input, forget,
 * candidate, output), {@code H} columns each. Total: {@code 4·(D·H + H·H + H)}, the same count as
 * DL4J's {@code LSTM}, whose gate order is different ({@code c | f | o | i}).
 *
 * <p>PyTorch's {@code nn.LSTM} uses the same gate order ({@code i | f | g | o}) with weights
 * transposed and two biases that add up; {@link #loadPyTorch} transposes and sums them,
 * {@link #loadKeras} copies Keras weights.
 */
public final class LstmParamInitializer extends KerasRecurrentParams {

    /** Input kernel {@code [nIn, 4·nOut]}. */
    public static final String INPUT_WEIGHT_KEY = INPUT_WEIGHT;
    /** Recurrent kernel {@code [nOut, 4·nOut]}. */
    public static final String RECURRENT_WEIGHT_KEY = RECURRENT_WEIGHT;
    /** Bias {@code [1, 4·nOut]}. */
    public static final String BIAS_KEY = BIAS;

    private static final LstmParamInitializer INSTANCE = new LstmParamInitializer();

    private LstmParamInitializer() {
    }

    /** The shared, stateless instance. */
    public static LstmParamInitializer getInstance() {
        return INSTANCE;
    }

    /** Number of parameters of an LSTM with {@code nIn} inputs and {@code nOut} units. */
    public static long numParams(long nIn, long nOut) {
        return 4 * (nIn * nOut + nOut * nOut + nOut);
    }

    @Override
    public long numParams(Layer layer) {
        LstmLayer c = (LstmLayer) layer;
        return numParams(c.getNIn(), c.getNOut());
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        LstmLayer c = (LstmLayer) conf.getLayer();
        long nIn = c.getNIn();
        long nOut = c.getNOut();
        long expected = numParams(nIn, nOut);
        if (paramsView.length() != expected) {
            throw new IllegalArgumentException("LSTM parameter view has " + paramsView.length()
                    + " values, expected " + expected + " for nIn=" + nIn + ", nOut=" + nOut);
        }
        Map<String, INDArray> m = views(paramsView, nIn, nOut);
        if (initializeParams) {
            // fanIn/fanOut of the whole [D, 4H] kernel, as Keras' glorot_uniform sees it.
            c.getWeightInitFn().init(nIn, 4 * nOut, new long[] {nIn, 4 * nOut}, 'f', m.get(INPUT_WEIGHT_KEY));
            IWeightInit recurrentInit = c.getWeightInitFnRecurrent() != null
                    ? c.getWeightInitFnRecurrent() : c.getWeightInitFn();
            recurrentInit.init(nOut, 4 * nOut, new long[] {nOut, 4 * nOut}, 'f', m.get(RECURRENT_WEIGHT_KEY));
            INDArray bias = m.get(BIAS_KEY);
            bias.assign(Double.isNaN(c.getBiasInit()) ? 0.0 : c.getBiasInit());
            bias.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), interval(nOut, 2 * nOut))
                    .assign(c.getForgetGateBiasInit());
        }
        conf.addVariable(INPUT_WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        LstmLayer c = (LstmLayer) conf.getLayer();
        return views(gradientView, c.getNIn(), c.getNOut());
    }

    /**
     * Copies Keras {@code LSTM} weights into an LSTM layer of a network.
     *
     * @param layer           the network's LSTM layer, e.g. {@code net.getLayer(0)}
     * @param kernel          Keras {@code kernel}, {@code [nIn, 4·nOut]}
     * @param recurrentKernel Keras {@code recurrent_kernel}, {@code [nOut, 4·nOut]}
     * @param bias            Keras {@code bias}, {@code 4·nOut} values
     */
    public static void loadKeras(org.deeplearning4j.nn.api.Layer layer, INDArray kernel, INDArray recurrentKernel,
                                 INDArray bias) {
        LstmLayer c = lstmConf(layer);
        long d = c.getNIn();
        long h = c.getNOut();
        RecurrentBuffers.requireShape("kernel", kernel, d, 4 * h);
        RecurrentBuffers.requireShape("recurrent_kernel", recurrentKernel, h, 4 * h);
        requireVector("bias", bias, 4 * h);
        setParams(layer, "", Map.of(INPUT_WEIGHT_KEY, kernel, RECURRENT_WEIGHT_KEY, recurrentKernel,
                BIAS_KEY, bias.reshape(1, 4 * h)));
    }

    /**
     * Copies PyTorch {@code nn.LSTM} (one layer, one direction) weights into an LSTM layer of a
     * network: the weights are transposed and the two biases summed (PyTorch adds both to every
     * pre-activation); the gate order {@code i | f | g | o} is already Keras'. For whole networks
     * (stacks, {@code _reverse} directions) see {@code io.rnnkit.nn.PyTorchWeights}.
     *
     * @param layer    the network's LSTM layer, e.g. {@code net.getLayer(0)}
     * @param weightIh {@code weight_ih_l0}, {@code [4·nOut, nIn]}
     * @param weightHh {@code weight_hh_l0}, {@code [4·nOut, nOut]}
     * @param biasIh   {@code bias_ih_l0}, {@code 4·nOut} values
     * @param biasHh   {@code bias_hh_l0}, {@code 4·nOut} values
     */
    public static void loadPyTorch(org.deeplearning4j.nn.api.Layer layer, INDArray weightIh, INDArray weightHh,
                                   INDArray biasIh, INDArray biasHh) {
        LstmLayer c = lstmConf(layer);
        setParams(layer, "", fromPyTorch(c.getNIn(), c.getNOut(), weightIh, weightHh, biasIh, biasHh));
    }

    /**
     * PyTorch {@code nn.LSTM} weights of one layer and direction in this layout, without a layer: the
     * arrays for {@code "W"} {@code [nIn, 4·nOut]}, {@code "RW"} {@code [nOut, 4·nOut]} and {@code "b"}
     * {@code [1, 4·nOut]} ({@code bias_ih + bias_hh}), gate order {@code i | f | g | o} kept.
     *
     * @throws IllegalArgumentException when a shape does not fit {@code nIn} and {@code nOut}
     */
    public static Map<String, INDArray> fromPyTorch(long nIn, long nOut, INDArray weightIh, INDArray weightHh,
                                                    INDArray biasIh, INDArray biasHh) {
        return transposedSummedBias(4, nIn, nOut, weightIh, weightHh, biasIh, biasHh);
    }

    private static LstmLayer lstmConf(org.deeplearning4j.nn.api.Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("layer must not be null");
        }
        if (!(layer.conf().getLayer() instanceof LstmLayer c)) {
            throw new IllegalArgumentException("not an rnnkit LSTM layer: "
                    + layer.conf().getLayer().getClass().getSimpleName());
        }
        return c;
    }

    /** Views (no copies) of the flat vector: W 'f' [D,4H], RW 'f' [H,4H], b [1,4H]. */
    private static Map<String, INDArray> views(INDArray flat, long nIn, long nOut) {
        INDArray v = flat.reshape(flat.length());
        long wEnd = nIn * 4 * nOut;
        long rwEnd = wEnd + nOut * 4 * nOut;
        long bEnd = rwEnd + 4 * nOut;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(INPUT_WEIGHT_KEY, v.get(interval(0, wEnd)).reshape('f', nIn, 4 * nOut));
        m.put(RECURRENT_WEIGHT_KEY, v.get(interval(wEnd, rwEnd)).reshape('f', nOut, 4 * nOut));
        m.put(BIAS_KEY, v.get(interval(rwEnd, bEnd)).reshape(1, 4 * nOut));
        return m;
    }
}
