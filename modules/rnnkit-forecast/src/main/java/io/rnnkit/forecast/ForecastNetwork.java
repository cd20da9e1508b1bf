package io.rnnkit.forecast;

import io.rnnkit.nn.layers.GruLayer;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.Optimizer;
import io.rnnkit.nn.train.Trainer;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingListener;
import io.rnnkit.nn.train.TrainingResult;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

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
                // The trainer replaces the updater and clipping with those of its config.
                .updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER)
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
     * Trains with rnnkit's {@link Trainer}: Adam, per-layer gradient clipping, early stopping on the validation
     * loss with the best epoch's weights restored.
     */
    static TrainingHistory fit(ComputationGraph net, ForecastConfig c, double[][][] xTrain, double[][] yTrain,
                               double[][][] xVal, double[][] yVal, TrainingListener... listeners) {
        long started = System.nanoTime();
        TrainingConfig training = TrainingConfig.builder()
                .epochs(c.epochs())
                .batchSize(c.batchSize())
                .optimizer(Optimizer.ADAM, c.learningRate())
                // Weather has rare jumps; clipping keeps one bad batch from undoing an epoch's progress.
                .gradientClipNorm(1.0)
                .seed(c.seed())
                .patience(c.patience())
                .restoreBestWeights(true)
                .timeBudget(c.timeBudget().isZero() ? null : c.timeBudget())
                .build();
        TrainingResult result = new Trainer(training, listeners).fit(net,
                new WindowIterator(xTrain, yTrain, c.batchSize()), new WindowIterator(xVal, yVal, 256));
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        for (EpochMetrics m : result.history()) {
            epochs.add(new TrainingHistory.Epoch(m.epoch(), m.trainLoss(), m.validationLoss()));
        }
        String stop = result.stopReason().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return new TrainingHistory(epochs, result.bestEpoch(), (System.nanoTime() - started) / 1e9, stop);
    }
}
