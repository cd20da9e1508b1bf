package io.rnnkit.forecast.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.forecast.Architecture;
import io.rnnkit.forecast.ForecastConfig;
import io.rnnkit.forecast.ForecastEvaluation;
import io.rnnkit.forecast.Forecaster;
import io.rnnkit.forecast.HorizonStrategy;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.forecast.data.TimeSplit;
import io.rnnkit.forecast.plot.ForecastPlots;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains each architecture with several seeds on Seattle {@code temp_max} (features {@code temp_min},
 * {@code precipitation}, {@code wind}; test 2015) and prints MAE mean ± std, skill against persistence and
 * training time as JSON, with the MAE on the validation period (the last 20 % of the days before 2015, which
 * early stopping watches; settings are compared there, not on the test year; after {@code --refit true} those
 * days were trained on and the figure is no longer held out). Then compares direct and recursive 7-day forecasts.
 * Stdout carries only the JSON; progress goes to stderr.
 *
 * <pre>
 * java … io.rnnkit.forecast.bench.ForecastBenchmark [--seeds 5] [--epochs 40] [--archs lstm,gru]
 *      [--horizon-seeds 2] [--lookback 14] [--center 30] [--units 32] [--lr 0.003] [--patience 6] [--budget SECONDS]
 *      [--members 3] [--refit true] [--plot-dir DIR] [--csv FILE]
 * </pre>
 */
public final class ForecastBenchmark {
    private ForecastBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // stdout carries only the JSON: whatever else writes there (a logging backend without configuration
        // prints to stdout) goes to stderr
        PrintStream json = System.out;
        System.setOut(System.err);
        Map<String, String> opts = BenchArgs.parse(args);
        int seeds = Integer.parseInt(opts.getOrDefault("seeds", "5"));
        int epochs = Integer.parseInt(opts.getOrDefault("epochs", "40"));
        int horizonSeeds = Integer.parseInt(opts.getOrDefault("horizon-seeds", "2"));
        List<Architecture> archs = Arrays.stream(opts.getOrDefault("archs",
                "lstm,stacked-lstm,bidirectional-lstm,gru").split(",")).map(Architecture::fromName).toList();
        Path csv = opts.containsKey("csv") ? Path.of(opts.get("csv"))
                : Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv");
        TimeSeries series = TimeSeries.readCsv(csv,
                SeriesSpec.of("date", "temp_max").withFeatures("temp_min", "precipitation", "wind"));
        ForecastConfig defaults = ForecastConfig.defaults();
        ForecastConfig base = defaults
                .withWindow(Integer.parseInt(opts.getOrDefault("lookback", String.valueOf(defaults.lookback()))), 1, 1)
                .withUnits(Integer.parseInt(opts.getOrDefault("units", String.valueOf(defaults.units()))))
                .withCentering(Integer.parseInt(opts.getOrDefault("center", String.valueOf(defaults.centerDays()))))
                .withTraining(epochs, defaults.batchSize(),
                        Double.parseDouble(opts.getOrDefault("lr", String.valueOf(defaults.learningRate()))),
                        Integer.parseInt(opts.getOrDefault("patience", String.valueOf(defaults.patience()))))
                .withEnsemble(Integer.parseInt(opts.getOrDefault("members", String.valueOf(defaults.members()))),
                        Boolean.parseBoolean(opts.getOrDefault("refit", String.valueOf(defaults.refit()))))
                .withTimeBudget(Duration.ofSeconds(Long.parseLong(opts.getOrDefault("budget", "0"))));
        Path plotDir = opts.containsKey("plot-dir") ? Path.of(opts.get("plot-dir")) : null;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", csv.getFileName().toString());
        out.put("target", series.targetName());
        out.put("features", series.columns().subList(1, series.columns().size()));
        out.put("config", base.toMap());
        out.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Architecture a : archs) {
            rows.add(run(series, base.withArchitecture(a), seeds, a.cliName(), plotDir));
        }
        out.put("next_day", rows);

        List<Map<String, Object>> horizon = new ArrayList<>();
        if (horizonSeeds > 0) {
            for (HorizonStrategy s : HorizonStrategy.values()) {
                horizon.add(run(series, base.withWindow(base.lookback(), 7, 1).withStrategy(s), horizonSeeds,
                        base.architecture().cliName() + " 7-day " + s.cliName(), plotDir));
            }
        }
        out.put("seven_day", horizon);
        json.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    }

    private static Map<String, Object> run(TimeSeries series, ForecastConfig config, int seeds, String name,
                                           Path plotDir) {
        double[] mae = new double[seeds];
        double[] rmse = new double[seeds];
        double[] valMae = new double[seeds];
        // the validation period (early stopping's, never the test year) is where settings are compared
        LocalDate validationFrom = TimeSplit.beforeTest(series, config.testFrom(), config.validationFraction())
                .validationFrom();
        TimeSeries beforeTest = series.until(config.testFrom().minusDays(1));
        double valPersistence = Double.NaN;
        double[] seconds = new double[seeds];
        int[] epochs = new int[seeds];
        ForecastEvaluation last = null;
        for (int s = 0; s < seeds; s++) {
            Forecaster f = Forecaster.train(config.withSeed(1000L + s), series);
            last = f.evaluate(series);
            mae[s] = last.mae();
            rmse[s] = last.rmse();
            // after a refit the validation days were trained on: the figure is then not a held-out score
            ForecastEvaluation val = f.evaluate(beforeTest, validationFrom);
            valMae[s] = val.mae();
            valPersistence = val.maePersistence();
            seconds[s] = f.history().seconds();
            epochs[s] = f.history().epochs().size();
            if (plotDir != null && s == 0) {
                String file = name.replace(' ', '-');
                ForecastPlots.forecastVsActual(last, 1, plotDir.resolve(file + "-forecast.png"));
                ForecastPlots.trainingCurves(f.history(), plotDir.resolve(file + "-training.png"));
            }
            System.err.printf(java.util.Locale.ROOT, "%s seed %d: %s (%d epochs, %.1f s)%n", name, s,
                    last.summary(), epochs[s], seconds[s]);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", name);
        row.put("seeds", seeds);
        row.put("mae_mean", mean(mae));
        row.put("mae_std", std(mae));
        row.put("rmse_mean", mean(rmse));
        row.put("mae_persistence", last.maePersistence());
        row.put("mae_climatology", last.maeClimatology());
        row.put("skill_mean", 1 - mean(mae) / last.maePersistence());
        row.put("val_mae_mean", mean(valMae));
        row.put("val_skill_mean", 1 - mean(valMae) / valPersistence);
        row.put("train_seconds_mean", mean(seconds));
        row.put("epochs_mean", Arrays.stream(epochs).average().orElse(0));
        row.put("mae_per_step", last.perStep().stream().map(ForecastEvaluation.StepMetrics::mae).toList());
        return row;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double std(double[] v) {
        double m = mean(v);
        return v.length < 2 ? 0 : Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
