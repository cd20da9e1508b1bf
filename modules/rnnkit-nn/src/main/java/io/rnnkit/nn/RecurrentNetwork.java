package io.rnnkit.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.rnnkit.nn.inference.InferenceNetwork;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A built {@link NetworkSpec}: a DL4J {@link MultiLayerNetwork} plus Keras-style inference helpers.
 *
 * <p>Arrays: token ids {@code [batch, time]} (or float features {@code [batch, features, time]}); masks
 * {@code [batch, time]} with 1 for real steps. Outputs are {@code [batch, size, time]} for networks
 * that return sequences, {@code [batch, size]} otherwise.
 *
 * <p>Not thread-safe: the stateful methods keep the recurrent state inside the DL4J layers. For prediction from
 * several threads, streams and speed, use {@link #inference()}.
 */
public final class RecurrentNetwork {

    private static final String HIDDEN = "prevAct";
    private static final String CELL = "prevMem";

    private final NetworkSpec spec;
    private final MultiLayerNetwork network;

    /** Wraps an initialised network built from {@code spec} (one DL4J layer per spec layer). */
    public RecurrentNetwork(NetworkSpec spec, MultiLayerNetwork network) {
        if (spec == null || network == null) {
            throw new IllegalArgumentException("spec and network must not be null");
        }
        if (network.getnLayers() != spec.layers().size()) {
            throw new IllegalArgumentException("network has " + network.getnLayers() + " layers but the spec has "
                    + spec.layers().size());
        }
        this.spec = spec;
        this.network = network;
    }

    /** The spec this network was built from. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The underlying DL4J network (for training, serialization, evaluation). */
    public MultiLayerNetwork network() {
        return network;
    }

    /** The Keras-style summary. */
    public Summary summary() {
        return spec.summary();
    }

    /**
     * A snapshot of the current weights in rnnkit's inference engine: plain-Java forward passes, thread-safe,
     * sequences of their own lengths (no padding or masks), streams for stepping. Later training does not change
     * it; take a new snapshot.
     */
    public InferenceNetwork inference() {
        return InferenceNetwork.of(network);
    }

    /** Inference without a mask (all steps valid, or derived from padding id 0 with {@code maskZero}). */
    public INDArray output(INDArray features) {
        return output(features, null);
    }

    /**
     * Inference on a batch.
     *
     * @param features    token ids {@code [batch, time]} or float features {@code [batch, features, time]}
     * @param featureMask {@code [batch, time]}, 1 for real steps; null for none (derived from id 0 when the
     *                    embedding has {@code maskZero})
     * @return {@code [batch, outputSize, time]} or {@code [batch, outputSize]}
     */
    public INDArray output(INDArray features, INDArray featureMask) {
        INDArray x = checkFeatures(features, "output");
        INDArray mask = featureMask == null ? maskFor(x) : checkMask(featureMask, x);
        return network.output(x, false, mask, null);
    }

    /**
     * The padding mask of a token batch for an embedding with {@code maskZero}: 1 where the id is not 0.
     * Null when the network does not treat id 0 as padding. Use it to add masks to training data that
     * has none.
     */
    public INDArray maskFor(INDArray tokenIds) {
        if (spec.embedding().map(Embedding::maskZero).orElse(false)) {
            INDArray ids = checkFeatures(tokenIds, "maskFor");
            INDArray mask = ids.neq(0).castTo(dataType());
            requireNonEmpty(mask);
            return mask;
        }
        return null;
    }

    /**
     * Stateful inference: advances the recurrent state by the given step(s) and returns the output.
     *
     * @param x one step — token ids {@code [batch]} or features {@code [batch, features]} — or a chunk of
     *          steps, {@code [batch, time]} or {@code [batch, features, time]}
     * @return for one step {@code [batch, outputSize]}; for a chunk {@code [batch, outputSize, time]} when
     *     the network returns sequences, else {@code [batch, outputSize]} (after the chunk's last step)
     * @throws IllegalStateException when the network has a {@link Bidirectional} layer (it reads the future)
     */
    public INDArray step(INDArray x) {
        requireCausal("step");
        if (x == null) {
            throw new IllegalArgumentException("step input must not be null");
        }
        boolean single = spec.tokenInput() ? x.rank() == 1 : x.rank() == 2;
        INDArray in = single
                ? (spec.tokenInput() ? x.reshape(x.size(0), 1) : x.reshape(x.size(0), x.size(1), 1))
                : x;
        in = checkFeatures(in, "step");
        if (spec.embedding().map(Embedding::maskZero).orElse(false) && in.neq(0).castTo(DataType.INT32).minNumber()
                .intValue() == 0) {
            throw new IllegalArgumentException("step input contains padding id 0; stepping feeds real tokens only");
        }
        long batch = in.size(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray cur = in;
        // Walk the layers ourselves: DL4J's rnnTimeStep does not take the last step of LastTimeStep layers,
        // so many-to-one networks could not be stepped through it.
        for (int i = 0; i < network.getnLayers(); i++) {
            InputPreProcessor pre = network.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                cur = pre.preProcess(cur, (int) batch, mgr);
            }
            Layer layer = network.getLayer(i);
            RecurrentLayer rnn = recurrent(layer);
            if (rnn != null) {
                cur = rnn.rnnTimeStep(cur, mgr);
                if (layer instanceof LastTimeStepLayer) {
                    cur = cur.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(cur.size(2) - 1));
                }
            } else {
                cur = layer.activate(cur, false, mgr);
            }
            layer.clear();
        }
        if (single && cur.rank() == 3) {
            cur = cur.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0));
        }
        return cur.detach();
    }

    /** Forgets the recurrent state kept by {@link #step}; the next step starts from zeros. */
    public void resetState() {
        network.rnnClearPreviousState();
    }

    /**
     * The recurrent state after the last {@link #step}, one entry per recurrent layer in spec order
     * (Keras {@code return_state}); empty before the first step or after {@link #resetState()}.
     */
    public List<LayerState> state() {
        requireCausal("state");
        List<LayerState> out = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (spec.layers().get(i) instanceof Recurrent) {
                Map<String, INDArray> m = recurrent(network.getLayer(i)).rnnGetPreviousState();
                if (m != null && m.get(HIDDEN) != null) {
                    INDArray c = m.get(CELL);
                    out.add(new LayerState(i, m.get(HIDDEN).dup(), c == null ? null : c.dup()));
                }
            }
        }
        return out;
    }

    /**
     * Sets the recurrent state used by the next {@link #step}, e.g. an encoder's final state (Keras
     * {@code initial_state}). Layers not listed keep their state.
     */
    public void setState(List<LayerState> states) {
        requireCausal("setState");
        if (states == null) {
            throw new IllegalArgumentException("states must not be null");
        }
        for (LayerState s : states) {
            int i = s.layer();
            if (i < 0 || i >= spec.layers().size() || !(spec.layers().get(i) instanceof Recurrent r)) {
                throw new IllegalArgumentException("layer " + i + " is not a recurrent layer of this network");
            }
            if (s.h().size(1) != r.units()) {
                throw new IllegalArgumentException("state of layer " + i + " has " + s.h().size(1)
                        + " units, the layer has " + r.units());
            }
            boolean lstm = r instanceof Lstm;
            if (lstm != (s.c() != null)) {
                throw new IllegalArgumentException("state of layer " + i + (lstm
                        ? " (LSTM) needs the cell state c" : " (" + r.typeName() + ") has no cell state c"));
            }
            Map<String, INDArray> m = new HashMap<>();
            m.put(HIDDEN, s.h().castTo(dataType()).dup());
            if (lstm) {
                m.put(CELL, s.c().castTo(dataType()).dup());
            }
            recurrent(network.getLayer(i)).rnnSetPreviousState(m);
        }
    }

    private DataType dataType() {
        return network.getLayerWiseConfigurations().getDataType();
    }

    private static RecurrentLayer recurrent(Layer layer) {
        Layer l = layer instanceof BaseWrapperLayer w ? w.getUnderlying() : layer;
        return l instanceof RecurrentLayer r ? r : null;
    }

    private void requireCausal(String what) {
        for (int i = 0; i < spec.layers().size(); i++) {
            if (spec.layers().get(i) instanceof Bidirectional) {
                throw new IllegalStateException(what + "() needs a causal network, but layer " + i
                        + " is Bidirectional and reads future steps; use output() on whole sequences");
            }
            if (spec.layers().get(i) instanceof GlobalPooling) {
                throw new IllegalStateException(what + "() cannot pool over steps not seen yet: layer " + i
                        + " is GlobalPooling; use output() on whole sequences");
            }
        }
    }

    private INDArray checkFeatures(INDArray features, String what) {
        if (features == null) {
            throw new IllegalArgumentException(what + ": features must not be null");
        }
        if (spec.tokenInput()) {
            if (features.rank() != 2) {
                throw new IllegalArgumentException(what + ": expected token ids [batch, time], got shape "
                        + Arrays.toString(features.shape()));
            }
            int vocab = spec.embedding().orElseThrow().vocabSize();
            double min = features.minNumber().doubleValue();
            double max = features.maxNumber().doubleValue();
            if (min < 0 || max >= vocab) {
                throw new IllegalArgumentException(what + ": token ids must be in [0, " + vocab + "), got "
                        + (min < 0 ? min : max));
            }
            if (features.neq(features.castTo(DataType.INT64).castTo(features.dataType())).any()) {
                throw new IllegalArgumentException(what + ": token ids must be whole numbers");
            }
        } else {
            int size = ((Input.Features) spec.input()).size();
            if (features.rank() != 3 || features.size(1) != size) {
                throw new IllegalArgumentException(what + ": expected features [batch, " + size + ", time], got shape "
                        + Arrays.toString(features.shape()));
            }
        }
        return features.dataType() == dataType() ? features : features.castTo(dataType());
    }

    private INDArray checkMask(INDArray mask, INDArray features) {
        long batch = features.size(0);
        long time = features.size(features.rank() - 1);
        if (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != time) {
            throw new IllegalArgumentException("feature mask must be [batch, time] = [" + batch + ", " + time
                    + "], got shape " + Arrays.toString(mask.shape()));
        }
        INDArray m = mask.castTo(dataType());
        if (m.neq(0).castTo(dataType()).neq(m).any()) {
            throw new IllegalArgumentException("feature mask must contain only 0 and 1");
        }
        requireNonEmpty(m);
        return m;
    }

    private static void requireNonEmpty(INDArray mask) {
        INDArray valid = mask.sum(1);
        for (int b = 0; b < valid.length(); b++) {
            if (valid.getDouble(b) == 0) {
                throw new IllegalArgumentException("sequence " + b + " of the batch has no valid steps (all padding)");
            }
        }
    }
}
