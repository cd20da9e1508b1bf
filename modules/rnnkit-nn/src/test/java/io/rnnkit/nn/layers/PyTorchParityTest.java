package io.rnnkit.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.nn.Bidirectional;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.PyTorchWeights;
import io.rnnkit.nn.Recurrent;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.SimpleRnn;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * rnnkit's GRU, LSTM and SimpleRNN equal PyTorch's {@code nn.GRU}, {@code nn.LSTM} and {@code nn.RNN} on real
 * PyTorch output: the fixtures under {@code parity/} were written by {@code scripts/make-parity-fixtures}
 * (weights, padded inputs with their lengths, outputs, final states and the gradients of
 * {@code loss = sum(output * R)}). Each network is built from a {@link NetworkSpec}, its weights loaded through
 * {@link PyTorchWeights}, and run with the mask of the lengths.
 *
 * <p>Layouts: PyTorch reads {@code [batch, time, features]} with {@code batch_first}, else
 * {@code [time, batch, features]}; rnnkit reads {@code [batch, features, time]}, i.e. the batch-first tensor
 * permuted (0, 2, 1) and the time-major one permuted (1, 2, 0). Outputs map the same way. {@code h_n[l·dirs + d]}
 * of PyTorch is layer {@code l}'s output at the last valid step (forward) or at step 0 (reverse).
 *
 * <p>The gradients: the loss is linear in the output, so {@code dL/dy = R} is fed to the network as the
 * external error ({@code MultiLayerNetwork.backpropGradient}), which gives exactly the gradients of that loss
 * for every parameter and for the input.
 */
class PyTorchParityTest {

    private static final String[] FIXTURES = {
        "gru_1layer", "gru_1layer_bidirectional_batch_first", "gru_2layer_batch_first", "gru_2layer_bidirectional",
        "lstm_1layer", "lstm_1layer_bidirectional_batch_first", "lstm_2layer_batch_first", "lstm_2layer_bidirectional",
        "rnn_1layer", "rnn_1layer_bidirectional_batch_first", "rnn_2layer_batch_first", "rnn_2layer_bidirectional",
    };
    /** In float: outputs and states within 1e-5, gradients within 1e-4 (the task's bounds). */
    private static final double FLOAT_VALUES = 1e-5;
    private static final double FLOAT_GRADIENTS = 1e-4;
    /** In double the only differences left are the fixtures' 12 significant digits. */
    private static final double DOUBLE_ALL = 1e-10;

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : FIXTURES) {
            out.add(Arguments.of(f, DataType.FLOAT));
            out.add(Arguments.of(f, DataType.DOUBLE));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void equalsPyTorch(String name, DataType type) throws IOException {
        Fixture f = Fixture.read(name);
        double valueTol = type == DataType.FLOAT ? FLOAT_VALUES : DOUBLE_ALL;
        double gradTol = type == DataType.FLOAT ? FLOAT_GRADIENTS : DOUBLE_ALL;
        RecurrentNetwork net = f.network(type);
        PyTorchWeights.load(net, f.stateDict(dir));

        INDArray x = f.toRnnkit(f.float32("input")).castTo(type);
        INDArray mask = f.mask().castTo(type);
        Map<String, Double> diffs = new java.util.LinkedHashMap<>();

        // Outputs: PyTorch's pad_packed_sequence output is zero at padded steps, so is rnnkit's.
        INDArray out = net.output(x, mask);
        diffs.put("output", maxDiff(f.toRnnkit(f.tensor("output")), out));

        // Final states from each layer's outputs.
        MultiLayerNetwork mln = net.network();
        mln.setInput(x);
        mln.setLayerMaskArrays(mask, null);
        List<INDArray> acts = mln.feedForward(true, false);
        INDArray hn = f.tensor("h_n");
        double hDiff = 0;
        for (int l = 0; l < f.layers; l++) {
            INDArray a = acts.get(l + 1);
            for (int d = 0; d < f.dirs; d++) {
                for (int b = 0; b < f.batch; b++) {
                    int t = d == 0 ? f.lengths[b] - 1 : 0;
                    INDArray h = a.get(point(b), interval((long) d * f.hidden, (long) (d + 1) * f.hidden), point(t));
                    hDiff = Math.max(hDiff, maxDiff(vector(hn.get(point((long) l * f.dirs + d), point(b), all())),
                            vector(h)));
                }
            }
        }
        diffs.put("h_n", hDiff);

        // Gradients of sum(output * R): R is dL/d(output).
        INDArray r = f.toRnnkit(f.float32("loss_weights")).castTo(type);
        Pair<Gradient, INDArray> g = mln.backpropGradient(r, LayerWorkspaceMgr.noWorkspaces());
        Map<String, INDArray> grads = g.getFirst().gradientForVariable();
        JsonNode torchGrads = f.root.get("grad");
        diffs.put("grad input", maxDiff(f.toRnnkit(f.tensor(torchGrads.get("input"))), g.getSecond()));
        double wDiff = 0;
        for (int l = 0; l < f.layers; l++) {
            for (int d = 0; d < f.dirs; d++) {
                String sfx = "_l" + l + (d == 0 ? "" : "_reverse");
                String key = l + "_" + (f.dirs == 2 ? (d == 0 ? "f" : "b") : "");
                for (Map.Entry<String, INDArray> e : f.expectedGradients(torchGrads, sfx).entrySet()) {
                    INDArray actual = grads.get(key + e.getKey());
                    assertNotNull(actual, "no gradient " + key + e.getKey() + " in " + grads.keySet());
                    // Biases as vectors: DL4J's SimpleRnn keeps its bias gradient as [H], rnnkit's layers [1, G·H].
                    wDiff = Math.max(wDiff, e.getKey().equals("b") ? maxDiff(vector(e.getValue()), vector(actual))
                            : maxDiff(e.getValue(), actual));
                }
            }
        }
        diffs.put("grad weights", wDiff);
        assertEquals(f.layers * f.dirs * 3, grads.size(), "one W, RW and b gradient per layer and direction");

        if (f.kind.equals("lstm")) {
            diffs.put("c_n", cellStateDiff(f, acts, type));
        }
        System.out.printf("parity %-40s %-6s %s%n", name, type, diffs.entrySet().stream()
                .map(e -> String.format("%s %.1e", e.getKey(), e.getValue())).toList());
        for (Map.Entry<String, Double> e : diffs.entrySet()) {
            double tol = e.getKey().startsWith("grad") ? gradTol : valueTol;
            assertTrue(e.getValue() <= tol, name + " " + type + ": " + e.getKey() + " differs from PyTorch by "
                    + e.getValue() + " > " + tol);
        }
    }

    /**
     * PyTorch's {@code c_n}: a bidirectional layer has no state DL4J can return, so each layer and direction
     * runs as a one-direction rnnkit LSTM with that direction's weights over each sequence's valid steps (in
     * reverse for the backward direction), its input the rnnkit network's input to that layer.
     */
    private double cellStateDiff(Fixture f, List<INDArray> acts, DataType type) throws IOException {
        Map<String, INDArray> all = PyTorchWeights.read(f.stateDictPath(dir));
        INDArray cn = f.tensor("c_n");
        INDArray hn = f.tensor("h_n");
        double diff = 0;
        for (int l = 0; l < f.layers; l++) {
            INDArray in = acts.get(l);
            for (int d = 0; d < f.dirs; d++) {
                String sfx = "_l" + l + (d == 0 ? "" : "_reverse");
                Map<String, INDArray> one = new HashMap<>();
                for (String p : new String[] {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) {
                    one.put(p + "_l0", all.get(p + sfx).castTo(DataType.FLOAT));
                }
                RecurrentNetwork single = NetworkSpec.builder().features((int) in.size(1))
                        .add(new Lstm(f.hidden, true)).build().build(1, base(type));
                PyTorchWeights.load(single, one);
                for (int b = 0; b < f.batch; b++) {
                    INDArray seq = in.get(interval(b, b + 1), all(), interval(0, f.lengths[b])).dup();
                    if (d == 1) {
                        seq = reverseInTime(seq);
                    }
                    single.resetState();
                    single.step(seq);
                    var s = single.state().get(0);
                    INDArray expectedC = cn.get(point((long) l * f.dirs + d), point(b), all());
                    INDArray expectedH = hn.get(point((long) l * f.dirs + d), point(b), all());
                    diff = Math.max(diff, maxDiff(vector(expectedC), vector(s.c())));
                    diff = Math.max(diff, maxDiff(vector(expectedH), vector(s.h())));
                }
            }
        }
        return diff;
    }

    /** {@code [1, C, T]} with its steps in reverse order. */
    private static INDArray reverseInTime(INDArray seq) {
        long steps = seq.size(2);
        INDArray out = seq.ulike();
        for (long t = 0; t < steps; t++) {
            out.get(all(), all(), point(steps - 1 - t)).assign(seq.get(all(), all(), point(t)));
        }
        return out;
    }

    private static INDArray vector(INDArray a) {
        return a.reshape(a.length());
    }

    static NeuralNetConfiguration.Builder base(DataType type) {
        return new NeuralNetConfiguration.Builder().dataType(type).weightInit(WeightInit.XAVIER);
    }

    static double maxDiff(INDArray expected, INDArray actual) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()),
                "shape");
        return expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /** One fixture file. */
    static final class Fixture {
        final JsonNode root;
        final String kind;
        final int layers;
        final int dirs;
        final int hidden;
        final int batch;
        final boolean batchFirst;
        final int[] lengths;

        private Fixture(JsonNode root) {
            this.root = root;
            kind = root.get("module").asText();
            layers = root.get("num_layers").asInt();
            dirs = root.get("bidirectional").asBoolean() ? 2 : 1;
            hidden = root.get("hidden_size").asInt();
            batchFirst = root.get("batch_first").asBoolean();
            lengths = new int[root.get("lengths").size()];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = root.get("lengths").get(i).asInt();
            }
            batch = lengths.length;
        }

        static Fixture read(String name) throws IOException {
            try (InputStream in = PyTorchParityTest.class.getResourceAsStream("/parity/" + name + ".json")) {
                assertNotNull(in, "fixture parity/" + name + ".json (scripts/make-parity-fixtures writes it)");
                JsonNode root = new ObjectMapper().readTree(in);
                assertTrue(root.get("torch_version").asText().startsWith("1.13"), "written by torch 1.13");
                return new Fixture(root);
            }
        }

        /** The spec PyTorch's module corresponds to: every layer returns sequences, no head. */
        RecurrentNetwork network(DataType type) {
            NetworkSpec.Builder b = NetworkSpec.builder().features(root.get("input_size").asInt());
            for (int l = 0; l < layers; l++) {
                Recurrent r = switch (kind) {
                    case "gru" -> new Gru(hidden, true);
                    case "lstm" -> new Lstm(hidden, true);
                    case "rnn" -> new SimpleRnn(hidden, true);
                    default -> throw new IllegalStateException(kind);
                };
                b.add(dirs == 2 ? new Bidirectional(r) : r);
            }
            return b.build().build(7, base(type));
        }

        Path stateDictPath(Path dir) throws IOException {
            Path p = dir.resolve(kind + "-state-dict.json");
            new ObjectMapper().writeValue(p.toFile(), root.get("state_dict"));
            return p;
        }

        /** The state dict as a user would have it: a JSON file read with {@link PyTorchWeights#read}, float32. */
        Map<String, INDArray> stateDict(Path dir) throws IOException {
            Map<String, INDArray> sd = PyTorchWeights.read(stateDictPath(dir));
            sd.replaceAll((k, v) -> v.castTo(DataType.FLOAT));
            return sd;
        }

        INDArray tensor(String field) {
            return tensor(root.get(field));
        }

        /** A float32 field (weights, inputs, R): the very float32 values PyTorch used. */
        INDArray float32(String field) {
            return tensor(field).castTo(DataType.FLOAT);
        }

        /** Nested lists to a double array. */
        INDArray tensor(JsonNode node) {
            List<Long> shape = new ArrayList<>();
            for (JsonNode n = node; n.isArray(); n = n.get(0)) {
                shape.add((long) n.size());
            }
            List<Double> values = new ArrayList<>();
            flatten(node, values);
            double[] data = values.stream().mapToDouble(Double::doubleValue).toArray();
            return Nd4j.create(data, shape.stream().mapToLong(Long::longValue).toArray(), DataType.DOUBLE);
        }

        private static void flatten(JsonNode n, List<Double> out) {
            if (n.isArray()) {
                n.forEach(c -> flatten(c, out));
            } else {
                out.add(n.asDouble());
            }
        }

        /** PyTorch's {@code [B, T, C]} or {@code [T, B, C]} as rnnkit's {@code [B, C, T]}. */
        INDArray toRnnkit(INDArray torch) {
            return (batchFirst ? torch.permute(0, 2, 1) : torch.permute(1, 2, 0)).dup('c');
        }

        INDArray mask() {
            int steps = (int) root.get("input").get(0).size();
            steps = batchFirst ? steps : root.get("input").size();
            INDArray m = Nd4j.zeros(DataType.DOUBLE, batch, steps);
            for (int b = 0; b < batch; b++) {
                m.get(point(b), interval(0, lengths[b])).assign(1);
            }
            return m;
        }

        /**
         * PyTorch's parameter gradients of one layer and direction in rnnkit's layout, written out here
         * independently of the import code: weights transposed; the GRU's gate blocks r|z|n as z|r|n; the LSTM
         * and RNN have one bias, whose gradient is PyTorch's for either bias (they are equal).
         */
        Map<String, INDArray> expectedGradients(JsonNode grads, String sfx) {
            int[] order = kind.equals("gru") ? new int[] {1, 0, 2} : kind.equals("lstm") ? new int[] {0, 1, 2, 3}
                    : new int[] {0};
            INDArray wIh = blocks(tensor(grads.get("weight_ih" + sfx)), order);
            INDArray wHh = blocks(tensor(grads.get("weight_hh" + sfx)), order);
            INDArray bIh = blocks(tensor(grads.get("bias_ih" + sfx)).reshape(-1, 1), order).reshape(1, -1);
            INDArray bHh = blocks(tensor(grads.get("bias_hh" + sfx)).reshape(-1, 1), order).reshape(1, -1);
            Map<String, INDArray> m = new HashMap<>();
            m.put("W", wIh.transpose());
            m.put("RW", wHh.transpose());
            if (kind.equals("gru")) {
                m.put("b", Nd4j.hstack(bIh, bHh));
            } else {
                assertTrue(maxDiff(bIh, bHh) < 1e-12, "PyTorch's two bias gradients are equal");
                m.put("b", bIh);
            }
            return m;
        }

        /** Rows regrouped in gate blocks of {@code hidden} rows: block i of the result is block order[i]. */
        private INDArray blocks(INDArray rows, int[] order) {
            INDArray[] parts = new INDArray[order.length];
            for (int i = 0; i < order.length; i++) {
                parts[i] = rows.get(interval((long) order[i] * hidden, (long) (order[i] + 1) * hidden), all());
            }
            return Nd4j.concat(0, parts);
        }
    }
}
