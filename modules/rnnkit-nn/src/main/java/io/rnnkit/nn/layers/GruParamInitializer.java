package io.rnnkit.nn.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters of a {@link GruLayer}, laid out as Keras' {@code GRU(reset_after=True)} so that weights
 * copy over one-to-one. With {@code D = nIn}, {@code H = nOut}, the flat parameter vector holds, in
 * this order:
 * <ul>
 *   <li>{@code "W"} — input kernel {@code [D, 3H]} (Keras {@code kernel});</li>
 *   <li>{@code "RW"} — recurrent kernel {@code [H, 3H]} (Keras {@code recurrent_kernel});</li>
 *   <li>{@code "b"} — bias {@code [1, 6H]}: the input bias (3H) then the recurrent bias (3H),
 *       i.e. Keras' bias of shape {@code (2, 3H)} flattened row by row.</li>
 * </ul>
 * In every block the gate columns come in Keras order {@code z | r | h} (update, reset, candidate),
 * {@code H} columns each. Total: {@code 3·(D·H + H·H + 2H)}.
 *
 * <p>PyTorch's {@code nn.GRU} stores {@code weight_ih_l0 [3H, D]}, {@code weight_hh_l0 [3H, H]},
 * {@code bias_ih_l0}, {@code bias_hh_l0} with gate order {@code r | z | n}. To load them: transpose
 * the weights and swap the first two gate blocks, i.e. {@code W[:, 0:H] = weight_ih[H:2H]ᵀ},
 * {@code W[:, H:2H] = weight_ih[0:H]ᵀ}, {@code W[:, 2H:3H] = weight_ih[2H:3H]ᵀ}, the same for
 * {@code RW} from {@code weight_hh}, and the bias halves from {@code bias_ih} / {@code bias_hh}
 * with the same block swap. {@link #loadPyTorch} does exactly this; {@link #loadKeras}
 * copies Keras weights.
 */
public final class GruParamInitializer extends KerasRecurrentParams {

    /** Input kernel {@code [nIn, 3·nOut]}. */
    public static final String INPUT_WEIGHT_KEY = INPUT_WEIGHT;
    /** Recurrent kernel {@code [nOut, 3·nOut]}. */
    public static final String RECURRENT_WEIGHT_KEY = RECURRENT_WEIGHT;
    /** Input bias followed by recurrent bias, {@code [1, 6·nOut]}. */
    public static final String BIAS_KEY = BIAS;

    private static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
    }

    /** The shared, stateless instance. */
    public static GruParamInitializer getInstance() {
        return INSTANCE;
    }

    /** Number of parameters of a GRU with {@code nIn} inputs and {@code nOut} units. */
    public static long numParams(long nIn, long nOut) {
        return 3 * (nIn * nOut + nOut * nOut + 2 * nOut);
    }

    @Override
    public long numParams(Layer layer) {
        GruLayer c = (GruLayer) layer;
        return numParams(c.getNIn(), c.getNOut());
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GruLayer c = (GruLayer) conf.getLayer();
        long nIn = c.getNIn();
        long nOut = c.getNOut();
        long expected = numParams(nIn, nOut);
        if (paramsView.length() != expected) {
            throw new IllegalArgumentException("GRU parameter view has " + paramsView.length()
                    + " values, expected " + expected + " for nIn=" + nIn + ", nOut=" + nOut);
        }
        Map<String, INDArray> m = views(paramsView, nIn, nOut);
        if (initializeParams) {
            // fanIn/fanOut per gate block, as Keras' glorot_uniform sees the whole [D, 3H] kernel.
            c.getWeightInitFn().init(nIn, 3 * nOut, new long[] {nIn, 3 * nOut}, 'f', m.get(INPUT_WEIGHT_KEY));
            IWeightInit recurrentInit = c.getWeightInitFnRecurrent() != null
                    ? c.getWeightInitFnRecurrent() : c.getWeightInitFn();
            recurrentInit.init(nOut, 3 * nOut, new long[] {nOut, 3 * nOut}, 'f', m.get(RECURRENT_WEIGHT_KEY));
            double biasInit = Double.isNaN(c.getBiasInit()) ? 0.0 : c.getBiasInit();
            m.get(BIAS_KEY).assign(biasInit);
        }
        conf.addVariable(INPUT_WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        GruLayer c = (GruLayer) conf.getLayer();
        return views(gradientView, c.getNIn(), c.getNOut());
    }

    /**
     * Copies Keras {@code GRU(reset_after=True)} weights into a GRU layer of a network.
     *
     * @param layer           the network's GRU layer, e.g. {@code net.getLayer(0)}
     * @param kernel          Keras {@code kernel}, {@code [nIn, 3·nOut]}
     * @param recurrentKernel Keras {@code recurrent_kernel}, {@code [nOut, 3·nOut]}
     * @param bias            Keras {@code bias}, {@code [2, 3·nOut]} (input bias row, then recurrent)
     */
    public static void loadKeras(org.deeplearning4j.nn.api.Layer layer, INDArray kernel, INDArray recurrentKernel,
                                 INDArray bias) {
        GruLayer c = gruConf(layer);
        long d = c.getNIn();
        long h = c.getNOut();
        RecurrentBuffers.requireShape("kernel", kernel, d, 3 * h);
        RecurrentBuffers.requireShape("recurrent_kernel", recurrentKernel, h, 3 * h);
        RecurrentBuffers.requireShape("bias", bias, 2, 3 * h);
        setParams(layer, "", Map.of(INPUT_WEIGHT_KEY, kernel, RECURRENT_WEIGHT_KEY, recurrentKernel,
                BIAS_KEY, bias.dup('c').reshape(1, 6 * h)));
    }

    /**
     * Copies PyTorch {@code nn.GRU} (one layer, one direction) weights into a GRU layer of a network,
     * reordering PyTorch's gates {@code r | z | n} to {@code z | r | h} and transposing. For whole
     * networks (stacks, {@code _reverse} directions) see {@code io.rnnkit.nn.PyTorchWeights}.
     *
     * @param layer    the network's GRU layer, e.g. {@code net.getLayer(0)}
     * @param weightIh {@code weight_ih_l0}, {@code [3·nOut, nIn]}
     * @param weightHh {@code weight_hh_l0}, {@code [3·nOut, nOut]}
     * @param biasIh   {@code bias_ih_l0}, {@code 3·nOut} values
     * @param biasHh   {@code bias_hh_l0}, {@code 3·nOut} values
     */
    public static void loadPyTorch(org.deeplearning4j.nn.api.Layer layer, INDArray weightIh, INDArray weightHh,
                                   INDArray biasIh, INDArray biasHh) {
        GruLayer c = gruConf(layer);
        setParams(layer, "", fromPyTorch(c.getNIn(), c.getNOut(), weightIh, weightHh, biasIh, biasHh));
    }

    /**
     * PyTorch {@code nn.GRU} weights of one layer and direction in this layout, without a layer: the
     * arrays for {@code "W"} {@code [nIn, 3·nOut]}, {@code "RW"} {@code [nOut, 3·nOut]} and {@code "b"}
     * {@code [1, 6·nOut]}, gates reordered from {@code r | z | n} to {@code z | r | h}, weights
     * transposed, {@code bias_ih} then {@code bias_hh}.
     *
     * @throws IllegalArgumentException when a shape does not fit {@code nIn} and {@code nOut}
     */
    public static Map<String, INDArray> fromPyTorch(long nIn, long nOut, INDArray weightIh, INDArray weightHh,
                                                    INDArray biasIh, INDArray biasHh) {
        long h = nOut;
        requirePyTorchShapes(3, nIn, nOut, weightIh, weightHh, biasIh, biasHh);
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(INPUT_WEIGHT_KEY, torchToKerasGateOrder(weightIh, h).transpose());
        m.put(RECURRENT_WEIGHT_KEY, torchToKerasGateOrder(weightHh, h).transpose());
        m.put(BIAS_KEY, org.nd4j.linalg.factory.Nd4j.hstack(
                torchToKerasGateOrder(biasIh.reshape(3 * h, 1), h).reshape(1, 3 * h),
                torchToKerasGateOrder(biasHh.reshape(3 * h, 1), h).reshape(1, 3 * h)));
        return m;
    }

    /** Rows r|z|n (PyTorch) to z|r|n (Keras). */
    private static INDArray torchToKerasGateOrder(INDArray rows, long h) {
        INDArray r = rows.get(interval(0, h), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray z = rows.get(interval(h, 2 * h), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray n = rows.get(interval(2 * h, 3 * h), org.nd4j.linalg.indexing.NDArrayIndex.all());
        return org.nd4j.linalg.factory.Nd4j.vstack(z, r, n);
    }

    private static GruLayer gruConf(org.deeplearning4j.nn.api.Layer layer) {
        if (!(layer.conf().getLayer() instanceof GruLayer c)) {
            throw new IllegalArgumentException("not a GRU layer: " + layer.conf().getLayer().getClass().getSimpleName());
        }
        return c;
    }

    /** Views (no copies) of the flat vector: W 'f' [D,3H], RW 'f' [H,3H], b [1,6H]. */
    private static Map<String, INDArray> views(INDArray flat, long nIn, long nOut) {
        INDArray v = flat.reshape(flat.length());
        long wEnd = nIn * 3 * nOut;
        long rwEnd = wEnd + nOut * 3 * nOut;
        long bEnd = rwEnd + 6 * nOut;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(INPUT_WEIGHT_KEY, v.get(interval(0, wEnd)).reshape('f', nIn, 3 * nOut));
        m.put(RECURRENT_WEIGHT_KEY, v.get(interval(wEnd, rwEnd)).reshape('f', nOut, 3 * nOut));
        m.put(BIAS_KEY, v.get(interval(rwEnd, bEnd)).reshape(1, 6 * nOut));
        return m;
    }
}
