package io.rnnkit.forecast;

import io.rnnkit.nn.layers.GruLayer;
import io.rnnkit.nn.layers.LstmLayer;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.Optimizer;
import io.rnnkit.nn.train.Trainer;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.nn.train.TrainingListener;
import io.rnnkit.nn.train.TrainingResult;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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
        ComputationGraphConfiguration.GraphBuilder g = graph(c, inputs);
        String last = branch(g, c, "");
        g.addLayer("forecast", new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nOut(outputs).build(), last);
        g.setOutputs("forecast");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /**
     * One graph that runs the trained {@code members} (each built by {@link #build} with this config) side by side
     * on the same window and outputs the mean of their forecasts. Member {@code i}'s layers are named with the
     * prefix {@code m<i>_} and hold copies of its weights.
     */
    static ComputationGraph average(ForecastConfig c, int inputs, int outputs, List<ComputationGraph> members) {
        ComputationGraphConfiguration.GraphBuilder g = graph(c, inputs);
        String[] heads = new String[members.size()];
        for (int i = 0; i < heads.length; i++) {
            String prefix = "m" + i + "_";
            heads[i] = prefix + "forecast";
            g.addLayer(heads[i], new DenseLayer.Builder().activation(Activation.IDENTITY).nOut(outputs).build(),
                    branch(g, c, prefix));
        }
        g.addVertex("forecast", new ElementWiseVertex(ElementWiseVertex.Op.Average), heads);
        g.setOutputs("forecast");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        for (int i = 0; i < heads.length; i++) {
            for (org.deeplearning4j.nn.api.Layer layer : members.get(i).getLayers()) {
                String name = layer.conf().getLayer().getLayerName();
                net.getLayer("m" + i + "_" + name).setParams(layer.params().dup());
            }
        }
        return net;
    }

    private static ComputationGraphConfiguration.GraphBuilder graph(ForecastConfig c, int inputs) {
        return new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                // The trainer replaces the updater and clipping with those of its config.
                .updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("window")
                .setInputTypes(InputType.recurrent(inputs, c.lookback()));
    }

    /** Adds the recurrent layers of the architecture, their names prefixed; returns the last one's name. */
    private static String branch(ComputationGraphConfiguration.GraphBuilder g, ForecastConfig c, String p) {
        switch (c.architecture()) {
            case LSTM -> {
                g.addLayer(p + "lstm", new LastTimeStep(lstm(c.units())), "window");
                return p + "lstm";
            }
            case STACKED_LSTM -> {
                g.addLayer(p + "lstm_1", lstm(c.units()), "window");
                g.addLayer(p + "lstm_2", new LastTimeStep(lstm(c.units())), p + "lstm_1");
                return p + "lstm_2";
            }
            case BIDIRECTIONAL_LSTM -> {
                g.addLayer(p + "forward", new LastTimeStep(lstm(c.units())), "window");
                g.addVertex(p + "reversed", new ReverseTimeSeriesVertex(), "window");
                g.addLayer(p + "backward", new LastTimeStep(lstm(c.units())), p + "reversed");
                g.addVertex(p + "concat", new MergeVertex(), p + "forward", p + "backward");
                return p + "concat";
            }
            case GRU -> {
                g.addLayer(p + "gru", new LastTimeStep(new GruLayer.Builder().nOut(c.units()).build()), "window");
                return p + "gru";
            }
            default -> throw new IllegalStateException("unhandled architecture " + c.architecture());
        }
    }

    /** rnnkit's LSTM layer: the same maths and parameter count as DL4J's, in Keras' layout. */
    private static LstmLayer lstm(int units) {
        return new LstmLayer.Builder().nOut(units).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build();
    }

    /** Windows {@code [example][step][feature]} as DL4J's time-series tensor {@code [example][feature][step]}. */
    static INDArray tensor(float[][][] x) {
        int n = x.length;
        int t = x[0].length;
        int f = x[0][0].length;
        float[] flat = new float[n * f * t];
        for (int e = 0; e < n; e++) {
            for (int s = 0; s < t; s++) {
                for (int k = 0; k < f; k++) {
                    flat[(e * f + k) * t + s] = x[e][s][k];
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
     * loss with the best epoch's weights restored. Without validation windows ({@code xVal == null}) every epoch
     * runs and the last weights are kept.
     */
    static TrainingHistory fit(ComputationGraph net, ForecastConfig c, float[][][] xTrain, double[][] yTrain,
                               float[][][] xVal, double[][] yVal, TrainingListener... listeners) {
        return fit(net, c, xTrain, yTrain, xVal, yVal, Double.NaN, listeners);
    }

    /**
     * As above; with a finite {@code targetStd} (the target's standard deviation in its own units), {@code --ui} and
     * {@code --report} also show the validation MAE of the target in those units (e.g. °C) per epoch.
     */
    static TrainingHistory fit(ComputationGraph net, ForecastConfig c, float[][][] xTrain, double[][] yTrain,
                               float[][][] xVal, double[][] yVal, double targetStd, TrainingListener... listeners) {
        long started = System.nanoTime();
        TrainingConfig.Builder builder = TrainingConfig.builder();
        if (xVal != null && Double.isFinite(targetStd)) {
            boolean direct = c.strategy() == HorizonStrategy.DIRECT;
            builder.reportedMetric("val_mae", m -> {
                float[][] out = io.rnnkit.nn.inference.InferenceNetwork.of((ComputationGraph) m).outputVectors(xVal);
                double sum = 0;
                long n = 0;
                for (int i = 0; i < out.length; i++) {
                    // The network predicts standardised changes; the target's are all outputs when direct, the
                    // first one (of every column's next-day change) when recursive.
                    int k = direct ? out[i].length : 1;
                    for (int j = 0; j < k; j++) {
                        sum += Math.abs(out[i][j] - yVal[i][j]);
                        n++;
                    }
                }
                return sum / n * targetStd;
            });
        }
        TrainingConfig training = builder
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
                new WindowIterator(xTrain, yTrain, c.batchSize()),
                xVal == null ? null : new WindowIterator(xVal, yVal, 256));
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        for (EpochMetrics m : result.history()) {
            epochs.add(new TrainingHistory.Epoch(m.epoch(), m.trainLoss(), m.validationLoss()));
        }
        String stop = result.stopReason().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return new TrainingHistory(epochs, result.bestEpoch(), (System.nanoTime() - started) / 1e9, stop);
    }
}
