package io.rnnkit.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.rnnkit.nn.layers.FeatureEmbeddingLayer;
import io.rnnkit.nn.layers.GruLayer;
import io.rnnkit.nn.layers.LstmLayer;

/**
 * Keras-style model summary: one row per layer plus parameter totals. {@link #toString()} prints the
 * familiar table; the rows are also available as data.
 *
 * @param rows               one row per layer, in order
 * @param totalParams        all parameters
 * @param trainableParams    parameters updated by training
 * @param nonTrainableParams frozen parameters (e.g. a frozen pretrained {@link Embedding})
 */
public record Summary(List<Row> rows, long totalParams, long trainableParams, long nonTrainableParams) {

    /**
     * One layer of the summary.
     *
     * @param name        Keras-style unique name, e.g. {@code simple_rnn_1}
     * @param type        layer type, e.g. {@code SimpleRNN} or {@code Bidirectional(LSTM)}
     * @param outputShape e.g. {@code (None, None, 32)} for a sequence, {@code (None, 32)} for a vector
     * @param params      parameter count
     * @param trainable   whether the parameters are trained
     */
    public record Row(String name, String type, String outputShape, long params, boolean trainable) {
    }

    public Summary {
        rows = List.copyOf(rows);
        if (totalParams != trainableParams + nonTrainableParams) {
            throw new IllegalArgumentException("total params " + totalParams + " != trainable " + trainableParams
                    + " + non-trainable " + nonTrainableParams);
        }
    }

    /**
     * The summary of any DL4J network, e.g. one loaded from a model file: layer types in Keras' words, output
     * shapes from the layer sizes ({@code (None, None, n)} while the data is still a sequence) and DL4J's own
     * parameter counts. Graph vertices that are not layers (merges, preprocessors) are listed with 0 parameters.
     */
    public static Summary of(Model network) {
        List<Row> rows = new ArrayList<>();
        long total = 0;
        long frozen = 0;
        if (network instanceof MultiLayerNetwork mln) {
            boolean sequence = true;
            long width = -1;
            for (int i = 0; i < mln.getnLayers(); i++) {
                // The network's own configuration, not the layer's: wrapper layers report their inner conf.
                Layer conf = mln.getLayerWiseConfigurations().getConf(i).getLayer();
                long params = mln.getLayer(i).numParams();
                sequence = sequence && !collapsesTime(conf);
                boolean trainable = !isFrozen(conf);
                // Layers without a size of their own (pooling) keep the width of the layer below.
                width = width(unwrap(conf)) >= 0 ? width(unwrap(conf)) : width;
                rows.add(new Row(name(conf, i), typeName(conf), shape(width, sequence), params, trainable));
                total += params;
                frozen += trainable ? 0 : params;
            }
        } else if (network instanceof ComputationGraph cg) {
            int[] order = cg.topologicalSortOrder();
            var vertices = cg.getVertices();
            var confs = cg.getConfiguration().getVertices();
            for (int idx : order) {
                var v = vertices[idx];
                if (v.isInputVertex()) {
                    continue;
                }
                GraphVertex gv = confs.get(v.getVertexName());
                long params = v.numParams();
                if (gv instanceof LayerVertex lv) {
                    Layer conf = lv.getLayerConf().getLayer();
                    boolean trainable = !isFrozen(conf);
                    rows.add(new Row(v.getVertexName(), typeName(conf), shape(conf, !collapsesTime(conf)), params,
                            trainable));
                    frozen += trainable ? 0 : params;
                } else {
                    rows.add(new Row(v.getVertexName(), gv == null ? "?" : gv.getClass().getSimpleName(), "?",
                            params, true));
                }
                total += params;
            }
        } else {
            throw new IllegalArgumentException("cannot summarise a " + (network == null ? "null network"
                    : network.getClass().getSimpleName()) + "; expected a MultiLayerNetwork or ComputationGraph");
        }
        return new Summary(rows, total, total - frozen, frozen);
    }

    private static Layer unwrap(Layer l) {
        if (l instanceof FrozenLayer f) {
            return unwrap(f.getLayer());
        }
        if (l instanceof FrozenLayerWithBackprop f) {
            return unwrap(f.getUnderlying());
        }
        return l;
    }

    private static boolean isFrozen(Layer l) {
        return l instanceof FrozenLayer || l instanceof FrozenLayerWithBackprop;
    }

    private static boolean collapsesTime(Layer l) {
        Layer u = unwrap(l);
        return u instanceof LastTimeStep || u instanceof OutputLayer || u instanceof GlobalPoolingLayer;
    }

    private static String name(Layer conf, int index) {
        String n = conf.getLayerName();
        return n != null && !n.isBlank() ? n : "layer_" + index;
    }

    static String typeName(Layer l) {
        Layer u = unwrap(l);
        if (u instanceof Bidirectional b) {
            return "Bidirectional";
        }
        if (u instanceof LastTimeStep lts) {
            return typeName(lts.getUnderlying());
        }
        if (u instanceof EmbeddingSequenceLayer || u instanceof EmbeddingLayer) {
            return "Embedding";
        }
        if (u instanceof FeatureEmbeddingLayer) {
            return "FeatureEmbedding";
        }
        if (u instanceof SimpleRnn) {
            return "SimpleRNN";
        }
        if (u instanceof LstmLayer || u instanceof LSTM || u instanceof GravesLSTM) {
            return "LSTM";
        }
        if (u instanceof GruLayer) {
            return "GRU";
        }
        if (u instanceof TimeDistributed td) {
            return typeName(td.getUnderlying());
        }
        if (u instanceof BaseOutputLayer || u instanceof DenseLayer) {
            return "Dense";
        }
        if (u instanceof DropoutLayer) {
            return "Dropout";
        }
        if (u instanceof GlobalPoolingLayer g) {
            return g.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                    ? "GlobalMaxPooling1D" : "GlobalAveragePooling1D";
        }
        return u.getClass().getSimpleName();
    }

    private static String shape(Layer l, boolean sequence) {
        return shape(width(unwrap(l)), sequence);
    }

    private static String shape(long n, boolean sequence) {
        String last = n < 0 ? "?" : Long.toString(n);
        return sequence ? "(None, None, " + last + ")" : "(None, " + last + ")";
    }

    private static long width(Layer u) {
        if (u instanceof Bidirectional b) {
            long n = width(b.getFwd());
            return b.getMode() == Bidirectional.Mode.CONCAT ? 2 * n : n;
        }
        if (u instanceof LastTimeStep lts) {
            return width(lts.getUnderlying());
        }
        if (u instanceof TimeDistributed td) {
            return width(td.getUnderlying());
        }
        if (u instanceof FeedForwardLayer ff) {
            // A dropout layer is a FeedForwardLayer whose size DL4J fills in only from an input type, which a
            // configuration read back from JSON (a loaded model) never had: 0 means "no size of its own".
            return ff.getNOut() > 0 ? ff.getNOut() : -1;
        }
        return -1;
    }

    /** The Keras-style table. */
    @Override
    public String toString() {
        int nameWidth = 29;
        int shapeWidth = 26;
        for (Row r : rows) {
            nameWidth = Math.max(nameWidth, r.name().length() + r.type().length() + 5);
            shapeWidth = Math.max(shapeWidth, r.outputShape().length() + 2);
        }
        int width = nameWidth + shapeWidth + 10;
        String thin = "_".repeat(width);
        String thick = "=".repeat(width);
        String fmt = "%-" + nameWidth + "s%-" + shapeWidth + "s%-10s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(thin).append('\n');
        sb.append(String.format(Locale.ROOT, fmt, " Layer (type)", "Output Shape", "Param #"));
        sb.append(thick).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(String.format(Locale.ROOT, fmt, " " + r.name() + " (" + r.type() + ")", r.outputShape(),
                    r.params()));
            if (i < rows.size() - 1) {
                sb.append('\n');
            }
        }
        sb.append(thick).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", totalParams));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParams));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainableParams));
        sb.append(thin).append('\n');
        return sb.toString();
    }
}
