package io.rnnkit.forecast;

import io.rnnkit.nn.layers.GruLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds and fits the DL4J graph behind a {@link Forecaster}. A computation graph rather than a layer stack,
 * because the bidirectional model needs the forward LSTM's last output beside the backward LSTM's last output
 * (which sits at the first time step), and a graph with a reversed input branch says exactly that.
 */
final class ForecastNetwork {
    private ForecastNetwork() {
    }

    static ComputationGraph build(ForecastConfig c, int inputs, int outputs) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER)
                // Weather has rare jumps; clipping keeps one bad batch from undoing an epoch's progress.
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(1.0)
                .graphBuilder()
                .addInputs("window")
                .setInputTypes(InputType.recurrent(inputs, c.lookback()));
        String last;
        switch (c.architecture()) {
            case LSTM -> {
                g.addLayer("lstm", new LastTimeStep(lstm(c.units())), "window");
                last = "lstm";
            }
            case STACKED_LSTM -> {
                g.addLayer("lstm_1", lstm(c.units()), "window");
                g.addLayer("lstm_2", new LastTimeStep(lstm(c.units())), "lstm_1");
                last = "lstm_2";
            }
            case BIDIRECTIONAL_LSTM -> {
                g.addLayer("forward", new LastTimeStep(lstm(c.units())), "window");
                g.addVertex("reversed", new ReverseTimeSeriesVertex(), "window");
                g.addLayer("backward", new LastTimeStep(lstm(c.units())), "reversed");
                g.addVertex("concat", new MergeVertex(), "forward", "backward");
                last = "concat";
            }
            case GRU -> {
                g.addLayer("gru", new LastTimeStep(new GruLayer.Builder().nOut(c.units()).build()), "window");
                last = "gru";
            }
            default -> throw new IllegalStateException("unhandled architecture " + c.architecture());
        }
        g.addLayer("forecast", new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nOut(outputs).build(), last);
        g.setOutputs("forecast");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static LSTM lstm(int units) {
        return new LSTM.Builder().nOut(units).activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                .build();
    }

    /** {@code [example][feature][step]} as a float tensor. */
    static INDArray tensor(double[][][] x) {
        int n = x.length;
        int f = x[0].length;
        int t = x[0][0].length;
        float[] flat = new float[n * f * t];
        int k = 0;
        for (double[][] ex : x) {
            for (double[] feature : ex) {
                for (double v : feature) {
                    flat[k++] = (float) v;
                }
            }
        }
        return Nd4j.create(flat, new long[] {n, f, t}, 'c');
    }

    /** {@code [example][output]} as a float matrix. */
    static INDArray matrix(double[][] y) {
        return Nd4j.create(y).castTo(DataType.FLOAT);
    }

    /**
     * Mini-batch training with early stopping on the validation loss: the weights of the best epoch are kept.
     */
    static TrainingHistory fit(ComputationGraph net, ForecastConfig c, double[][][] xTrain, double[][] yTrain,
                               double[][][] xVal, double[][] yVal) {
        long started = System.nanoTime();
        long budgetNanos = c.timeBudget().toNanos();
        INDArray valX = tensor(xVal);
        INDArray valY = matrix(yVal);
        Random order = new Random(c.seed());
        int n = xTrain.length;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams = null;
        String stop = "max epochs";
        for (int epoch = 1; epoch <= c.epochs(); epoch++) {
            // Windows are shuffled within the training period only; periods never mix.
            java.util.Collections.shuffle(idx, order);
            double lossSum = 0;
            for (int from = 0; from < n; from += c.batchSize()) {
                int to = Math.min(n, from + c.batchSize());
                double[][][] bx = new double[to - from][][];
                double[][] by = new double[to - from][];
                for (int i = from; i < to; i++) {
                    bx[i - from] = xTrain[idx.get(i)];
                    by[i - from] = yTrain[idx.get(i)];
                }
                net.fit(new DataSet(tensor(bx), matrix(by)));
                double loss = net.score();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged: loss is " + loss + " in epoch " + epoch
                            + ", batch " + (from / c.batchSize() + 1) + "; lower the learning rate");
                }
                lossSum += loss * (to - from);
            }
            double valLoss = net.score(new DataSet(valX, valY));
            epochs.add(new TrainingHistory.Epoch(epoch, lossSum / n, valLoss));
            if (valLoss < best) {
                best = valLoss;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            } else if (c.patience() > 0 && epoch - bestEpoch >= c.patience()) {
                stop = "early stopping";
                break;
            }
            if (budgetNanos > 0 && System.nanoTime() - started > budgetNanos && epoch < c.epochs()) {
                stop = "time budget";
                break;
            }
        }
        net.setParams(bestParams);
        return new TrainingHistory(epochs, bestEpoch, (System.nanoTime() - started) / 1e9, stop);
    }
}
