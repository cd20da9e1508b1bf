package io.rnnkit.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.nn.layers.FastSimpleRnn;
import io.rnnkit.nn.layers.GruParamInitializer;
import io.rnnkit.nn.layers.LstmParamInitializer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Imports the weights of PyTorch's {@code nn.GRU}, {@code nn.LSTM} and {@code nn.RNN} into a network built
 * from a matching {@link NetworkSpec}, so that a model trained in PyTorch serves on the JVM.
 *
 * <p>PyTorch layer {@code k} of the module is the {@code k}-th recurrent layer of the spec ({@link Gru},
 * {@link Lstm}, {@link SimpleRnn}, or a {@link Bidirectional} around one), and its state-dict entries are
 * {@code weight_ih_l{k}} {@code [G·H, D]}, {@code weight_hh_l{k}} {@code [G·H, H]}, {@code bias_ih_l{k}} and
 * {@code bias_hh_l{k}} {@code [G·H]} (G = 3 for the GRU, 4 for the LSTM, 1 for the RNN), plus the same
 * names with {@code _reverse} for the backward direction of a bidirectional layer. The conversion:
 * <ul>
 *   <li>GRU: gates {@code r | z | n} reordered to {@code z | r | h}, weights transposed, both biases kept
 *       ({@link GruParamInitializer#fromPyTorch}); PyTorch's GRU is Keras' {@code reset_after=True}.</li>
 *   <li>LSTM: gates {@code i | f | g | o} kept, weights transposed, {@code bias_ih + bias_hh}
 *       ({@link LstmParamInitializer#fromPyTorch}).</li>
 *   <li>RNN: {@code W = weight_ihᵀ}, {@code RW = weight_hhᵀ}, {@code b = bias_ih + bias_hh} (DL4J's
 *       {@code SimpleRnn}, {@link FastSimpleRnn#fromPyTorch}); the spec's activation must be the module's {@code nonlinearity}.</li>
 * </ul>
 * A module built with {@code bias=False} has no bias entries; its biases load as zeros. Entries of other
 * modules (an embedding, a linear head) are ignored; recurrent entries that fit no layer of the spec (a
 * {@code _reverse} for a one-direction layer, a layer too many, LSTM projections {@code weight_hr}) are
 * refused, as is any missing or misshapen entry, before anything is copied.
 *
 * <p>Inputs: PyTorch's {@code batch_first} input {@code [batch, time, features]} is rnnkit's
 * {@code [batch, features, time]} after {@code permute(0, 2, 1)}; time-major {@code [time, batch, features]}
 * after {@code permute(1, 2, 0)}. The lengths given to {@code pack_padded_sequence} are the mask:
 * {@code mask[b][t] = t < lengths[b] ? 1 : 0}. A bidirectional layer concatenates forward then backward
 * units, as PyTorch does ({@link Merge#CONCAT}).
 */
public final class PyTorchWeights {

    private static final Pattern RECURRENT_KEY = Pattern.compile("(weight|bias)_(ih|hh|hr)_l(\\d+)(_reverse)?");
    private static final String[] DIRECTIONS = {"", "_reverse"};
    /** DL4J's {@code Bidirectional} parameter prefixes, forward and backward. */
    private static final String[] BIDIRECTIONAL_PREFIXES = {"f", "b"};

    private PyTorchWeights() {
    }

    /**
     * Loads a state dict whose names have no module prefix ({@code weight_ih_l0}, …) into every recurrent
     * layer of {@code net}, in spec order.
     */
    public static void load(RecurrentNetwork net, Map<String, INDArray> stateDict) {
        load(net, stateDict, "");
    }

    /**
     * Loads the recurrent module whose state-dict names start with {@code prefix} (e.g. {@code "rnn."} for a
     * module held as {@code self.rnn}) into every recurrent layer of {@code net}, in spec order.
     */
    public static void load(RecurrentNetwork net, Map<String, INDArray> stateDict, String prefix) {
        if (net == null) {
            throw new IllegalArgumentException("network must not be null");
        }
        List<Integer> recurrent = new ArrayList<>();
        for (int i = 0; i < net.spec().layers().size(); i++) {
            LayerSpec l = net.spec().layers().get(i);
            if (l instanceof Recurrent || l instanceof Bidirectional) {
                recurrent.add(i);
            }
        }
        load(net, stateDict, prefix, recurrent.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Loads one recurrent module into chosen layers: PyTorch layer {@code k} goes to spec layer
     * {@code specLayers[k]}. Use it when a network holds two PyTorch modules (an encoder and a decoder, say).
     *
     * @param net        a network built from a spec whose layers match the module's
     * @param stateDict  PyTorch names to arrays (1-D biases, 2-D weights), e.g. from {@link #read(Path)}
     * @param prefix     the module's prefix in the state dict, {@code ""} for none
     * @param specLayers the spec layer of each PyTorch layer, in order
     * @throws IllegalArgumentException when the state dict and the layers do not match; nothing is copied then
     */
    public static void load(RecurrentNetwork net, Map<String, INDArray> stateDict, String prefix, int... specLayers) {
        if (net == null || stateDict == null || prefix == null || specLayers == null) {
            throw new IllegalArgumentException("network, state dict, prefix and layers must not be null");
        }
        if (specLayers.length == 0) {
            throw new IllegalArgumentException("the network has no recurrent layer to load PyTorch weights into");
        }
        checkNoStrayKeys(net.spec(), stateDict, prefix, specLayers);
        // Convert everything first, so a mismatch anywhere leaves the network untouched.
        List<Runnable> copies = new ArrayList<>();
        for (int k = 0; k < specLayers.length; k++) {
            int index = specLayers[k];
            if (index < 0 || index >= net.spec().layers().size()) {
                throw new IllegalArgumentException("spec layer " + index + " does not exist (the spec has "
                        + net.spec().layers().size() + " layers)");
            }
            LayerSpec spec = net.spec().layers().get(index);
            boolean bidirectional = spec instanceof Bidirectional;
            Recurrent r = spec instanceof Bidirectional b ? b.layer() : spec instanceof Recurrent rr ? rr : null;
            if (r == null) {
                throw new IllegalArgumentException("spec layer " + index + " (" + spec.typeName()
                        + ") is not a recurrent layer, so PyTorch layer " + k + " cannot go there");
            }
            Layer layer = net.network().getLayer(index);
            FeedForwardLayer conf = innerConf(layer);
            for (int d = 0; d < (bidirectional ? 2 : 1); d++) {
                String where = "PyTorch layer " + k + (d == 0 ? "" : " reverse") + " into spec layer " + index + " ("
                        + (bidirectional ? "Bidirectional " + r.typeName() + (d == 0 ? ", forward" : ", backward")
                        : r.typeName()) + ")";
                Map<String, INDArray> params;
                try {
                    params = convert(r, conf.getNIn(), conf.getNOut(), stateDict, prefix, "_l" + k + DIRECTIONS[d]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                String paramPrefix = bidirectional ? BIDIRECTIONAL_PREFIXES[d] : "";
                copies.add(() -> params.forEach((key, value) -> {
                    INDArray target = layer.getParam(paramPrefix + key);
                    layer.setParam(paramPrefix + key, value.castTo(target.dataType()).reshape(target.shape()));
                }));
            }
        }
        copies.forEach(Runnable::run);
    }

    /**
     * Reads a state dict saved as one JSON object of names to nested lists, as
     * {@code json.dump({k: v.tolist() for k, v in module.state_dict().items()}, f)} writes it.
     *
     * @return the arrays (double precision; loading casts them to the network's type), in file order
     * @throws IOException when the file cannot be read or holds anything else
     */
    public static Map<String, INDArray> read(Path file) throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object of state-dict names to nested lists");
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), array(file, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static INDArray array(Path file, String name, JsonNode v) throws IOException {
        String bad = file + ": '" + name + "' must be a list of numbers or a list of equally long lists of numbers";
        if (!v.isArray() || v.isEmpty()) {
            throw new IOException(bad);
        }
        if (!v.get(0).isArray()) {
            return Nd4j.createFromArray(numbers(v, bad));
        }
        double[][] rows = new double[v.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = numbers(v.get(i), bad);
            if (rows[i].length != rows[0].length) {
                throw new IOException(bad);
            }
        }
        return Nd4j.createFromArray(rows);
    }

    private static double[] numbers(JsonNode v, String bad) throws IOException {
        if (!v.isArray()) {
            throw new IOException(bad);
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IOException(bad);
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    /** The recurrent layer inside a {@code LastTimeStep} and/or {@code Bidirectional} wrapper. */
    private static FeedForwardLayer innerConf(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer c = layer.conf().getLayer();
        if (c instanceof org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep w) {
            c = w.getUnderlying();
        }
        if (c instanceof org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional b) {
            c = b.getFwd();
        }
        return (FeedForwardLayer) c;
    }

    private static Map<String, INDArray> convert(Recurrent r, long nIn, long nOut, Map<String, INDArray> stateDict,
                                                 String prefix, String suffix) {
        INDArray wIh = required(stateDict, prefix + "weight_ih" + suffix);
        INDArray wHh = required(stateDict, prefix + "weight_hh" + suffix);
        INDArray bIh = stateDict.get(prefix + "bias_ih" + suffix);
        INDArray bHh = stateDict.get(prefix + "bias_hh" + suffix);
        if ((bIh == null) != (bHh == null)) {
            throw new IllegalArgumentException("has " + (bIh == null ? "bias_hh" : "bias_ih") + suffix
                    + " but not " + (bIh == null ? "bias_ih" : "bias_hh") + suffix);
        }
        long gates = r instanceof Gru ? 3 : r instanceof Lstm ? 4 : 1;
        if (bIh == null) {
            // nn.GRU / LSTM / RNN(bias=False)
            bIh = Nd4j.zeros(DataType.DOUBLE, gates * nOut);
            bHh = bIh;
        }
        if (r instanceof Gru) {
            return GruParamInitializer.fromPyTorch(nIn, nOut, wIh, wHh, bIh, bHh);
        } else if (r instanceof Lstm) {
            return LstmParamInitializer.fromPyTorch(nIn, nOut, wIh, wHh, bIh, bHh);
        }
        return FastSimpleRnn.fromPyTorch(nIn, nOut, wIh, wHh, bIh, bHh);
    }

    private static INDArray required(Map<String, INDArray> stateDict, String key) {
        INDArray a = stateDict.get(key);
        if (a == null) {
            throw new IllegalArgumentException("the state dict has no '" + key + "'");
        }
        return a;
    }

    /** Refuses recurrent entries under {@code prefix} that no loaded layer takes. */
    private static void checkNoStrayKeys(NetworkSpec spec, Map<String, INDArray> stateDict, String prefix,
                                         int[] specLayers) {
        TreeSet<String> stray = new TreeSet<>();
        for (String key : stateDict.keySet()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            Matcher m = RECURRENT_KEY.matcher(key.substring(prefix.length()));
            if (!m.matches()) {
                continue;
            }
            int k = Integer.parseInt(m.group(3));
            if (m.group(2).equals("hr")) {
                throw new IllegalArgumentException("'" + key + "' is an LSTM projection (proj_size > 0), which "
                        + "rnnkit's LSTM does not have");
            }
            boolean reverse = m.group(4) != null;
            if (k >= specLayers.length) {
                stray.add(key);
            } else if (reverse && !(specLayers[k] >= 0 && specLayers[k] < spec.layers().size()
                    && spec.layers().get(specLayers[k]) instanceof Bidirectional)) {
                stray.add(key);
            }
        }
        if (!stray.isEmpty()) {
            throw new IllegalArgumentException("the state dict has " + stray + ", which no layer takes: "
                    + specLayers.length + " recurrent layer(s) are loaded, PyTorch layer k into spec layer "
                    + java.util.Arrays.toString(specLayers) + "[k], and only Bidirectional layers take _reverse "
                    + "entries");
        }
    }
}
