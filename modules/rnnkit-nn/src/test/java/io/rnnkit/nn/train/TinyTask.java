package io.rnnkit.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Collections;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A tiny recurrent regression task: predict the running mean of the inputs at every step. */
final class TinyTask {
    static final int IN = 3;
    static final int HIDDEN = 6;
    static final int STEPS = 5;

    private TinyTask() {
    }

    static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new LSTM.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    /** {@code batches} batches of {@code size} sequences, generated from {@code seed}. */
    static List<DataSet> batches(int batches, int size, long seed) {
        Random random = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            INDArray x = Nd4j.create(DataType.DOUBLE, size, IN, STEPS);
            INDArray y = Nd4j.create(DataType.DOUBLE, size, 1, STEPS);
            for (int i = 0; i < size; i++) {
                double sum = 0;
                for (int t = 0; t < STEPS; t++) {
                    for (int f = 0; f < IN; f++) {
                        double v = random.nextGaussian();
                        x.putScalar(new long[] {i, f, t}, v);
                        sum += v;
                    }
                    y.putScalar(new long[] {i, 0, t}, sum / (IN * (t + 1)));
                }
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    /** Resettable iterator over ready-made batches, in a fixed order. */
    static ExistingDataSetIterator iterator(List<DataSet> batches) {
        return new ExistingDataSetIterator(batches);
    }

    /** Resettable iterator whose batch order the trainer reshuffles every epoch. */
    static final class Shuffled extends ExistingDataSetIterator implements EpochShuffling {
        private static final long serialVersionUID = 1L;
        private final transient List<DataSet> original;
        private final transient List<DataSet> order;

        Shuffled(List<DataSet> batches) {
            this(List.copyOf(batches), new ArrayList<>(batches));
        }

        private Shuffled(List<DataSet> original, List<DataSet> order) {
            super(order);
            this.original = original;
            this.order = order;
        }

        @Override
        public void shuffle(long seed) {
            order.clear();
            order.addAll(original);
            Collections.shuffle(order, new Random(seed));
        }
    }

    /** Reshuffles on every reset(), from a seed and the number of resets so far (like rnnkit-text's iterators). */
    static final class ReshuffleOnReset extends ExistingDataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient List<DataSet> original;
        private final transient List<DataSet> order;
        private int resets;

        ReshuffleOnReset(List<DataSet> batches) {
            this(List.copyOf(batches), new ArrayList<>(batches));
        }

        private ReshuffleOnReset(List<DataSet> original, List<DataSet> order) {
            super(order);
            this.original = original;
            this.order = order;
        }

        @Override
        public void reset() {
            resets++;
            order.clear();
            order.addAll(original);
            Collections.shuffle(order, new Random(1000L + resets));
            super.reset();
        }
    }
}
