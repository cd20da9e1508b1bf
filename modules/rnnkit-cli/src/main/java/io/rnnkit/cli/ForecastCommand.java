package io.rnnkit.cli;

import io.rnnkit.forecast.Architecture;
import io.rnnkit.forecast.Forecast;
import io.rnnkit.forecast.ForecastConfig;
import io.rnnkit.forecast.ForecastEvaluation;
import io.rnnkit.forecast.Forecaster;
import io.rnnkit.forecast.HorizonStrategy;
import io.rnnkit.forecast.TrainingHistory;
import io.rnnkit.forecast.data.MissingValuePolicy;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.forecast.plot.ForecastPlots;
import io.rnnkit.nn.io.DataFingerprint;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit forecast train|eval|predict}: recurrent forecasting of one daily column of a CSV file, always
 * scored beside the persistence (tomorrow = today) and climatology baselines.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Daily time-series forecasting: train on a CSV file, evaluate against persistence and "
                + "climatology, forecast the next days.",
        subcommands = {ForecastCommand.Train.class, ForecastCommand.Eval.class, ForecastCommand.Predict.class})
public final class ForecastCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (train, eval or predict)");
    }

    /**
     * The default first test day: the last 365 days when the series covers at least three years (so 2015 for
     * Seattle 2012–2015), else the last fifth of the days.
     */
    static String json(Object value) {
        return JsonOutput.json(value);
    }

    static LocalDate defaultTestFrom(TimeSeries series) {
        int testDays = series.size() >= 3 * 365 ? 365 : Math.max(1, series.size() / 5);
        return series.end().minusDays(testDays - 1L);
    }

    static TimeSeries readSeries(Path csv, SeriesSpec spec, String missing) {
        InputFiles.requireFile(csv, "CSV file");
        return TimeSeries.readCsv(csv, spec.withMissingValues(policy(missing)));
    }

    static MissingValuePolicy policy(String name) {
        try {
            return MissingValuePolicy.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--missing must be interpolate or refuse, got '" + name + "'");
        }
    }

    static LocalDate date(String text, String option) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO date such as 2015-01-01, got '" + text + "'");
        }
    }

    /** Says on stderr what was missing in the file and what was done about it; silent for a clean file. */
    static void reportQuality(TimeSeries series, Path csv, PrintWriter err) {
        if (!series.quality().isClean()) {
            err.println("rnnkit: warning: " + csv.getFileName() + ": " + series.quality().summary());
            err.flush();
        }
    }

    /** "2015-12-20 temp_max" for every interpolated value in the {@code history} days before {@code origin}. */
    static List<String> filledInputs(TimeSeries series, int origin, int history) {
        List<String> filled = new ArrayList<>();
        for (int r = Math.max(0, origin - history); r < origin; r++) {
            for (int c = 0; c < series.columns().size(); c++) {
                if (series.isFilled(c, r)) {
                    filled.add(series.date(r) + " " + series.columns().get(c));
                }
            }
        }
        return filled;
    }

    /** Model, persistence and climatology side by side, then the per-day scores when the horizon is longer. */
    static void printEvaluation(ForecastEvaluation e, PrintWriter out) {
        out.printf(Locale.ROOT, "%s, %s..%s: %d forecast(s) of %d day(s)%n", e.target(), e.from(), e.to(),
                e.windows(), e.horizon());
        out.printf(Locale.ROOT, "  %-12s %7s %7s%n", "", "MAE", "RMSE");
        out.printf(Locale.ROOT, "  %-12s %7.3f %7.3f%n", "model", e.mae(), e.rmse());
        out.printf(Locale.ROOT, "  %-12s %7.3f %7.3f%n", "persistence", e.maePersistence(), e.rmsePersistence());
        out.printf(Locale.ROOT, "  %-12s %7.3f %7.3f%n", "climatology", e.maeClimatology(), e.rmseClimatology());
        out.printf(Locale.ROOT, "skill against persistence: %.3f%n", e.skill());
        if (e.excludedInterpolated() > 0) {
            out.printf(Locale.ROOT, "(%d forecast day(s) left out: their actual value was missing and only interpolated)%n",
                    e.excludedInterpolated());
        }
        if (e.horizon() > 1) {
            out.printf(Locale.ROOT, "  %-5s %7s %12s %12s %7s%n", "day", "MAE", "persistence", "climatology", "skill");
            for (ForecastEvaluation.StepMetrics s : e.perStep()) {
                out.printf(Locale.ROOT, "  %-5d %7.3f %12.3f %12.3f %7.3f%n", s.step(), s.mae(), s.maePersistence(),
                        s.maeClimatology(), s.skill());
            }
        }
    }

    /** {@code rnnkit forecast train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a forecaster on a CSV file (one row per day) and save it.",
                "The days before --test-from are split in time: the last --validation-fraction validates (early "
                        + "stopping), the rest trains. The test period is scored at the end, beside persistence "
                        + "and climatology.",
                "The defaults, shown below, are ForecastConfig.defaults(): the best settings measured on "
                        + "validation data, an ensemble of refitted networks (--members 1 --no-refit trains one "
                        + "network, several times faster)."},
            defaultValueProvider = ForecastCommand.TrainDefaults.class)
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        MonitoringOptions monitoring;

        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
        Path csv;

        @Option(names = "--date-column", defaultValue = "date",
                description = "Column of ISO dates (default: ${DEFAULT-VALUE}).")
        String dateColumn;

        @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "Numeric column to forecast.")
        String target;

        @Option(names = "--features", split = ",", paramLabel = "COLUMN",
                description = "Further numeric input columns, comma-separated (default: none).")
        List<String> features = new ArrayList<>();

        @Option(names = {"--cell", "--arch"}, paramLabel = "lstm|stacked-lstm|bidirectional-lstm|gru",
                description = "Recurrent network (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--out", required = true, paramLabel = "MODEL", converter = InputFiles.OutputFile.class, description = "Model file to write (.rnnk).")
        Path out;

        @Option(names = "--horizon", paramLabel = "DAYS", description = "Days forecast at once (default: ${DEFAULT-VALUE}).")
        Integer horizon;

        @Option(names = "--lookback", paramLabel = "DAYS", description = "Days of history per input window (default: ${DEFAULT-VALUE}).")
        Integer lookback;

        @Option(names = "--strategy", paramLabel = "direct|recursive",
                description = "Multi-day forecasts from one multi-output head (direct) or by feeding forecasts back "
                        + "(recursive) (default: ${DEFAULT-VALUE}).")
        String strategy;

        @Option(names = "--units", description = "Units per recurrent layer (default: ${DEFAULT-VALUE}).")
        Integer units;

        @Option(names = "--epochs", description = "Maximum epochs; early stopping usually ends training sooner "
                + "(default: ${DEFAULT-VALUE}).")
        Integer epochs;

        @Option(names = "--patience", description = "Epochs without a better validation loss before stopping; "
                + "0 = never (default: ${DEFAULT-VALUE}).")
        Integer patience;

        @Option(names = {"--learning-rate", "--lr"}, description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
        Double learningRate;

        @Option(names = "--minutes", description = "Wall-clock training budget in minutes (default: none).")
        Double minutes;

        @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
        Long seed;

        @Option(names = "--test-from", paramLabel = "DATE", description = "First day of the test period (default: the "
                + "last 365 days when the file covers three years, else the last fifth).")
        String testFrom;

        @Option(names = "--no-calendar", description = "Leave out the day-of-year sine and cosine inputs.")
        boolean noCalendar;

        @Option(names = "--center", paramLabel = "DAYS", description = "Centre every input column on its mean over "
                + "the DAYS before each forecast instead of the training mean; 0 = off (default: ${DEFAULT-VALUE}).")
        Integer center;

        @Option(names = "--members", paramLabel = "N", description = "Train N networks from different seeds and "
                + "average their forecasts; training takes about N times as long as one (default: ${DEFAULT-VALUE}).")
        Integer members;

        // arity 0..1 with fallback true: a plain boolean flag whose default is true would be switched off by --refit
        @Option(names = "--refit", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
                description = "After early stopping has chosen the epoch count, train each network "
                + "afresh for that many epochs on the training and validation days together (default: "
                + "${DEFAULT-VALUE}).")
        Boolean refit;

        @Option(names = "--no-refit", description = "Keep the networks early stopping chose, without the refit.")
        boolean noRefit;

        @Option(names = "--missing", defaultValue = "interpolate", paramLabel = "interpolate|refuse",
                description = "Missing values and absent days: fill by linear interpolation in time, or refuse the "
                        + "file (default: ${DEFAULT-VALUE}). Either way they are reported.")
        String missing;

        @Option(names = "--plot-curves", paramLabel = "PNG", description = "Write the training and validation loss curves.")
        Path plotCurves;

        @Option(names = "--plot", paramLabel = "PNG", description = "Write the next-day forecast vs actual over the test period.")
        Path plot;

        @Option(names = "--json", description = "Print one JSON object with the results instead of text.")
        boolean json;

        @Option(names = "--quiet", description = "No per-epoch lines.")
        boolean quiet;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TimeSeries series = readSeries(csv, SeriesSpec.of(dateColumn, target)
                    .withFeatures(features.toArray(String[]::new)), missing);
            reportQuality(series, csv, err);
            ForecastConfig config;
            try {
                config = config(series);
            } catch (IllegalArgumentException e) {
                // a bad option value is a usage error (exit 2), not a failed run
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            List<TrainingListener> listeners = new ArrayList<>();
            if (!json && !quiet) {
                listeners.add(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochMetrics m) {
                        err.printf(Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f%n", m.epoch(), m.trainLoss(),
                                m.validationLoss());
                        err.flush();
                    }
                });
            }
            Forecaster model = Forecaster.train(config, series, listeners.toArray(TrainingListener[]::new));
            ForecastEvaluation test = model.evaluate(series);
            Map<String, Double> scores = new LinkedHashMap<>();
            scores.put("test_mae", test.mae());
            scores.put("test_rmse", test.rmse());
            scores.put("test_mae_persistence", test.maePersistence());
            scores.put("test_mae_climatology", test.maeClimatology());
            scores.put("test_skill", test.skill());
            model.save(this.out, DataFingerprint.ofFiles(csv), scores);
            if (plotCurves != null) {
                ForecastPlots.trainingCurves(model.history(), plotCurves);
            }
            if (plot != null) {
                ForecastPlots.forecastVsActual(test, 1, plot);
            }
            TrainingHistory h = model.history();
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("model", this.out.toString());
                result.put("config", config.toMap());
                result.put("columns", series.columns());
                result.put("parameters", model.parameterCount());
                result.put("epochs", h.epochs().size());
                result.put("best_epoch", h.bestEpoch());
                result.put("stop_reason", h.stopReason());
                result.put("seconds", h.seconds());
                result.put("data_quality", series.quality().toMap());
                result.put("test", test.toMap());
                out.println(json(result));
            } else {
                out.printf(Locale.ROOT, "trained %s (%,d parameters) on %s: %d epoch(s), %s, best epoch %d, %.1f s%n",
                        config.architecture(), model.parameterCount(), String.join(", ", series.columns())
                                + (config.calendarFeatures() ? " + day of year" : ""), h.epochs().size(),
                        h.stopReason(), h.bestEpoch(), h.seconds());
                out.print("test period: ");
                printEvaluation(test, out);
                out.println("saved " + this.out);
            }
            out.flush();
            return Rnnkit.OK;
        }

        ForecastConfig config(TimeSeries series) {
            ForecastConfig d = ForecastConfig.defaults();
            ForecastConfig c = d.withWindow(lookback != null ? lookback : d.lookback(),
                    horizon != null ? horizon : d.horizon(), d.stride());
            if (arch != null) {
                c = c.withArchitecture(Architecture.fromName(arch));
            }
            if (strategy != null) {
                c = c.withStrategy(HorizonStrategy.fromName(strategy));
            }
            if (units != null) {
                c = c.withUnits(units);
            }
            c = c.withTraining(epochs != null ? epochs : d.epochs(), d.batchSize(),
                    learningRate != null ? learningRate : d.learningRate(), patience != null ? patience : d.patience());
            if (minutes != null) {
                if (!(minutes > 0)) {
                    throw new IllegalArgumentException("--minutes must be positive, got " + minutes);
                }
                c = c.withTimeBudget(Duration.ofMillis(Math.round(minutes * 60_000)));
            }
            if (seed != null) {
                c = c.withSeed(seed);
            }
            if (noCalendar) {
                c = c.withCalendarFeatures(false);
            }
            if (center != null) {
                c = c.withCentering(center);
            }
            if (noRefit && spec.commandLine().getParseResult().hasMatchedOption("--refit")) {
                throw new IllegalArgumentException("--refit and --no-refit exclude each other");
            }
            c = c.withEnsemble(members != null ? members : d.members(),
                    !noRefit && (refit != null ? refit : d.refit()));
            LocalDate from = testFrom != null ? date(testFrom, "--test-from") : defaultTestFrom(series);
            if (!from.isAfter(series.start()) || from.isAfter(series.end())) {
                throw new IllegalArgumentException("--test-from " + from + " must lie inside the series " + series.start()
                        + ".." + series.end() + " with days before it to train on");
            }
            return c.withSplit(from, d.validationFraction());
        }
    }

    /** {@code forecast train}'s option defaults: those of {@link ForecastConfig#defaults()}. */
    static final class TrainDefaults extends ConfigDefaults {
        @Override
        Map<String, Object> defaults() {
            ForecastConfig d = ForecastConfig.defaults();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("--arch", d.architecture().cliName());
            m.put("--strategy", d.strategy().cliName());
            m.put("--lookback", d.lookback());
            m.put("--horizon", d.horizon());
            m.put("--units", d.units());
            m.put("--epochs", d.epochs());
            m.put("--patience", d.patience());
            m.put("--lr", d.learningRate());
            m.put("--seed", d.seed());
            m.put("--center", d.centerDays());
            m.put("--members", d.members());
            m.put("--refit", d.refit());
            return m;
        }
    }

    /** {@code rnnkit forecast eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Score a forecaster on a CSV file beside persistence and climatology (MAE, RMSE, skill).")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:forecast", paramLabel = "MODEL",
                description = "Model file or builtin:forecast (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--csv", required = true, paramLabel = "FILE",
                description = "CSV file with the model's date, target and feature columns.")
        Path csv;

        @Option(names = "--from", paramLabel = "DATE",
                description = "First forecast day scored (default: the model's test period).")
        String from;

        @Option(names = "--missing", defaultValue = "interpolate", paramLabel = "interpolate|refuse",
                description = "Missing values and absent days (default: ${DEFAULT-VALUE}).")
        String missing;

        @Option(names = "--plot", paramLabel = "PNG", description = "Write forecast vs actual over the period.")
        Path plot;

        @Option(names = "--plot-day", defaultValue = "1", paramLabel = "N",
                description = "Which day of the horizon the plot shows (default: ${DEFAULT-VALUE}, the next day).")
        int plotDay;

        @Option(names = "--json", description = "Print one JSON object (mae, rmse, mae_persistence, rmse_persistence, "
                + "mae_climatology, rmse_climatology, skill, per_step, period).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Forecaster f = Forecaster.load(model);
            TimeSeries series = readSeries(csv, f.seriesSpec(), missing);
            reportQuality(series, csv, spec.commandLine().getErr());
            ForecastEvaluation e = from == null ? f.evaluate(series) : f.evaluate(series, date(from, "--from"));
            if (plot != null) {
                ForecastPlots.forecastVsActual(e, plotDay, plot);
            }
            if (json) {
                out.println(json(e.toMap()));
            } else {
                printEvaluation(e, out);
                if (plot != null) {
                    out.println("plot: " + plot);
                }
            }
            out.flush();
            return Rnnkit.OK;
        }
    }

    /** {@code rnnkit forecast predict}. */
    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = {"Forecast the model's horizon after the last row of a CSV file, or from --from DATE using "
                    + "only the days before it.",
                "Beside each day: the persistence forecast (the last observed value) and, when the file has it, the "
                        + "actual value."})
    static final class Predict implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "builtin:forecast", paramLabel = "MODEL",
                description = "Model file or builtin:forecast (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--csv", required = true, paramLabel = "FILE",
                description = "CSV file with the model's date, target and feature columns.")
        Path csv;

        @Option(names = "--from", paramLabel = "DATE",
                description = "First forecast day (default: the day after the last row).")
        String from;

        @Option(names = "--missing", defaultValue = "interpolate", paramLabel = "interpolate|refuse",
                description = "Missing values and absent days (default: ${DEFAULT-VALUE}).")
        String missing;

        @Option(names = "--json", description = "Print one JSON object: target, last_observed and per day date, "
                + "forecast, persistence and actual (null when the file ends before that day).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Forecaster f = Forecaster.load(model);
            TimeSeries series = readSeries(csv, f.seriesSpec(), missing);
            reportQuality(series, csv, spec.commandLine().getErr());
            Forecast forecast = from == null ? f.predict(series) : f.predict(series, date(from, "--from"));
            LocalDate first = forecast.days().get(0).date();
            int origin = series.rowOf(first);
            // The last day actually observed (an interpolated day is not an observation), as Persistence uses it.
            int lastRow = origin - 1;
            while (lastRow > 0 && series.isTargetFilled(lastRow)) {
                lastRow--;
            }
            double persistence = series.target(lastRow);
            List<String> filledInputs = filledInputs(series, origin, f.config().history());
            if (!filledInputs.isEmpty()) {
                spec.commandLine().getErr().println("rnnkit: note: the model read " + filledInputs.size()
                        + " interpolated value(s) among its inputs (missing in " + csv.getFileName() + "): "
                        + String.join(", ", filledInputs));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Forecast.Day d : forecast.days()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("date", d.date().toString());
                row.put("forecast", d.value());
                row.put("persistence", persistence);
                // A missing actual is shown as missing (null), never as its interpolation.
                boolean known = !d.date().isAfter(series.end()) && !series.isTargetFilled(series.rowOf(d.date()));
                row.put("actual", known ? series.target(series.rowOf(d.date())) : null);
                rows.add(row);
            }
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("target", forecast.target());
                result.put("last_observed", Map.of("date", series.date(lastRow).toString(), "value", persistence));
                result.put("interpolated_inputs", filledInputs);
                result.put("days", rows);
                out.println(json(result));
            } else {
                out.printf(Locale.ROOT, "%s forecast from %s (last observed %s: %.2f)%n", forecast.target(), first,
                        series.date(lastRow), persistence);
                out.printf(Locale.ROOT, "  %-10s %9s %12s %8s%n", "date", "forecast", "persistence", "actual");
                for (Map<String, Object> row : rows) {
                    Object actual = row.get("actual");
                    out.printf(Locale.ROOT, "  %-10s %9.2f %12.2f %8s%n", row.get("date"), (Double) row.get("forecast"),
                            persistence, actual == null ? "-" : String.format(Locale.ROOT, "%.2f", (Double) actual));
                }
            }
            out.flush();
            return Rnnkit.OK;
        }
    }
}
