package io.rnnkit.nn;

import io.rnnkit.nn.runtime.NativeThreads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.rnnkit.nn.layers.FastBidirectional;
import io.rnnkit.nn.layers.FastRnnOutputLayer;
import io.rnnkit.nn.layers.FastSimpleRnn;
import io.rnnkit.nn.layers.GruLayer;
import io.rnnkit.nn.layers.LstmLayer;
import io.rnnkit.nn.layers.PooledToFeedForward;
import io.rnnkit.nn.layers.SequenceDropoutLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * An immutable, validated description of a recurrent network: input → layers → optional loss.
 * Validation happens on construction, so a spec that exists can always be built.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder()
 *         .add(new Embedding(10000, 32, true))
 *         .add(new Bidirectional(new Lstm(64)))
 *         .add(new Dense(2, Activation.SOFTMAX))
 *         .loss(Loss.CROSS_ENTROPY)
 *         .build();
 * RecurrentNetwork net = spec.build(42);
 * System.out.print(net.summary());
 * }</pre>
 *
 * <p>Rules: an {@link Embedding} may only be the first layer and means token-id input; a recurrent
 * layer needs a sequence, so every recurrent layer below another one must have
 * {@code returnSequences=true}; with a {@link Loss}, the last layer must be a {@link Dense} head with
 * the activation the loss expects. Without a loss the network is a feature extractor (no training).
 *
 * @param input  token ids or float features
 * @param layers the layers, first to last
 * @param loss   training loss of the {@link Dense} head, empty for a network used only for inference
 */
public record NetworkSpec(Input input, List<LayerSpec> layers, Optional<Loss> loss) {

    public NetworkSpec {
        if (input == null) {
            throw new IllegalArgumentException("NetworkSpec input must not be null");
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("NetworkSpec needs at least one layer");
        }
        layers = List.copyOf(layers);
        loss = loss == null ? Optional.empty() : loss;
        validate(input, layers, loss);
    }

    /** A builder; input defaults to token ids when the first layer is an {@link Embedding}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the input is token ids (first layer an {@link Embedding}). */
    public boolean tokenInput() {
        return input instanceof Input.Tokens;
    }

    /** The embedding layer, if the network reads token ids. */
    public Optional<Embedding> embedding() {
        return layers.get(0) instanceof Embedding e ? Optional.of(e) : Optional.empty();
    }

    /** Whether the network outputs one vector per time step ({@code [batch, size, time]}). */
    public boolean outputsSequence() {
        return shapes(input, layers).get(layers.size() - 1).sequence();
    }

    /** Size of the network's output per example (or per time step). */
    public int outputSize() {
        return shapes(input, layers).get(layers.size() - 1).size();
    }

    /** The Keras-style summary, computed from the spec alone (equal to DL4J's own parameter counts). */
    public Summary summary() {
        List<Shape> shapes = shapes(input, layers);
        List<Summary.Row> rows = new ArrayList<>();
        List<String> names = layerNames();
        long total = 0;
        long trainable = 0;
        int inSize = input instanceof Input.Features f ? f.size() : 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            long params = paramCount(l, inSize);
            boolean isTrainable = !(l instanceof Embedding e && !e.trainable());
            String name = names.get(i);
            Shape s = shapes.get(i);
            String shape = s.sequence() ? "(None, None, " + s.size() + ")" : "(None, " + s.size() + ")";
            rows.add(new Summary.Row(name, l.typeName(), shape, params, isTrainable));
            total += params;
            if (isTrainable) {
                trainable += params;
            }
            inSize = s.size();
        }
        return new Summary(rows, total, trainable, total - trainable);
    }

    /** Keras-style unique layer names: {@code simple_rnn}, {@code simple_rnn_1}, ... */
    private List<String> layerNames() {
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (LayerSpec l : layers) {
            String base = snakeName(l);
            int n = seen.merge(base, 1, Integer::sum) - 1;
            names.add(n == 0 ? base : base + "_" + n);
        }
        return names;
    }

    /** Builds and initialises the network with rnnkit's defaults (float32, Xavier init, Adam 1e-3). */
    public RecurrentNetwork build(long seed) {
        return build(seed, defaultBase());
    }

    /**
     * Builds and initialises the network on top of {@code base}, which carries the training settings
     * (updater, L2, gradient clipping, data type); {@code base} itself is not modified.
     */
    public RecurrentNetwork build(long seed, NeuralNetConfiguration.Builder base) {
        NativeThreads.ensureConfigured(); // the measured thread default before the first ND4J op (init)
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(seed, base));
        net.init();
        if (layers.get(0) instanceof Embedding e && e.hasPretrained()) {
            INDArray w = Nd4j.create(e.pretrained()).castTo(net.getLayerWiseConfigurations().getDataType());
            net.getLayer(0).setParam("W", w);
        }
        return new RecurrentNetwork(this, net);
    }

    /** The DL4J configuration: one DL4J layer per spec layer, in the same order. */
    public MultiLayerConfiguration configuration(long seed, NeuralNetConfiguration.Builder base) {
        if (base == null) {
            throw new IllegalArgumentException("base configuration builder must not be null");
        }
        NeuralNetConfiguration.ListBuilder list = base.clone().seed(seed).list();
        List<Shape> shapes = shapes(input, layers);
        List<String> names = layerNames();
        for (int i = 0; i < layers.size(); i++) {
            boolean inputIsSequence = i == 0 || shapes.get(i - 1).sequence();
            boolean head = i == layers.size() - 1 && loss.isPresent();
            Layer layer = toDl4j(layers.get(i), inputIsSequence, head);
            // Named as in the summary, so a network loaded from a file summarises the same way.
            layer.setLayerName(names.get(i));
            list.layer(i, layer);
            if (i > 0 && layers.get(i - 1) instanceof GlobalPooling) {
                list.inputPreProcessor(i, new PooledToFeedForward());
            }
        }
        // For token input the "feature size" DL4J sees is the vocabulary: it becomes the embedding's nIn.
        int inputSize = input instanceof Input.Features f ? f.size() : embedding().orElseThrow().vocabSize();
        list.setInputType(InputType.recurrent(inputSize));
        return list.build();
    }

    static NeuralNetConfiguration.Builder defaultBase() {
        return new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3));
    }

    private Layer toDl4j(LayerSpec spec, boolean inputIsSequence, boolean head) {
        if (spec instanceof Embedding e) {
            Layer l = new EmbeddingSequenceLayer.Builder()
                    .nIn(e.vocabSize()).nOut(e.dim())
                    .hasBias(false)
                    .inferInputLength(true)
                    .activation(Activation.IDENTITY)
                    .build();
            return e.trainable() ? l : new FrozenLayerWithBackprop(l);
        } else if (spec instanceof Recurrent r) {
            Layer l = recurrentLayer(r);
            return r.returnSequences() ? l : new LastTimeStep(l);
        } else if (spec instanceof Bidirectional b) {
            Layer bi = new FastBidirectional(mode(b.merge()), recurrentLayer(b.layer()));
            // DL4J cannot backpropagate through Bidirectional(LastTimeStep(...)), so the last valid step is
            // taken after merging; see Bidirectional's Javadoc for how this differs from Keras.
            return b.returnSequences() ? bi : new LastTimeStep(bi);
        } else if (spec instanceof Dense d) {
            if (head) {
                Loss lossFn = loss.orElseThrow();
                // Sequence heads take FastRnnOutputLayer: DL4J's RnnOutputLayer with a fast float softmax path.
                return inputIsSequence
                        ? FastRnnOutputLayer.of(new RnnOutputLayer.Builder(lossFn.dl4j()).nOut(d.units())
                                .activation(d.activation()).build())
                        : new OutputLayer.Builder(lossFn.dl4j()).nOut(d.units()).activation(d.activation()).build();
            }
            Layer dense = new DenseLayer.Builder().nOut(d.units()).activation(d.activation()).build();
            // Time-distributed on sequences keeps the output [batch, units, time] and the mask intact.
            return inputIsSequence ? new TimeDistributed(dense, RNNFormat.NCW) : dense;
        } else if (spec instanceof Dropout d) {
            // Sequences may carry a [batch, time] mask, which DL4J's DropoutLayer cannot apply to 3D activations.
            return inputIsSequence ? new SequenceDropoutLayer(1.0 - d.rate()) : new DropoutLayer.Builder(1.0 - d.rate()).build();
        } else if (spec instanceof GlobalPooling p) {
            // DL4J's global pooling reduces only over the unmasked steps when the input carries a mask.
            return new GlobalPoolingLayer.Builder(p.mode() == GlobalPooling.Mode.MAX ? PoolingType.MAX : PoolingType.AVG)
                    .collapseDimensions(true).build();
        }
        throw new IllegalStateException("unknown layer spec " + spec);
    }

    private static Layer recurrentLayer(Recurrent r) {
        if (r instanceof SimpleRnn s) {
            // DL4J's SimpleRnn (its masking semantics) with rnnkit's float fast path.
            return new FastSimpleRnn(new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder()
                    .nOut(s.units()).activation(s.activation()));
        } else if (r instanceof Lstm l) {
            // rnnkit's LSTM: Keras masking (exact padded batches, also bidirectional) and faster than DL4J's.
            return new LstmLayer.Builder().nOut(l.units()).activation(l.activation())
                    .gateActivationFunction(l.recurrentActivation()).build();
        } else if (r instanceof Gru g) {
            return new GruLayer.Builder().nOut(g.units()).activation(g.activation())
                    .gateActivationFunction(g.recurrentActivation()).build();
        }
        throw new IllegalStateException("unknown recurrent layer " + r);
    }

    private static org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode mode(Merge m) {
        return switch (m) {
            case CONCAT -> org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.CONCAT;
            case SUM -> org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.ADD;
            case MUL -> org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.MUL;
            case AVERAGE -> org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.AVERAGE;
        };
    }

    /** Output of a layer: a sequence of vectors or a single vector, of {@code size} values. */
    private record Shape(boolean sequence, int size) {
    }

    private static List<Shape> shapes(Input input, List<LayerSpec> layers) {
        List<Shape> out = new ArrayList<>();
        Shape cur = input instanceof Input.Features f ? new Shape(true, f.size()) : new Shape(true, 0);
        for (LayerSpec l : layers) {
            if (l instanceof Embedding e) {
                cur = new Shape(true, e.dim());
            } else if (l instanceof Recurrent r) {
                cur = new Shape(r.returnSequences(), r.units());
            } else if (l instanceof Bidirectional b) {
                cur = new Shape(b.returnSequences(), b.outputSize());
            } else if (l instanceof Dense d) {
                cur = new Shape(cur.sequence(), d.units());
            } else if (l instanceof GlobalPooling) {
                cur = new Shape(false, cur.size());
            }
            out.add(cur);
        }
        return out;
    }

    private static long paramCount(LayerSpec l, long inSize) {
        if (l instanceof Embedding e) {
            return e.paramCount();
        } else if (l instanceof Recurrent r) {
            return r.paramCount(inSize);
        } else if (l instanceof Bidirectional b) {
            return 2 * b.layer().paramCount(inSize);
        } else if (l instanceof Dense d) {
            return inSize * d.units() + d.units();
        }
        return 0;
    }

    private static String snakeName(LayerSpec l) {
        return switch (l.typeName()) {
            case "SimpleRNN" -> "simple_rnn";
            case "GlobalMaxPooling1D" -> "global_max_pooling1d";
            case "GlobalAveragePooling1D" -> "global_average_pooling1d";
            default -> l.typeName().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String describe(int index, LayerSpec l) {
        return "layer " + index + " (" + l.typeName() + ")";
    }

    private static void validate(Input input, List<LayerSpec> layers, Optional<Loss> loss) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("layer " + i + " is null");
            }
        }
        boolean embeddingFirst = layers.get(0) instanceof Embedding;
        if (input instanceof Input.Tokens && !embeddingFirst) {
            throw new IllegalArgumentException("token-id input needs an Embedding as the first layer; "
                    + "for float features use Input.features(size)");
        }
        if (input instanceof Input.Features && embeddingFirst) {
            throw new IllegalArgumentException("an Embedding reads token ids, but the input is float features; "
                    + "use Input.tokens() or drop the Embedding");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i) instanceof Embedding) {
                throw new IllegalArgumentException(describe(i, layers.get(i))
                        + ": an Embedding can only be the first layer, it reads token ids");
            }
        }
        // A recurrent layer consumes a sequence; find the layer that last turned the sequence into a vector.
        int vectorSince = -1;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            boolean recurrent = l instanceof Recurrent || l instanceof Bidirectional;
            if (recurrent && vectorSince >= 0) {
                LayerSpec culprit = layers.get(vectorSince);
                boolean culpritRecurrent = culprit instanceof Recurrent || culprit instanceof Bidirectional;
                if (culprit instanceof GlobalPooling) {
                    throw new IllegalArgumentException(describe(i, l) + " needs a sequence, but "
                            + describe(vectorSince, culprit) + " pools the steps into one vector; pool after the last "
                            + "recurrent layer");
                }
                throw new IllegalArgumentException(describe(i, l) + " needs a sequence, but "
                        + describe(vectorSince, culprit) + " has returnSequences=false and outputs only its last step"
                        + (culpritRecurrent ? "; every inner layer of a recurrent stack must return sequences, so set "
                                + "returnSequences=true on layer " + vectorSince : ""));
            }
            if (l instanceof GlobalPooling && vectorSince >= 0) {
                throw new IllegalArgumentException(describe(i, l) + " pools over time steps, but "
                        + describe(vectorSince, layers.get(vectorSince)) + " already outputs one vector; set "
                        + "returnSequences=true on layer " + vectorSince);
            }
            if (l instanceof Recurrent r && !r.returnSequences() || l instanceof Bidirectional b && !b.returnSequences()
                    || l instanceof GlobalPooling) {
                vectorSince = i;
            }
        }
        if (loss.isPresent()) {
            Loss lossFn = loss.get();
            LayerSpec last = layers.get(layers.size() - 1);
            if (!(last instanceof Dense head)) {
                throw new IllegalArgumentException("loss " + lossFn + " needs a Dense output head as the last layer, "
                        + "but the last layer is " + last.typeName());
            }
            if (lossFn.requiredActivation() != null && head.activation() != lossFn.requiredActivation()) {
                throw new IllegalArgumentException("loss " + lossFn + " needs the Dense head activation "
                        + lossFn.requiredActivation() + ", got " + head.activation());
            }
            if (lossFn == Loss.CROSS_ENTROPY && head.units() < 2) {
                throw new IllegalArgumentException("CROSS_ENTROPY with a 1-unit softmax head always predicts 1; "
                        + "use Dense(1, SIGMOID) with BINARY_CROSS_ENTROPY, or 2 softmax units");
            }
        }
    }

    /** Collects input, layers and loss; {@link #build()} validates. */
    public static final class Builder {
        private Input input;
        private final List<LayerSpec> layers = new ArrayList<>();
        private Loss loss;

        private Builder() {
        }

        /** Sets the input explicitly; optional when the first layer is an {@link Embedding}. */
        public Builder input(Input input) {
            this.input = input;
            return this;
        }

        /** Float input with {@code size} features per time step. */
        public Builder features(int size) {
            return input(Input.features(size));
        }

        /** Appends a layer. */
        public Builder add(LayerSpec layer) {
            if (layer == null) {
                throw new IllegalArgumentException("layer must not be null");
            }
            layers.add(layer);
            return this;
        }

        /** Sets the training loss of the last ({@link Dense}) layer. */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** Validates and returns the spec. */
        public NetworkSpec build() {
            Input in = input;
            if (in == null) {
                if (!layers.isEmpty() && layers.get(0) instanceof Embedding) {
                    in = Input.tokens();
                } else {
                    throw new IllegalArgumentException("say what the network reads: start with an Embedding "
                            + "for token ids, or call features(size) for float input");
                }
            }
            return new NetworkSpec(in, layers, Optional.ofNullable(loss));
        }
    }
}
