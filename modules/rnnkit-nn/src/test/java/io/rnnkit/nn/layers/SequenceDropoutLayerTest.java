package io.rnnkit.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.List;

import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Dropout;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Dropout between recurrent layers of masked (padded) sequence batches. */
class SequenceDropoutLayerTest {

    @Test
    void trainsOnMaskedSequencesAndZeroesTheMaskedSteps() throws Exception {
        MultiLayerNetwork net = NetworkSpec.builder().features(5).add(new Lstm(16, true)).add(new Dropout(0.5))
                .add(new Dense(3, Activation.SOFTMAX)).loss(Loss.CROSS_ENTROPY).build().build(7).network();
        assertTrue(net.getLayer(1) instanceof SequenceDropoutLayerImpl);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3, 6);
        y.get(all(), interval(0, 1), all()).assign(1);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 4, 6);
        mask.get(interval(0, 2), interval(3, 6)).assign(0);
        DataSet ds = new DataSet(x, y, mask, mask);
        double before = net.score(ds);
        for (int i = 0; i < 30; i++) {
            net.fit(ds);     // DL4J's DropoutLayer throws here: it cannot apply a [4, 6] mask to [4, 16, 6]
        }
        assertTrue(net.score(ds) < before, "training lowers the loss");

        // Training mode: masked steps are zero, about half of the rest dropped (and the rest scaled by 2).
        net.setLayerMaskArrays(mask, mask);
        INDArray lstmOut = net.feedForward(x, false).get(1).dup();   // the LSTM itself has no dropout
        net.setLayerMaskArrays(mask, mask);   // each forward pass clears the masks
        List<INDArray> acts = net.feedForward(x, true);
        INDArray dropped = acts.get(2);
        assertEquals(0.0, dropped.get(interval(0, 2), all(), interval(3, 6)).amaxNumber().doubleValue(), 0.0);
        INDArray kept = dropped.get(interval(2, 4), all(), all());
        double zeros = kept.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertTrue(zeros > 0.3 && zeros < 0.7, "dropped fraction " + zeros);
        INDArray keptNonZero = kept.neq(0).castTo(DataType.FLOAT);
        assertTrue(kept.equalsWithEps(lstmOut.get(interval(2, 4), all(), all()).mul(2).mul(keptNonZero), 1e-6));

        // Inference passes activations through; the configuration survives JSON.
        net.setLayerMaskArrays(mask, mask);
        List<INDArray> test = net.feedForward(x, false);
        net.clearLayerMaskArrays();
        assertTrue(test.get(2).equalsWithEps(test.get(1), 0.0));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertTrue(back.getConf(1).getLayer() instanceof SequenceDropoutLayer);
        assertEquals(net.getLayerWiseConfigurations().getConf(1).getLayer(), back.getConf(1).getLayer());
    }
}
