package io.rnnkit.forecast;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.forecast.data.Normalizer;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Forecasts run on rnnkit's inference engine: the same numbers as DL4J, and safe to share between threads. */
class ForecastEngineTest {
    /** Days per window read by the networks here, and values per day (temp_max, temp_min, sin, cos). */
    private static final int LOOKBACK = 7;
    private static final int INPUTS = 4;

    private static TimeSeries weather;

    @BeforeAll
    static void readData() {
        weather = TimeSeries.readCsv(Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv"),
                SeriesSpec.of("date", "temp_max").withFeatures("temp_min"));
    }

    private static ForecastConfig config(Architecture a) {
        return ForecastConfig.defaults().withArchitecture(a).withWindow(LOOKBACK, 3, 1).withUnits(16)
                .withEnsemble(1, false);
    }

    /**
     * A network of the config with every parameter drawn from [-0.5, 0.5): biases and the GRU's recurrent bias are
     * non-zero too, which initialisation alone would not give.
     */
    private static ComputationGraph randomNetwork(ForecastConfig c, long seed) {
        ComputationGraph net = ForecastNetwork.build(c.withSeed(seed), INPUTS, c.horizon());
        Nd4j.getRandom().setSeed(seed);
        net.setParams(Nd4j.rand(net.params().dataType(), net.params().shape()).subi(0.5));
        return net;
    }

    /** A forecaster whose network is {@code net}, as training or loading would make it. */
    private static Forecaster forecaster(ForecastConfig c, ComputationGraph net) {
        return new Forecaster(c, weather.dateColumn(), Normalizer.fit(weather, 1000), net, null);
    }

    /** {@code n} windows {@code [window][step][feature]} of standard normal values. */
    private static float[][][] windows(int n, long seed) {
        Random random = new Random(seed);
        float[][][] x = new float[n][LOOKBACK][INPUTS];
        for (float[][] w : x) {
            for (float[] day : w) {
                for (int f = 0; f < INPUTS; f++) {
                    day[f] = (float) random.nextGaussian();
                }
            }
        }
        return x;
    }

    private static void assertEngineEqualsDl4j(Forecaster f, ComputationGraph net, String what) {
        // one window (plain Java products) and a batch large enough for the OpenBLAS path
        for (int n : new int[] {1, 300}) {
            float[][][] x = windows(n, 7 + n);
            float[][] engine = f.output(x);
            INDArray dl4j = net.outputSingle(ForecastNetwork.tensor(x));
            assertEquals(n, engine.length, what);
            for (int i = 0; i < n; i++) {
                float[] expected = dl4j.getRow(i).toFloatVector();
                assertArrayEquals(expected, engine[i], 1e-5f, what + ", " + n + " windows, window " + i);
            }
            // equal outputs only mean something if they depend on the days and their order
            assertNotEquals(engine[0][0], f.output(new float[][][] {reversed(x[0])})[0][0], what);
        }
    }

    private static float[][] reversed(float[][] window) {
        float[][] r = new float[window.length][];
        for (int s = 0; s < window.length; s++) {
            r[s] = window[window.length - 1 - s];
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void forecastsEqualDl4jForEveryArchitecture(Architecture a) {
        ForecastConfig c = config(a);
        ComputationGraph net = randomNetwork(c, 11);
        assertEngineEqualsDl4j(forecaster(c, net), net, a.cliName());
    }

    @Test
    void ensembleForecastsEqualDl4j() {
        ForecastConfig c = config(Architecture.BIDIRECTIONAL_LSTM).withEnsemble(3, false);
        List<ComputationGraph> members = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            members.add(randomNetwork(c, 21 + m));
        }
        ComputationGraph net = ForecastNetwork.average(c, INPUTS, c.horizon(), members);
        assertEngineEqualsDl4j(forecaster(c, net), net, "3-member ensemble");
    }

    @Test
    void eightThreadsSharingOneForecasterGetTheSingleThreadedResults() throws Exception {
        // recursive: two engine calls per forecast; 16 units: chunks of 600 windows take the OpenBLAS path
        ForecastConfig c = config(Architecture.BIDIRECTIONAL_LSTM).withStrategy(HorizonStrategy.RECURSIVE)
                .withWindow(LOOKBACK, 2, 2).withTraining(1, 64, 0.01, 0);
        Forecaster f = Forecaster.train(c, weather);
        int threads = 8;
        int[] origins = new int[2000];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = LOOKBACK + i;
        }
        // per thread its own inputs: results mixed up between threads would not match
        List<TimeSeries> series = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            TimeSeries s = ForecasterTest.shifted(weather, 0, k);
            series.add(TimeSeries.of(s.start(), s.columns(), longer(s, LOOKBACK + origins.length + 1)));
        }
        // the threads run first, so that they also race for whatever the engine prepares on first use
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<double[][]>> shared = new ArrayList<>();
        try {
            for (TimeSeries s : series) {
                shared.add(pool.submit(() -> {
                    start.await();
                    return inChunks(f, s, origins);
                }));
            }
            for (int k = 0; k < threads; k++) {
                double[][] alone = inChunks(f, series.get(k), origins);
                double[][] got = shared.get(k).get();
                for (int i = 0; i < origins.length; i++) {
                    assertArrayEquals(alone[i], got[i], 0.0, "thread " + k + ", window " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Forecasts at {@code origins}, made in chunks of 1, 3, 40 and 600 windows. */
    private static double[][] inChunks(Forecaster f, TimeSeries s, int[] origins) {
        int[] sizes = {1, 3, 40, 600};
        double[][] out = new double[origins.length][];
        for (int at = 0, k = 0; at < origins.length; k++) {
            int n = Math.min(sizes[k % sizes.length], origins.length - at);
            System.arraycopy(f.forecastAt(s, Arrays.copyOfRange(origins, at, at + n)), 0, out, at, n);
            at += n;
        }
        return out;
    }

    /** The columns of {@code s} repeated until they have {@code days} values. */
    private static double[][] longer(TimeSeries s, int days) {
        double[][] values = new double[s.columns().size()][days];
        for (int k = 0; k < values.length; k++) {
            for (int r = 0; r < days; r++) {
                values[k][r] = s.value(k, r % s.size());
            }
        }
        return values;
    }
}
