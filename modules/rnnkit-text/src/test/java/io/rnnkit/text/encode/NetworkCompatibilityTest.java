package io.rnnkit.text.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The batches plug into DL4J layers as documented, and padding never changes a result. */
class NetworkCompatibilityTest {
    private static final int VOCAB = 8;
    private static final List<int[]> SEQS = List.of(new int[] {2, 3, 4, 5}, new int[] {6, 7});
    private static final int[] CLASSES = {1, 0};

    private static MultiLayerNetwork net(boolean lastStep) {
        var list = new NeuralNetConfiguration.Builder().seed(7).updater(new Sgd(0.1)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(3).build());
        LSTM lstm = new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build();
        MultiLayerConfiguration conf = lastStep
                ? list.layer(new LastTimeStep(lstm))
                        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(2).activation(Activation.SOFTMAX).build())
                        .build()
                : list.layer(lstm)
                        // without a set input type DL4J leaves the format null and its label check assumes NWC
                        .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(2).activation(Activation.SOFTMAX)
                                .dataFormat(RNNFormat.NCW).build())
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void lastTimeStepOutputIgnoresPaddingOnEitherSide() {
        MultiLayerNetwork net = net(true);
        DataSet alone = RnnTensors.classification(PaddedBatch.pad(List.of(SEQS.get(1)), PadSpec.keras()), new int[] {0}, 2,
                FeatureLayout.INDICES, 0, LabelLayout.PER_SEQUENCE);
        INDArray expected = net.output(alone.getFeatures(), false, alone.getFeaturesMaskArray(), null);
        for (Side side : Side.values()) {
            DataSet ds = RnnTensors.classification(PaddedBatch.pad(SEQS, PadSpec.keras().withPadding(side)), CLASSES, 2,
                    FeatureLayout.INDICES, 0, LabelLayout.PER_SEQUENCE);
            INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            assertArrayEquals(new long[] {2, 2}, out.shape());
            assertArrayEquals(expected.getRow(0).toFloatVector(), out.getRow(1).toFloatVector(), 1e-6f, side.name());
        }
    }

    @Test
    void alignEndScoreIgnoresWhatPaddedStepsHold() {
        MultiLayerNetwork net = net(false);
        SequenceClassificationIterator it = SequenceClassificationIterator.builder(SEQS, CLASSES, 2)
                .labelLayout(LabelLayout.ALIGN_END).build();
        DataSet ds = it.next();
        double score = net.score(ds);
        INDArray garbage = ds.getFeatures().dup();
        garbage.putScalar(new int[] {1, 0, 3}, 5);
        garbage.putScalar(new int[] {1, 0, 2}, 7);
        assertEquals(score, net.score(new DataSet(garbage, ds.getLabels(), ds.getFeaturesMaskArray(), ds.getLabelsMaskArray())), 1e-6);
        net.fit(ds);
        assertTrue(Double.isFinite(net.score()));
        assertArrayEquals(new long[] {2, 2, 4}, net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null).shape());
    }
}
