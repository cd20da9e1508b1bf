package io.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnkit.nn.layers.GruParamInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** How {@link PyTorchWeights} finds, checks and refuses state-dict entries (the values: PyTorchParityTest). */
class PyTorchWeightsTest {

    @TempDir
    Path dir;

    /** The state dict of a 2-layer bidirectional nn.GRU(5, 4), from a parity fixture. */
    private Map<String, INDArray> gruStateDict() throws IOException {
        Path file = dir.resolve("gru.json");
        try (InputStream in = getClass().getResourceAsStream("/parity/gru_2layer_bidirectional.json")) {
            ObjectMapper json = new ObjectMapper();
            json.writeValue(file.toFile(), json.readTree(in).get("state_dict"));
        }
        return PyTorchWeights.read(file);
    }

    private static RecurrentNetwork biGru(boolean lastReturnsSequences) {
        return NetworkSpec.builder().features(5)
                .add(new Bidirectional(new Gru(4, true)))
                .add(new Bidirectional(new Gru(4, lastReturnsSequences)))
                .build().build(1);
    }

    @Test
    void modulePrefixSelectsTheEntriesAndOtherModulesAreIgnored() throws IOException {
        Map<String, INDArray> plain = gruStateDict();
        Map<String, INDArray> nested = new LinkedHashMap<>();
        nested.put("embedding.weight", Nd4j.rand(10, 5));
        plain.forEach((k, v) -> nested.put("encoder.rnn." + k, v));
        nested.put("fc.weight", Nd4j.rand(2, 8));
        RecurrentNetwork a = biGru(true);
        RecurrentNetwork b = biGru(true);
        PyTorchWeights.load(a, plain);
        PyTorchWeights.load(b, nested, "encoder.rnn.");
        assertEquals(a.network().params(), b.network().params());
        INDArray expected = GruParamInitializer.fromPyTorch(8, 4, plain.get("weight_ih_l1_reverse"),
                plain.get("weight_hh_l1_reverse"), plain.get("bias_ih_l1_reverse"), plain.get("bias_hh_l1_reverse"))
                .get("W");
        assertEquals(expected.castTo(a.network().params().dataType()), a.network().getLayer(1).getParam("bW"));
    }

    @Test
    void manyToOneLayersLoadThroughTheirLastTimeStepWrapper() throws IOException {
        RecurrentNetwork sequences = biGru(true);
        RecurrentNetwork lastStep = biGru(false);
        PyTorchWeights.load(sequences, gruStateDict());
        PyTorchWeights.load(lastStep, gruStateDict());
        assertEquals(sequences.network().params(), lastStep.network().params());
    }

    @Test
    void chosenLayersTakeTheModuleAroundOtherLayers() throws IOException {
        Map<String, INDArray> sd = gruStateDict();
        // Only the forward direction: a one-direction 2-layer GRU whose layer 1 reads 8 features.
        sd.keySet().removeIf(k -> k.endsWith("_reverse"));
        RecurrentNetwork net = NetworkSpec.builder().features(5)
                .add(new Gru(4, true))
                .add(new Dense(8, Activation.IDENTITY))
                .add(new Gru(4, true))
                .build().build(1);
        PyTorchWeights.load(net, sd, "", 0, 2);
        INDArray expected = GruParamInitializer.fromPyTorch(8, 4, sd.get("weight_ih_l1"), sd.get("weight_hh_l1"),
                sd.get("bias_ih_l1"), sd.get("bias_hh_l1")).get("RW");
        assertEquals(expected.castTo(net.network().params().dataType()), net.network().getLayer(2).getParam("RW"));

        IllegalArgumentException notRecurrent = assertThrows(IllegalArgumentException.class,
                () -> PyTorchWeights.load(net, sd, "", 0, 1));
        assertEquals("spec layer 1 (Dense) is not a recurrent layer, so PyTorch layer 1 cannot go there",
                notRecurrent.getMessage());
    }

    @Test
    void mismatchesAreRefusedBeforeAnythingIsCopied() throws IOException {
        RecurrentNetwork oneDirection = NetworkSpec.builder().features(5)
                .add(new Gru(4, true)).add(new Gru(4, true)).build().build(1);
        IllegalArgumentException reverse = assertThrows(IllegalArgumentException.class,
                () -> PyTorchWeights.load(oneDirection, gruStateDict()));
        assertTrue(reverse.getMessage().startsWith("the state dict has [bias_hh_l0_reverse, "), reverse.getMessage());
        assertTrue(reverse.getMessage().contains("only Bidirectional layers take _reverse entries"),
                reverse.getMessage());

        RecurrentNetwork bi = biGru(true);
        INDArray before = bi.network().params().dup();
        Map<String, INDArray> missing = gruStateDict();
        missing.remove("weight_hh_l1_reverse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchWeights.load(bi, missing));
        assertEquals("PyTorch layer 1 reverse into spec layer 1 (Bidirectional GRU, backward): the state dict has "
                + "no 'weight_hh_l1_reverse'", e.getMessage());
        assertEquals(before, bi.network().params(), "nothing copied");

        RecurrentNetwork wider = NetworkSpec.builder().features(5)
                .add(new Bidirectional(new Gru(5, true))).add(new Bidirectional(new Gru(4, true))).build().build(1);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> PyTorchWeights.load(wider, gruStateDict()));
        assertEquals("PyTorch layer 0 into spec layer 0 (Bidirectional GRU, forward): weight_ih must be [15, 5], "
                + "got [12, 5]", shape.getMessage());

        RecurrentNetwork lstm = NetworkSpec.builder().features(5)
                .add(new Bidirectional(new Lstm(4, true))).add(new Bidirectional(new Lstm(4, true))).build().build(1);
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> PyTorchWeights.load(lstm, gruStateDict()));
        assertTrue(kind.getMessage().endsWith("weight_ih must be [16, 5], got [12, 5]"), kind.getMessage());

        RecurrentNetwork oneLayer = NetworkSpec.builder().features(5)
                .add(new Bidirectional(new Gru(4, true))).build().build(1);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> PyTorchWeights.load(oneLayer, gruStateDict()));
        assertTrue(tooMany.getMessage().contains("weight_ih_l1") && tooMany.getMessage().contains("1 recurrent layer"),
                tooMany.getMessage());

        Map<String, INDArray> projected = gruStateDict();
        projected.put("weight_hr_l0", Nd4j.rand(2, 4));
        IllegalArgumentException proj = assertThrows(IllegalArgumentException.class,
                () -> PyTorchWeights.load(bi, projected));
        assertTrue(proj.getMessage().contains("proj_size"), proj.getMessage());
    }

    @Test
    void moduleWithoutBiasesLoadsZeroBiases() throws IOException {
        Map<String, INDArray> sd = gruStateDict();
        sd.keySet().removeIf(k -> k.startsWith("bias_"));
        RecurrentNetwork net = biGru(true);
        PyTorchWeights.load(net, sd);
        for (String p : new String[] {"1_fb", "1_bb", "0_fb", "0_bb"}) {
            assertEquals(0.0, net.network().getParam(p).amaxNumber().doubleValue(), p);
        }
        assertTrue(net.network().getParam("0_fW").amaxNumber().doubleValue() > 0);

        Map<String, INDArray> half = gruStateDict();
        half.remove("bias_ih_l0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyTorchWeights.load(net, half));
        assertTrue(e.getMessage().endsWith("has bias_hh_l0 but not bias_ih_l0"), e.getMessage());
    }

    @Test
    void readRefusesWhatIsNotAStateDict() throws IOException {
        Path ragged = Files.writeString(dir.resolve("ragged.json"), "{\"weight_ih_l0\": [[1, 2], [3]]}");
        IOException e = assertThrows(IOException.class, () -> PyTorchWeights.read(ragged));
        assertTrue(e.getMessage().endsWith("'weight_ih_l0' must be a list of numbers or a list of equally long "
                + "lists of numbers"), e.getMessage());
        Path list = Files.writeString(dir.resolve("list.json"), "[1, 2]");
        assertThrows(IOException.class, () -> PyTorchWeights.read(list));
        Path ok = Files.writeString(dir.resolve("ok.json"), "{\"bias_ih_l0\": [1, 2.5], \"weight_ih_l0\": [[1], [2]]}");
        Map<String, INDArray> sd = PyTorchWeights.read(ok);
        assertEquals(Nd4j.createFromArray(1.0, 2.5), sd.get("bias_ih_l0"));
        assertEquals(Nd4j.createFromArray(new double[][] {{1}, {2}}), sd.get("weight_ih_l0"));
    }
}
