package io.rnnkit.examples.tasks;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.forecast.Architecture;
import io.rnnkit.forecast.Forecast;
import io.rnnkit.forecast.ForecastConfig;
import io.rnnkit.forecast.ForecastEvaluation;
import io.rnnkit.forecast.Forecaster;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.forecast.plot.ForecastPlots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * The notes' forecasting lab on real data: daily maximum temperature in Seattle (2012–2015). A window of past
 * days (the self-supervised reshaping of a series into input/target pairs) goes into an LSTM, stacked LSTM,
 * bidirectional LSTM or GRU that predicts the next days; 2015 is the test year. Every score is set beside
 * persistence (tomorrow = today): skill = 1 − MAE / MAE of persistence. Writes a PNG of the forecast vs the
 * actual temperatures.
 */
public final class ForecastExample {

    /**
     * @param architecture the network
     * @param evaluation   scores on the test year, with the baselines
     * @param next         forecast for the days after the last row of the data
     * @param plot         PNG of the first forecast day vs the actual temperature
     */
    public record Result(Architecture architecture, ForecastEvaluation evaluation, Forecast next, Path plot) {
    }

    private ForecastExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.println(r.architecture().cliName() + ": " + r.evaluation().summary());
        System.out.println("next days: " + r.next().days());
        System.out.println("plot: " + r.plot());
    }

    /**
     * Options: {@code --arch lstm|stacked-lstm|bidirectional-lstm|gru}, {@code --lookback 7}, {@code --horizon 7},
     * {@code --units 16}, {@code --epochs 30}, {@code --seed 42}, {@code --out target/forecast-example}.
     */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("ForecastExample",
                Set.of("arch", "lookback", "horizon", "units", "epochs", "seed", "out"), args);
        Architecture arch = Architecture.fromName(a.string("arch", "lstm"));
        TimeSeries weather = TimeSeries.readCsv(Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv"),
                SeriesSpec.of("date", "temp_max").withFeatures("temp_min"));
        ForecastConfig defaults = ForecastConfig.defaults();
        ForecastConfig config = defaults.withArchitecture(arch)
                .withWindow(a.integer("lookback", 7), a.integer("horizon", 7), defaults.stride())
                .withUnits(a.integer("units", 16))
                .withTraining(a.integer("epochs", 30), defaults.batchSize(), defaults.learningRate(),
                        defaults.patience())
                .withSeed(a.integer("seed", 42));
        Forecaster forecaster = Forecaster.train(config, weather);
        ForecastEvaluation evaluation = forecaster.evaluate(weather);
        Path out = Path.of(a.string("out", "target/forecast-example"));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        Path png = out.resolve("forecast-vs-actual.png");
        ForecastPlots.forecastVsActual(evaluation, 1, png);
        return new Result(arch, evaluation, forecaster.predict(weather), png);
    }
}
