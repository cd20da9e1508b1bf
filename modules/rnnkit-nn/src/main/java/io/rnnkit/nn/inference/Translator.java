package io.rnnkit.nn.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.rnnkit.nn.layers.FeatureEmbeddingLayer;
import io.rnnkit.nn.layers.FeatureEmbeddingParamInitializer;
import io.rnnkit.nn.layers.GruLayer;
import io.rnnkit.nn.layers.GruParamInitializer;
import io.rnnkit.nn.layers.LstmLayer;
import io.rnnkit.nn.layers.LstmParamInitializer;
import io.rnnkit.nn.layers.PooledToFeedForward;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a trained DL4J network into the engine's graph of {@link Node}s, copying every weight it needs. Refuses,
 * naming the layer, anything the engine does not compute exactly.
 */
final class Translator {
    /** Output of a node: a sequence or a vector, of {@code size} values. */
    record Shape(boolean sequence, int size) {
    }

    final List<Node> nodes = new ArrayList<>();
    final List<int[]> inputs = new ArrayList<>();
    final List<Shape> shapes = new ArrayList<>();
    /** How many nodes read each node's output ({@code -1}, the network input, not counted). */
    private final Map<Integer, Integer> consumers = new HashMap<>();
    private Shape inputShape;
    /** The embedding reading the network input that a layer took folded into its projection, if any. */
    private EmbeddingNode folded;

    private Translator() {
    }

    static InferenceNetwork translate(MultiLayerNetwork net) {
        Translator tr = new Translator();
        tr.inputShape = new Shape(true, 0);
        int prev = -1;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer impl = net.getLayer(i);
            // From the network's configuration: a wrapper layer's conf() is the wrapped layer's.
            org.deeplearning4j.nn.conf.layers.Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            String name = "layer " + i + " (" + (conf.getLayerName() != null ? conf.getLayerName() + ", " : "")
                    + conf.getClass().getSimpleName() + ")";
            checkPreProcessor(net.getLayerWiseConfigurations().getInputPreProcess(i), name);
            prev = tr.layer(name, conf, impl::getParam, prev, true);
        }
        return tr.finish(prev, net.getLayerWiseConfigurations().getConf(0).getLayer());
    }

    static InferenceNetwork translate(ComputationGraph graph) {
        ComputationGraphConfiguration c = graph.getConfiguration();
        if (c.getNetworkInputs().size() != 1 || c.getNetworkOutputs().size() != 1) {
            throw new UnsupportedOperationException("the inference engine runs graphs with one input and one output, "
                    + "this one has " + c.getNetworkInputs().size() + " and " + c.getNetworkOutputs().size());
        }
        Translator tr = new Translator();
        tr.inputShape = new Shape(true, 0);
        Map<String, Integer> index = new HashMap<>();
        index.put(c.getNetworkInputs().get(0), -1);
        org.deeplearning4j.nn.conf.layers.Layer first = null;
        for (String v : topologicalOrder(c)) {
            if (index.containsKey(v)) {
                continue;
            }
            List<String> from = c.getVertexInputs().get(v);
            int[] in = from.stream().mapToInt(index::get).toArray();
            GraphVertex vertex = c.getVertices().get(v);
            String name = "vertex " + v + " (" + vertex.getClass().getSimpleName() + ")";
            int node;
            if (vertex instanceof LayerVertex lv) {
                checkPreProcessor(lv.getPreProcessor(), name);
                org.deeplearning4j.nn.conf.layers.Layer conf = lv.getLayerConf().getLayer();
                if (in.length == 1 && in[0] == -1 && first == null) {
                    first = conf;
                }
                Layer impl = graph.getLayer(v);
                node = tr.layer(name, conf, impl::getParam, single(in, name), false);
            } else if (vertex instanceof MergeVertex) {
                int size = 0;
                for (int i : in) {
                    size += tr.shape(i).size();
                }
                node = tr.add(new VertexNodes.Merge(name), in, new Shape(tr.shape(in[0]).sequence(), size));
            } else if (vertex instanceof ElementWiseVertex ew) {
                VertexNodes.ElementWise.Op op = switch (ew.getOp()) {
                    case Add -> VertexNodes.ElementWise.Op.ADD;
                    case Subtract -> VertexNodes.ElementWise.Op.SUBTRACT;
                    case Product -> VertexNodes.ElementWise.Op.PRODUCT;
                    case Average -> VertexNodes.ElementWise.Op.AVERAGE;
                    case Max -> VertexNodes.ElementWise.Op.MAX;
                };
                node = tr.add(new VertexNodes.ElementWise(name, op), in, tr.shape(in[0]));
            } else if (vertex instanceof ReverseTimeSeriesVertex) {
                int i = single(in, name);
                node = tr.add(new SequenceNodes.Reverse(name), in, tr.shape(i));
            } else if (vertex instanceof LastTimeStepVertex) {
                int i = single(in, name);
                node = tr.add(new SequenceNodes.LastStep(name), in, new Shape(false, tr.shape(i).size()));
            } else {
                throw new UnsupportedOperationException(name + " is not supported by rnnkit's inference engine");
            }
            index.put(v, node);
        }
        if (first == null) {
            throw new UnsupportedOperationException("the graph's input must feed a layer directly");
        }
        return tr.finish(index.get(c.getNetworkOutputs().get(0)), first);
    }

    private static int single(int[] in, String name) {
        if (in.length != 1) {
            throw new UnsupportedOperationException(name + " has " + in.length + " inputs, expected one");
        }
        return in[0];
    }

    private static List<String> topologicalOrder(ComputationGraphConfiguration c) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String v : c.getVertices().keySet()) {
            visit(v, c, done, order, new HashSet<>());
        }
        return order;
    }

    private static void visit(String v, ComputationGraphConfiguration c, Set<String> done, List<String> order,
                              Set<String> path) {
        if (done.contains(v) || c.getNetworkInputs().contains(v)) {
            return;
        }
        if (!path.add(v)) {
            throw new IllegalStateException("the graph has a cycle through " + v);
        }
        for (String in : c.getVertexInputs().getOrDefault(v, List.of())) {
            visit(in, c, done, order, path);
        }
        done.add(v);
        order.add(v);
    }

    private static void checkPreProcessor(InputPreProcessor p, String name) {
        if (p != null && !(p instanceof PooledToFeedForward)) {
            throw new UnsupportedOperationException(name + ": input preprocessor " + p.getClass().getSimpleName()
                    + " is not supported by rnnkit's inference engine");
        }
    }

    private Shape shape(int node) {
        return node < 0 ? inputShape : shapes.get(node);
    }

    private int add(Node n, int[] in, Shape shape) {
        nodes.add(n);
        inputs.add(in);
        shapes.add(shape);
        for (int i : in) {
            consumers.merge(i, 1, Integer::sum);
        }
        return nodes.size() - 1;
    }

    /** Adds the nodes of one DL4J layer reading node {@code in}; returns the node that holds its output. */
    private int layer(String name, org.deeplearning4j.nn.conf.layers.Layer conf, Function<String, INDArray> params,
                      int in, boolean mayFold) {
        if (conf instanceof LastTimeStep l) {
            int inner = layer(name, l.getUnderlying(), params, in, mayFold);
            return add(new SequenceNodes.LastStep(name), new int[] {inner}, new Shape(false, shape(inner).size()));
        }
        if (conf instanceof BaseWrapperLayer w) {
            // TimeDistributed and frozen layers compute what the layer they wrap computes.
            return layer(name, w.getUnderlying(), params, in, mayFold);
        }
        if (conf instanceof FrozenLayer f) {
            return layer(name, f.getLayer(), params, in, mayFold);
        }
        if (conf instanceof DropoutLayer) {
            return in;
        }
        if (conf instanceof FeatureEmbeddingLayer fe) {
            long[] sizes = fe.getTableSizes();
            float[][][] tables = new float[sizes.length][][];
            for (int k = 0; k < sizes.length; k++) {
                tables[k] = matrix(params.apply(FeatureEmbeddingParamInitializer.key(k)));
            }
            EmbeddingNode e = new EmbeddingNode(name, tables, null, true);
            return add(e, new int[] {in}, new Shape(true, e.size()));
        }
        if (conf instanceof EmbeddingSequenceLayer || conf instanceof EmbeddingLayer) {
            boolean bias = conf instanceof EmbeddingSequenceLayer es ? es.hasBias() : ((EmbeddingLayer) conf).hasBias();
            float[][] table = matrix(params.apply(DefaultParamInitializer.WEIGHT_KEY));
            EmbeddingNode e = new EmbeddingNode(name, new float[][][] {table},
                    bias ? vector(params.apply(DefaultParamInitializer.BIAS_KEY)) : null, false);
            return add(e, new int[] {in}, new Shape(true, e.size()));
        }
        if (conf instanceof Bidirectional bi) {
            RecurrentNode f = recurrent(name + " forward", bi.getFwd(),
                    k -> params.apply(BidirectionalParamInitializer.FORWARD_PREFIX + k), false);
            RecurrentNode b = recurrent(name + " backward", bi.getBwd(),
                    k -> params.apply(BidirectionalParamInitializer.BACKWARD_PREFIX + k), true);
            BidirectionalNode.Merge merge = switch (bi.getMode()) {
                case CONCAT -> BidirectionalNode.Merge.CONCAT;
                case ADD -> BidirectionalNode.Merge.ADD;
                case MUL -> BidirectionalNode.Merge.MUL;
                case AVERAGE -> BidirectionalNode.Merge.AVERAGE;
            };
            float[][][] tables = foldable(in, mayFold, f.input);
            if (tables != null) {
                f = f.withInput(f.input.fold(tables));
                b = b.withInput(b.input.fold(tables));
                in = inputs.get(in)[0];
            }
            BidirectionalNode node = new BidirectionalNode(name, f, b, merge);
            return add(node, new int[] {in}, new Shape(true, node.size()));
        }
        if (conf instanceof LstmLayer || conf instanceof GruLayer || conf instanceof SimpleRnn) {
            RecurrentNode r = recurrent(name, conf, params, false);
            float[][][] tables = foldable(in, mayFold, r.input);
            if (tables != null) {
                r = r.withInput(r.input.fold(tables));
                in = inputs.get(in)[0];
            }
            return add(r, new int[] {in}, new Shape(true, r.units));
        }
        if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
            FeedForwardLayer ff = (FeedForwardLayer) conf;
            boolean bias = conf instanceof DenseLayer d ? d.hasBias() : ((BaseOutputLayer) conf).hasBias();
            Matrix w = new Matrix(matrix(params.apply(DefaultParamInitializer.WEIGHT_KEY)));
            float[] b = bias ? vector(params.apply(DefaultParamInitializer.BIAS_KEY)) : new float[w.cols];
            DenseNode d = new DenseNode(name, new Projection(w, b), Activation.of(ff.getActivationFn(), name));
            return add(d, new int[] {in}, new Shape(shape(in).sequence(), w.cols));
        }
        if (conf instanceof GlobalPoolingLayer p) {
            SequenceNodes.Pooling.Mode mode = switch (p.getPoolingType()) {
                case MAX -> SequenceNodes.Pooling.Mode.MAX;
                case AVG -> SequenceNodes.Pooling.Mode.AVG;
                case SUM -> SequenceNodes.Pooling.Mode.SUM;
                case PNORM -> SequenceNodes.Pooling.Mode.PNORM;
                default -> throw new UnsupportedOperationException(name + ": pooling " + p.getPoolingType()
                        + " is not supported by rnnkit's inference engine");
            };
            return add(new SequenceNodes.Pooling(name, mode, p.getPnorm()), new int[] {in},
                    new Shape(false, shape(in).size()));
        }
        throw new UnsupportedOperationException(name + " is not supported by rnnkit's inference engine");
    }

    /**
     * The tables of the embedding node {@code in} when a layer reading it may take them folded into its input
     * projection: the embedding feeds only that layer and the folded tables stay small.
     */
    private float[][][] foldable(int in, boolean mayFold, Projection p) {
        if (!mayFold || in < 0 || !(nodes.get(in) instanceof EmbeddingNode e) || e.bias != null
                || consumers.getOrDefault(in, 0) != 0) {
            return null;
        }
        if (p.foldedSize(e.tables) > Projection.MAX_FOLDED) {
            return null;
        }
        if (inputs.get(in)[0] == -1) {
            folded = e;
        }
        return e.tables;
    }

    private RecurrentNode recurrent(String name, org.deeplearning4j.nn.conf.layers.Layer conf,
                                    Function<String, INDArray> params, boolean reverse) {
        if (conf instanceof BaseWrapperLayer w) {
            return recurrent(name, w.getUnderlying(), params, reverse);
        }
        if (conf instanceof LstmLayer l) {
            Activation activation = Activation.of(l.getActivationFn(), name);
            Activation gate = Activation.of(l.getGateActivationFn(), name);
            float[][] w = matrix(params.apply(LstmParamInitializer.INPUT_WEIGHT_KEY));
            float[][] u = matrix(params.apply(LstmParamInitializer.RECURRENT_WEIGHT_KEY));
            float[] b = vector(params.apply(LstmParamInitializer.BIAS_KEY));
            // σ(z) = ½ + ½·tanh(z/2): with the sigmoid gates' columns halved (exact in float) every gate of the
            // usual LSTM is a tanh.
            boolean halved = activation == Activation.TANH && gate == Activation.SIGMOID;
            if (halved) {
                for (float[] row : w) {
                    RecurrentNode.halveSigmoidGates(row, u.length);
                }
                for (float[] row : u) {
                    RecurrentNode.halveSigmoidGates(row, u.length);
                }
                RecurrentNode.halveSigmoidGates(b, u.length);
            }
            return new RecurrentNode(name, RecurrentNode.Kind.LSTM, new Projection(new Matrix(w), b), new Matrix(u),
                    null, activation, gate, reverse, halved);
        }
        if (conf instanceof GruLayer g) {
            float[] bias = vector(params.apply(GruParamInitializer.BIAS_KEY));
            int gates = bias.length / 2;
            float[] inputBias = java.util.Arrays.copyOfRange(bias, 0, gates);
            float[] recurrentBias = java.util.Arrays.copyOfRange(bias, gates, bias.length);
            return new RecurrentNode(name, RecurrentNode.Kind.GRU,
                    new Projection(new Matrix(matrix(params.apply(GruParamInitializer.INPUT_WEIGHT_KEY))), inputBias),
                    new Matrix(matrix(params.apply(GruParamInitializer.RECURRENT_WEIGHT_KEY))), recurrentBias,
                    Activation.of(g.getActivationFn(), name), Activation.of(g.getGateActivationFn(), name), reverse,
                    false);
        }
        if (conf instanceof SimpleRnn s) {
            if (s.hasLayerNorm()) {
                throw new UnsupportedOperationException(name + ": SimpleRnn with layer normalisation is not "
                        + "supported by rnnkit's inference engine");
            }
            return new RecurrentNode(name, RecurrentNode.Kind.SIMPLE_RNN,
                    new Projection(new Matrix(matrix(params.apply(SimpleRnnParamInitializer.WEIGHT_KEY))),
                            vector(params.apply(SimpleRnnParamInitializer.BIAS_KEY))),
                    new Matrix(matrix(params.apply(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY))), null,
                    Activation.of(s.getActivationFn(), name), Activation.IDENTITY, reverse, false);
        }
        throw new UnsupportedOperationException(name + ": recurrent layer " + conf.getClass().getSimpleName()
                + " is not supported by rnnkit's inference engine");
    }

    private InferenceNetwork finish(int output, org.deeplearning4j.nn.conf.layers.Layer first) {
        if (output < 0) {
            throw new UnsupportedOperationException("the network has no layer the inference engine computes");
        }
        boolean[] live = new boolean[nodes.size()];
        markLive(output, live);
        InferenceNetwork.InputKind kind = InferenceNetwork.InputKind.FEATURES;
        int[] tableSizes = null;
        boolean oneHot = true;
        for (int i = 0; i < nodes.size(); i++) {
            for (int from : inputs.get(i)) {
                if (from != -1 || !live[i]) {
                    continue;
                }
                Node n = nodes.get(i);
                if (n instanceof EmbeddingNode e) {
                    kind = e.feature ? InferenceNetwork.InputKind.FEATURE_IDS : InferenceNetwork.InputKind.TOKEN_IDS;
                    tableSizes = e.tableSizes();
                } else if (folded != null) {
                    kind = folded.feature ? InferenceNetwork.InputKind.FEATURE_IDS : InferenceNetwork.InputKind.TOKEN_IDS;
                    tableSizes = folded.tableSizes();
                }
                oneHot &= n.readsIds() && !(n instanceof EmbeddingNode);
            }
        }
        int inputSize = kind == InferenceNetwork.InputKind.FEATURES ? (int) nIn(first) : tableSizes[0];
        return new InferenceNetwork(nodes.toArray(new Node[0]), inputs.toArray(new int[0][]), live, output, kind,
                inputSize, tableSizes, kind == InferenceNetwork.InputKind.FEATURES && oneHot,
                shapes.get(output).sequence(), shapes.get(output).size());
    }

    private void markLive(int node, boolean[] live) {
        if (node < 0 || live[node]) {
            return;
        }
        live[node] = true;
        for (int i : inputs.get(node)) {
            markLive(i, live);
        }
    }

    private static long nIn(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof BaseWrapperLayer w) {
            return nIn(w.getUnderlying());
        }
        if (conf instanceof FrozenLayer f) {
            return nIn(f.getLayer());
        }
        if (conf instanceof Bidirectional b) {
            return nIn(b.getFwd());
        }
        if (conf instanceof FeedForwardLayer ff) {
            return ff.getNIn();
        }
        throw new UnsupportedOperationException("cannot tell the input size of " + conf.getClass().getSimpleName());
    }

    /** A 2-D parameter as rows, through one bulk copy (a copy per row takes seconds for large embedding tables). */
    static float[][] matrix(INDArray a) {
        int rows = (int) a.size(0);
        int cols = (int) a.size(1);
        float[] flat = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return out;
    }

    static float[] vector(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
