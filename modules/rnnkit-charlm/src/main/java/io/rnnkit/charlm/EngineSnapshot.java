package io.rnnkit.charlm;

import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.inference.InferenceNetwork;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The inference snapshot of a character model's network. Model files written before rnnkit had its own LSTM layer
 * hold DL4J's {@code LSTM}, which the engine does not compute: for those the snapshot is taken of the network the
 * model's spec builds now (rnnkit's LSTM), holding the same weights with the gate columns reordered. The equations
 * are the same (no peepholes, sigmoid gates), so the outputs are too.
 */
final class EngineSnapshot {
    private EngineSnapshot() {
    }

    static InferenceNetwork of(RecurrentNetwork network) {
        MultiLayerNetwork net = network.network();
        boolean legacy = false;
        for (int i = 0; i < net.getnLayers(); i++) {
            legacy |= layerConf(net, i) instanceof LSTM;
        }
        return InferenceNetwork.of(legacy ? translated(network) : net);
    }

    private static MultiLayerNetwork translated(RecurrentNetwork network) {
        MultiLayerNetwork from = network.network();
        MultiLayerNetwork to = network.spec().build(0).network();
        if (to.getnLayers() != from.getnLayers()) {
            throw new IllegalStateException("the model's network has " + from.getnLayers()
                    + " layers, its settings describe " + to.getnLayers());
        }
        for (int i = 0; i < from.getnLayers(); i++) {
            Layer source = from.getLayer(i);
            Layer target = to.getLayer(i);
            int units = layerConf(from, i) instanceof LSTM l ? (int) l.getNOut() : 0;
            for (String key : source.paramTable().keySet()) {
                INDArray value = source.getParam(key);
                INDArray into = target.getParam(key);
                into.assign((units > 0 ? kerasGateOrder(value, units) : value).reshape(into.shape()));
            }
        }
        return to;
    }

    /** DL4J's LSTM gate blocks {@code c | f | o | i} as rnnkit's (Keras') {@code i | f | c | o}. */
    private static INDArray kerasGateOrder(INDArray value, int units) {
        INDArray m = value.reshape(value.length() / (4L * units), 4L * units);
        return Nd4j.hstack(block(m, 3, units), block(m, 1, units), block(m, 0, units), block(m, 2, units));
    }

    private static INDArray block(INDArray m, int gate, int units) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval((long) gate * units, (long) (gate + 1) * units));
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerConf(MultiLayerNetwork net, int i) {
        return net.getLayerWiseConfigurations().getConf(i).getLayer();
    }
}
