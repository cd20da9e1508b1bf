package io.rnnkit.forecast.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.forecast.ForecastConfig;
import io.rnnkit.forecast.ForecastEvaluation;
import io.rnnkit.forecast.Forecaster;
import io.rnnkit.forecast.baseline.LinearAutoregression;
import io.rnnkit.forecast.baseline.Metrics;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.forecast.data.TimeSplit;
import io.rnnkit.forecast.data.WindowSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling-origin backtest of the forecasting defaults ({@link ForecastConfig#defaults()}, what {@code rnnkit
 * forecast train} uses): each test year is forecast by models trained only on the years before it, validation
 * carved from their end as usual, for {@code temp_max} and {@code temp_min} (each with the other three Seattle
 * columns as features), next day and 7 days ahead (a direct 7-day model, day 7 scored). Beside it, on the same
 * forecasts: persistence, climatology of the earlier years, and a {@link LinearAutoregression} on the same inputs
 * fitted on all earlier days. Nothing here was tuned on these years. Stdout carries only the JSON.
 *
 * <pre>
 * java … io.rnnkit.forecast.bench.BacktestBenchmark [--years 2013,2014,2015] [--targets temp_max,temp_min]
 *      [--csv FILE] [--members N --refit true|false --epochs N --units N]   (overrides, for quick checks only)
 * </pre>
 */
public final class BacktestBenchmark {
    private static final List<String> COLUMNS = List.of("temp_max", "temp_min", "precipitation", "wind");
    /** The linear baseline's ridge penalty on standardised inputs: negligible beside ~1,000 windows. */
    private static final double RIDGE = 1.0;
    private static final int WEEK = 7;

    private BacktestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream json = System.out;
        System.setOut(System.err);
        Map<String, String> opts = BenchArgs.parse(args);
        ForecastConfig d = ForecastConfig.defaults();
        ForecastConfig config = d.withEnsemble(Integer.parseInt(opts.getOrDefault("members", "" + d.members())),
                        Boolean.parseBoolean(opts.getOrDefault("refit", "" + d.refit())))
                .withTraining(Integer.parseInt(opts.getOrDefault("epochs", "" + d.epochs())), d.batchSize(),
                        d.learningRate(), d.patience())
                .withUnits(Integer.parseInt(opts.getOrDefault("units", "" + d.units())));
        Path csv = opts.containsKey("csv") ? Path.of(opts.get("csv"))
                : Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv");
        List<Integer> years = Arrays.stream(opts.getOrDefault("years", "2013,2014,2015").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        List<String> targets = List.of(opts.getOrDefault("targets", "temp_max,temp_min").split(","));
        json.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(run(csv, config, years, targets)));
    }

    /** The backtest as a JSON-ready map: config, one row per year and target, and the worst skills. */
    static Map<String, Object> run(Path csv, ForecastConfig config, List<Integer> years, List<String> targets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", csv.getFileName().toString());
        out.put("config", config.toMap());
        out.put("is_default_config", config.equals(ForecastConfig.defaults()));
        out.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        List<Map<String, Object>> rows = new ArrayList<>();
        double worstNextDay = Double.POSITIVE_INFINITY;
        double worstWeek = Double.POSITIVE_INFINITY;
        for (String target : targets) {
            String[] features = COLUMNS.stream().filter(c -> !c.equals(target)).toArray(String[]::new);
            TimeSeries all = TimeSeries.readCsv(csv, SeriesSpec.of("date", target.trim()).withFeatures(features));
            for (int year : years) {
                TimeSeries series = all.until(LocalDate.of(year, 12, 31));
                ForecastConfig c = config.withSplit(LocalDate.of(year, 1, 1), config.validationFraction());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("target", target);
                row.put("test_year", year);
                row.put("train_from", series.start().toString());
                row.put("validation_from", TimeSplit.beforeTest(series, c.testFrom(), c.validationFraction())
                        .validationFrom().toString());
                Map<String, Object> next = score(series, c, 1);
                Map<String, Object> week = score(series, c.withWindow(c.lookback(), WEEK, c.stride()), WEEK);
                row.put("next_day", next);
                row.put("day_7", week);
                rows.add(row);
                worstNextDay = Math.min(worstNextDay, (Double) next.get("skill"));
                worstWeek = Math.min(worstWeek, (Double) week.get("skill"));
                System.err.printf(java.util.Locale.ROOT, "%s %d: next-day skill %.3f, day-7 skill %.3f%n", target,
                        year, next.get("skill"), week.get("skill"));
            }
        }
        out.put("rows", rows);
        out.put("min_next_day_skill", worstNextDay);
        out.put("min_day_7_skill", worstWeek);
        return out;
    }

    /**
     * Trains the config on {@code series} (test period: from its test day to the end) and scores day {@code step}
     * of its horizon beside the baselines on exactly the same forecasts.
     */
    private static Map<String, Object> score(TimeSeries series, ForecastConfig c, int step) {
        Forecaster f = Forecaster.train(c, series);
        ForecastEvaluation e = f.evaluate(series);
        ForecastEvaluation.StepMetrics s = e.perStep().get(step - 1);
        int testRow = series.rowOf(c.testFrom());
        int[] origins = new WindowSpec(c.history(), c.horizon(), 1).origins(testRow, series.size());
        LinearAutoregression linear = LinearAutoregression.fit(series, testRow, c.lookback(), step, RIDGE);
        double[] actual = new double[origins.length];
        double[] predicted = new double[origins.length];
        for (int i = 0; i < origins.length; i++) {
            actual[i] = series.target(origins[i] + step - 1);
            predicted[i] = linear.predict(series, origins[i]);
        }
        double maeLinear = Metrics.mae(actual, predicted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("forecasts", origins.length);
        m.put("mae", s.mae());
        m.put("mae_persistence", s.maePersistence());
        m.put("mae_climatology", s.maeClimatology());
        m.put("mae_linear", maeLinear);
        m.put("skill", s.skill());
        m.put("skill_climatology", Metrics.skill(s.maeClimatology(), s.maePersistence()));
        m.put("skill_linear", Metrics.skill(maeLinear, s.maePersistence()));
        m.put("train_seconds", f.history().seconds());
        return m;
    }
}
