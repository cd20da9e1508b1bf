package io.rnnkit.nn.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters of a {@link FeatureEmbeddingLayer}: the tables {@code "W0"}, {@code "W1"}, … one after the other
 * in the flat vector, each {@code [rows, dim]} row-major, so a row is contiguous.
 */
public final class FeatureEmbeddingParamInitializer implements ParamInitializer {

    private static final FeatureEmbeddingParamInitializer INSTANCE = new FeatureEmbeddingParamInitializer();

    private FeatureEmbeddingParamInitializer() {
    }

    /** The shared, stateless instance. */
    public static FeatureEmbeddingParamInitializer getInstance() {
        return INSTANCE;
    }

    /** Key of channel {@code k}'s table. */
    public static String key(int k) {
        return "W" + k;
    }

    /** Offset of channel {@code k}'s table in the flat parameter vector. */
    static long offset(FeatureEmbeddingLayer c, int k) {
        long off = 0;
        for (int i = 0; i < k; i++) {
            off += c.tableSize(i) * c.dim(i);
        }
        return off;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FeatureEmbeddingLayer c = (FeatureEmbeddingLayer) layer;
        return offset(c, c.channels());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < ((FeatureEmbeddingLayer) layer).channels(); k++) {
            keys.add(key(k));
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return paramKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FeatureEmbeddingLayer c = (FeatureEmbeddingLayer) conf.getLayer();
        if (paramsView.length() != numParams(c)) {
            throw new IllegalArgumentException("feature embedding parameter view has " + paramsView.length()
                    + " values, expected " + numParams(c));
        }
        Map<String, INDArray> m = views(c, paramsView);
        for (int k = 0; k < c.channels(); k++) {
            if (initializeParams) {
                // fanIn = table rows, as DL4J's EmbeddingLayer initialises its table.
                c.getWeightInitFn().init(c.tableSize(k), c.dim(k), new long[] {c.tableSize(k), c.dim(k)}, 'c',
                        m.get(key(k)));
            }
            conf.addVariable(key(k));
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((FeatureEmbeddingLayer) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(FeatureEmbeddingLayer c, INDArray flat) {
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int k = 0; k < c.channels(); k++) {
            long from = offset(c, k);
            m.put(key(k), v.get(interval(from, from + c.tableSize(k) * c.dim(k))).reshape('c', c.tableSize(k), c.dim(k)));
        }
        return m;
    }
}
