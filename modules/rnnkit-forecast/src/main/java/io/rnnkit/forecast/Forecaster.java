package io.rnnkit.forecast;

import com.fasterxml.jackson.core.type.TypeReference;
import io.rnnkit.forecast.baseline.Climatology;
import io.rnnkit.forecast.baseline.Metrics;
import io.rnnkit.forecast.baseline.Persistence;
import io.rnnkit.forecast.data.CalendarFeatures;
import io.rnnkit.forecast.data.MissingValuePolicy;
import io.rnnkit.forecast.data.Normalizer;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.forecast.data.TimeSplit;
import io.rnnkit.forecast.data.WindowSpec;
import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.io.DataFingerprint;
import io.rnnkit.nn.io.LoadedModel;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.io.ModelLocation;
import io.rnnkit.nn.train.TrainingListener;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recurrent forecaster of one daily target from a window of past days.
 *
 * <pre>{@code
 * TimeSeries s = TimeSeries.readCsv(csv, SeriesSpec.of("date", "temp_max").withFeatures("temp_min", "wind"));
 * Forecaster f = Forecaster.train(ForecastConfig.defaults().withArchitecture(Architecture.GRU), s);
 * ForecastEvaluation e = f.evaluate(s);          // test period of the config, with baselines
 * Forecast next = f.predict(s);                  // the days after the last row
 * f.save(Path.of("weather.rnnk"));
 * }</pre>
 *
 * <p>Each input day holds every column of the series, standardised with statistics of the training period,
 * plus (optionally) day-of-year sine and cosine. The network forecasts the <em>change</em> from the last
 * observed day rather than the level, so an untrained network starts out as the persistence forecast and
 * training learns what to add to it.
 *
 * <p>Immutable and thread-safe: one instance may forecast and evaluate from any number of threads at once. DL4J
 * trains the network and stores it in the model file; forecasts run on rnnkit's inference engine, a snapshot of
 * the trained weights taken once when the forecaster is trained or loaded.
 */
public final class Forecaster {
    /** The task name in model files. */
    public static final String TASK = "forecast";

    private static final String CONFIG_ENTRY = "forecast.json";
    private static final String NORMALIZER_ENTRY = "normalizer.json";
    private static final String HISTORY_ENTRY = "history.json";

    private final ForecastConfig config;
    private final String dateColumn;
    private final Normalizer normalizer;
    /** Training's network, kept for saving and its parameter count; never run to forecast. */
    private final ComputationGraph network;
    /** What every forecast runs on: the network's weights, copied once. */
    private final InferenceNetwork engine;
    private final TrainingHistory history;

    /** A forecaster of a trained (or loaded) {@code network}; its weights must no longer change. */
    Forecaster(ForecastConfig config, String dateColumn, Normalizer normalizer, ComputationGraph network,
               TrainingHistory history) {
        this.config = config;
        this.dateColumn = dateColumn;
        this.normalizer = normalizer;
        this.network = network;
        this.engine = InferenceNetwork.of(network);
        this.history = history;
    }

    /**
     * Trains on the days before the validation period, stopping early on the validation loss. A progress bar is
     * drawn when a console is attached; {@code listeners} receive per-epoch metrics (e.g. for live plots).
     * With {@link ForecastConfig#members()} above 1 that many networks are trained and their forecasts averaged;
     * with {@link ForecastConfig#refit()} each is then retrained on training + validation days for the epoch count
     * early stopping chose.
     *
     * @throws IllegalArgumentException if the series is too short for the split and window settings
     */
    public static Forecaster train(ForecastConfig config, TimeSeries series, TrainingListener... listeners) {
        TimeSplit split = TimeSplit.beforeTest(series, config.testFrom(), config.validationFraction());
        int trainRows = split.trainRows(series);
        int testRow = series.rowOf(config.testFrom());
        Normalizer normalizer = Normalizer.fit(series, trainRows);
        double[][] features = features(series, normalizer, config.calendarFeatures());
        int columns = series.columns().size();
        boolean direct = config.strategy() == HorizonStrategy.DIRECT;
        int trainHorizon = direct ? config.horizon() : 1;
        int[] trainOrigins = new WindowSpec(config.history(), trainHorizon, config.stride()).origins(0, trainRows);
        int[] valOrigins = new WindowSpec(config.history(), trainHorizon, 1).origins(trainRows, testRow);
        if (trainOrigins.length < config.batchSize() / 2 + 1 || valOrigins.length == 0) {
            throw new IllegalArgumentException("too little data: " + trainOrigins.length + " training and "
                    + valOrigins.length + " validation windows for lookback " + config.lookback() + " and horizon "
                    + trainHorizon + " (training " + series.start() + ".." + split.validationFrom().minusDays(1)
                    + ", validation to " + config.testFrom().minusDays(1) + ")");
        }
        int outputs = direct ? config.horizon() : columns;
        float[][][] xTrain = windows(config, features, trainOrigins, columns);
        double[][] yTrain = changes(features, trainOrigins, direct, config.horizon(), columns);
        float[][][] xVal = windows(config, features, valOrigins, columns);
        double[][] yVal = changes(features, valOrigins, direct, config.horizon(), columns);
        List<ComputationGraph> members = new ArrayList<>();
        TrainingHistory history = null;
        double seconds = 0;
        for (int m = 0; m < config.members(); m++) {
            ForecastConfig member = config.withSeed(memberSeed(config.seed(), m));
            ComputationGraph net = ForecastNetwork.build(member, features[0].length, outputs);
            TrainingHistory h = ForecastNetwork.fit(net, member, xTrain, yTrain, xVal, yVal, normalizer.std(0),
                    listeners);
            seconds += h.seconds();
            if (config.refit()) {
                // the same network trained afresh on training + validation for the epochs early stopping chose
                ForecastConfig again = member.withTraining(Math.max(1, h.bestEpoch()), config.batchSize(),
                        config.learningRate(), 0);
                net = ForecastNetwork.build(again, features[0].length, outputs);
                seconds += ForecastNetwork.fit(net, again, concat(xTrain, xVal), concat(yTrain, yVal), null, null)
                        .seconds();
            }
            members.add(net);
            history = history == null ? h : history;
        }
        ComputationGraph net = members.size() == 1 ? members.get(0)
                : ForecastNetwork.average(config, features[0].length, outputs, members);
        history = new TrainingHistory(history.epochs(), history.bestEpoch(), seconds, history.stopReason());
        return new Forecaster(config, series.dateColumn(), normalizer, net, history);
    }

    /**
     * The seed of ensemble member {@code m}: the config's seed for the first, then steps of a large odd constant, so
     * that ensembles trained from nearby seeds (a benchmark's 1000, 1001, …) share no member.
     */
    static long memberSeed(long seed, int m) {
        return seed + m * 0x9E3779B97F4A7C15L;
    }

    private static <T> T[] concat(T[] a, T[] b) {
        T[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The training targets: change of the target (direct) or of every column (recursive) from day t-1. */
    private static double[][] changes(double[][] features, int[] origins, boolean direct, int horizon, int columns) {
        double[][] y = new double[origins.length][direct ? horizon : columns];
        for (int i = 0; i < origins.length; i++) {
            int t = origins[i];
            if (direct) {
                for (int s = 0; s < horizon; s++) {
                    y[i][s] = features[t + s][0] - features[t - 1][0];
                }
            } else {
                for (int c = 0; c < columns; c++) {
                    y[i][c] = features[t][c] - features[t - 1][c];
                }
            }
        }
        return y;
    }

    /** The input windows {@code [example][step][feature]} of the forecasts starting at {@code origins}. */
    private static float[][][] windows(ForecastConfig c, double[][] rows, int[] origins, int columns) {
        float[][][] x = new float[origins.length][][];
        for (int i = 0; i < origins.length; i++) {
            x[i] = window(c, rows, origins[i], columns);
        }
        return x;
    }

    /**
     * The input window {@code [step][feature]} of the forecast whose first day is row {@code end} of {@code rows}:
     * the {@code lookback} rows before it. With centring, the first {@code columns} features of every day are taken
     * relative to their mean over the {@code centerDays} rows before {@code end}; the calendar features are not.
     */
    static float[][] window(ForecastConfig c, double[][] rows, int end, int columns) {
        int lookback = c.lookback();
        int width = rows[end - 1].length;
        double[] center = new double[columns];
        int k = c.centerDays();
        for (int r = end - k; r < end; r++) {
            for (int f = 0; f < columns; f++) {
                center[f] += rows[r][f] / k;
            }
        }
        float[][] x = new float[lookback][width];
        for (int j = 0; j < lookback; j++) {
            double[] day = rows[end - lookback + j];
            for (int f = 0; f < width; f++) {
                x[j][f] = (float) (f < columns ? day[f] - center[f] : day[f]);
            }
        }
        return x;
    }

    /** {@code [row][feature]}: the standardised columns, then the calendar features. */
    private static double[][] features(TimeSeries s, Normalizer n, boolean calendar) {
        n.checkColumns(s);
        int k = s.columns().size();
        double[][] f = new double[s.size()][k + (calendar ? CalendarFeatures.COUNT : 0)];
        for (int r = 0; r < s.size(); r++) {
            for (int c = 0; c < k; c++) {
                f[r][c] = n.normalize(c, s.value(c, r));
            }
            if (calendar) {
                System.arraycopy(CalendarFeatures.of(s.date(r)), 0, f[r], k, CalendarFeatures.COUNT);
            }
        }
        return f;
    }

    /**
     * Forecasts of the target, in its units, for the windows starting at {@code origins}:
     * {@code [window][step]}. Only rows before each origin are read.
     */
    double[][] forecastAt(TimeSeries series, int[] origins) {
        double[][] features = features(series, normalizer, config.calendarFeatures());
        int h = config.horizon();
        int history = config.history();
        int columns = series.columns().size();
        double[][] normalised = new double[origins.length][h];
        if (config.strategy() == HorizonStrategy.DIRECT) {
            float[][] out = output(windows(config, features, origins, columns));
            for (int i = 0; i < origins.length; i++) {
                for (int s = 0; s < h; s++) {
                    normalised[i][s] = features[origins[i] - 1][0] + out[i][s];
                }
            }
        } else {
            int width = features[0].length;
            // per forecast: the observed days it reads, then its own forecasts as they are made
            double[][][] buffer = new double[origins.length][history + h][];
            for (int i = 0; i < origins.length; i++) {
                for (int j = 0; j < history; j++) {
                    buffer[i][j] = features[origins[i] - history + j].clone();
                }
            }
            for (int s = 0; s < h; s++) {
                float[][][] x = new float[origins.length][][];
                for (int i = 0; i < origins.length; i++) {
                    x[i] = window(config, buffer[i], history + s, columns);
                }
                float[][] out = output(x);
                for (int i = 0; i < origins.length; i++) {
                    double[] previous = buffer[i][history + s - 1];
                    double[] next = new double[width];
                    for (int c = 0; c < columns; c++) {
                        next[c] = previous[c] + out[i][c];
                    }
                    if (config.calendarFeatures()) {
                        LocalDate day = series.start().plusDays(origins[i] + s);
                        System.arraycopy(CalendarFeatures.of(day), 0, next, columns, CalendarFeatures.COUNT);
                    }
                    buffer[i][history + s] = next;
                    normalised[i][s] = next[0];
                }
            }
        }
        double[][] values = new double[origins.length][h];
        for (int i = 0; i < origins.length; i++) {
            for (int s = 0; s < h; s++) {
                values[i][s] = normalizer.denormalize(0, normalised[i][s]);
            }
        }
        return values;
    }

    /** The network's outputs (changes from the last day, normalised) for windows {@code [window][step][feature]}. */
    float[][] output(float[][][] windows) {
        return engine.outputVectors(windows);
    }

    /** Evaluates on the test period of the config (from {@link ForecastConfig#testFrom()} to the end). */
    public ForecastEvaluation evaluate(TimeSeries series) {
        return evaluate(series, config.testFrom());
    }

    /**
     * Evaluates every forecast whose first day is {@code from} or later and whose horizon ends inside the
     * series. Climatology is fitted on the days before {@code from}.
     */
    public ForecastEvaluation evaluate(TimeSeries series, LocalDate from) {
        normalizer.checkColumns(series);
        int h = config.horizon();
        int fromRow = series.rowOf(from);
        if (from.isBefore(series.start()) || fromRow >= series.size()) {
            throw new IllegalArgumentException("evaluation start " + from + " is outside the series " + series.start()
                    + ".." + series.end());
        }
        if (fromRow < config.history()) {
            throw new IllegalArgumentException("evaluation from " + from + " needs " + config.history()
                    + " days of history before it; the series starts " + series.start());
        }
        int[] origins = new WindowSpec(config.history(), h, 1).origins(fromRow, series.size());
        if (origins.length == 0) {
            throw new IllegalArgumentException("no " + h + "-day forecast fits between " + from + " and " + series.end());
        }
        Climatology climatology = Climatology.fit(series, fromRow);
        double[][] predicted = forecastAt(series, origins);
        double[][] actual = new double[origins.length][h];
        double[][] persistence = new double[origins.length][];
        double[][] clim = new double[origins.length][h];
        List<LocalDate> originDates = new ArrayList<>();
        int excluded = 0;
        for (int i = 0; i < origins.length; i++) {
            originDates.add(series.date(origins[i]));
            persistence[i] = Persistence.forecast(series, origins[i], h);
            for (int s = 0; s < h; s++) {
                // A day the file lacked was interpolated for the inputs; it is not what happened, so not scored.
                boolean filled = series.isTargetFilled(origins[i] + s);
                actual[i][s] = filled ? Double.NaN : series.target(origins[i] + s);
                excluded += filled ? 1 : 0;
                clim[i][s] = climatology.predict(series.date(origins[i] + s));
            }
        }
        if (excluded == origins.length * h) {
            throw new IllegalArgumentException("every target value from " + from + " on was interpolated (missing in "
                    + "the file): there is nothing observed to score");
        }
        List<ForecastEvaluation.StepMetrics> steps = new ArrayList<>();
        for (int s = 0; s < h; s++) {
            Observed o = Observed.of(column(actual, s), column(predicted, s), column(persistence, s), column(clim, s));
            double mae = Metrics.mae(o.actual, o.model);
            double maeP = Metrics.mae(o.actual, o.persistence);
            steps.add(new ForecastEvaluation.StepMetrics(s + 1, mae, Metrics.rmse(o.actual, o.model), maeP,
                    Metrics.mae(o.actual, o.climatology), Metrics.skill(mae, maeP)));
        }
        Observed o = Observed.of(flatten(actual), flatten(predicted), flatten(persistence), flatten(clim));
        double mae = Metrics.mae(o.actual, o.model);
        double maeP = Metrics.mae(o.actual, o.persistence);
        return new ForecastEvaluation(series.targetName(), series.date(origins[0]),
                series.date(origins[origins.length - 1] + h - 1), h, origins.length, mae,
                Metrics.rmse(o.actual, o.model), maeP, Metrics.rmse(o.actual, o.persistence),
                Metrics.mae(o.actual, o.climatology), Metrics.rmse(o.actual, o.climatology), Metrics.skill(mae, maeP),
                steps, originDates, actual, predicted, excluded);
    }

    /** The entries of parallel arrays whose actual value was observed (not NaN). */
    private record Observed(double[] actual, double[] model, double[] persistence, double[] climatology) {
        static Observed of(double[] actual, double[] model, double[] persistence, double[] climatology) {
            int n = 0;
            for (double a : actual) {
                n += Double.isNaN(a) ? 0 : 1;
            }
            double[][] out = new double[4][n];
            for (int i = 0, k = 0; i < actual.length; i++) {
                if (!Double.isNaN(actual[i])) {
                    out[0][k] = actual[i];
                    out[1][k] = model[i];
                    out[2][k] = persistence[i];
                    out[3][k] = climatology[i];
                    k++;
                }
            }
            return new Observed(out[0], out[1], out[2], out[3]);
        }
    }

    /** Forecasts the {@code horizon} days after the last row of {@code series}. */
    public Forecast predict(TimeSeries series) {
        normalizer.checkColumns(series);
        if (series.size() < config.history()) {
            throw new IllegalArgumentException("the model reads " + config.history() + " days but the series has "
                    + series.size());
        }
        return predictAt(series, series.size());
    }

    /**
     * Forecasts the {@code horizon} days starting on {@code from}, reading only the days before it: what the model
     * would have said on the evening of {@code from - 1}. Rows from {@code from} on, if the series has them, are
     * never read, so they can be shown beside the forecast as the actuals.
     *
     * @throws IllegalArgumentException if {@code from} is not in the series or the day after its end, or has fewer
     *                                  than {@code lookback} days before it
     */
    public Forecast predict(TimeSeries series, LocalDate from) {
        normalizer.checkColumns(series);
        long row = from.toEpochDay() - series.start().toEpochDay();
        if (row < 0 || row > series.size()) {
            throw new IllegalArgumentException("forecast start " + from + " is outside the series " + series.start()
                    + ".." + series.end() + " (it may be at most the day after the last row)");
        }
        if (row < config.history()) {
            throw new IllegalArgumentException("a forecast from " + from + " needs " + config.history()
                    + " days of history before it; the series starts " + series.start());
        }
        return predictAt(series, (int) row);
    }

    private Forecast predictAt(TimeSeries series, int origin) {
        double[] values = forecastAt(series, new int[] {origin})[0];
        LocalDate first = series.start().plusDays(origin);
        List<Forecast.Day> days = new ArrayList<>();
        for (int s = 0; s < values.length; s++) {
            days.add(new Forecast.Day(first.plusDays(s), values[s]));
        }
        return new Forecast(series.targetName(), days);
    }

    /** The config this model was trained with. */
    public ForecastConfig config() {
        return config;
    }

    /** The spec that reads a CSV file with the columns this model needs (missing values interpolated). */
    public SeriesSpec seriesSpec() {
        List<String> columns = normalizer.columns();
        return new SeriesSpec(dateColumn, columns.get(0), columns.subList(1, columns.size()),
                MissingValuePolicy.INTERPOLATE);
    }

    /** The normaliser fitted on the training period. */
    public Normalizer normalizer() {
        return normalizer;
    }

    /**
     * Per-epoch losses of the (first member's) early-stopped training run; its {@code seconds} cover all training,
     * every member and refit included.
     */
    public TrainingHistory history() {
        return history;
    }

    /** The number of trainable parameters. */
    public long parameterCount() {
        return network.numParams();
    }

    /**
     * Saves the model as one file: network, normaliser, config, columns and training history.
     */
    public void save(Path path) {
        save(path, null, Map.of());
    }

    /**
     * Saves the model and records in its manifest where it came from: a fingerprint of the training data (e.g.
     * {@link DataFingerprint#ofFiles} of the CSV, may be null) and scores such as the test MAE and skill, which
     * are stored beside the validation loss.
     */
    public void save(Path path, DataFingerprint trainingData, Map<String, Double> scores) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("config", config.toMap());
        meta.put("date_column", dateColumn);
        meta.put("history", history.toMap());
        Map<String, Object> hyper = new LinkedHashMap<>(config.toMap());
        hyper.put("columns", normalizer.columns());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", history.bestValidationLoss());
        metrics.putAll(scores);
        Manifest manifest = Manifest.forTask(TASK).withHyperParameters(hyper).withMetrics(metrics);
        if (trainingData != null) {
            manifest = manifest.withTrainingData(trainingData);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG_ENTRY, Json.write(meta).getBytes(StandardCharsets.UTF_8));
        entries.put(NORMALIZER_ENTRY, normalizer.toJson().getBytes(StandardCharsets.UTF_8));
        ModelFile.save(path, manifest, network, entries);
    }

    /**
     * Loads a model from a file path or the built-in model {@code builtin:forecast} (see {@link ModelLocation}).
     *
     * @throws io.rnnkit.nn.io.ModelFileException if the file does not exist, is not a forecast model or is damaged
     */
    public static Forecaster load(String location) {
        return fromModel(ModelFile.load(location, TASK));
    }

    /**
     * Loads a model saved by {@link #save(Path)}.
     *
     * @throws io.rnnkit.nn.io.ModelFileException if the file is not a forecast model or is damaged
     */
    public static Forecaster load(Path path) {
        return fromModel(ModelFile.load(path, TASK));
    }

    private static Forecaster fromModel(LoadedModel model) {
        String path = model.source();
        model.entries().requireAll(CONFIG_ENTRY, NORMALIZER_ENTRY);
        try {
            Map<String, Object> meta = Json.MAPPER.readValue(model.entries().text(CONFIG_ENTRY),
                    new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            ForecastConfig config = ForecastConfig.fromMap((Map<String, Object>) meta.get("config"));
            String dateColumn = String.valueOf(meta.get("date_column"));
            Normalizer normalizer = Normalizer.fromJson(model.entries().text(NORMALIZER_ENTRY));
            ComputationGraph graph = model.computationGraph();
            checkShapes(path, config, normalizer, graph);
            return new Forecaster(config, dateColumn, normalizer, graph, historyFromMap(meta.get("history")));
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(path + ": invalid " + CONFIG_ENTRY + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a network other than the one the file's settings and columns make (e.g. another forecaster's
     * network.zip), which would otherwise fail only when forecasting, as an index out of bounds: the settings are
     * built again as a network and its parameter count compared.
     */
    private static void checkShapes(String path, ForecastConfig config, Normalizer normalizer, ComputationGraph graph) {
        int columns = normalizer.columns().size();
        int inputs = columns + (config.calendarFeatures() ? CalendarFeatures.COUNT : 0);
        int outputs = config.strategy() == HorizonStrategy.DIRECT ? config.horizon() : columns;
        long expected = config.members() * ForecastNetwork.build(config, inputs, outputs).numParams();
        if (graph.numParams() != expected) {
            throw new ModelFileException(path + " is inconsistent: its network has " + graph.numParams()
                    + " parameters, but its settings (" + config.members() + " × " + config.architecture().cliName()
                    + " of " + config.units() + " units, " + inputs + " inputs, " + outputs + " outputs) make "
                    + expected);
        }
    }

    private static TrainingHistory historyFromMap(Object value) {
        Map<?, ?> m = (Map<?, ?>) value;
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        for (Object o : (List<?>) m.get("epochs")) {
            Map<?, ?> e = (Map<?, ?>) o;
            epochs.add(new TrainingHistory.Epoch(((Number) e.get("epoch")).intValue(),
                    ((Number) e.get("loss")).doubleValue(), ((Number) e.get("val_loss")).doubleValue()));
        }
        return new TrainingHistory(epochs, ((Number) m.get("best_epoch")).intValue(),
                ((Number) m.get("seconds")).doubleValue(), String.valueOf(m.get("stop_reason")));
    }

    private static double[] column(double[][] m, int c) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = m[i][c];
        }
        return v;
    }

    private static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Override
    public String toString() {
        return "Forecaster[" + config.architecture() + ", " + config.strategy().cliName() + ", lookback "
                + config.lookback() + ", horizon " + config.horizon() + ", " + normalizer.columns() + "]";
    }
}
