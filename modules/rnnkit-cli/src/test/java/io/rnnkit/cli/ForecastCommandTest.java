package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.forecast.Architecture;
import io.rnnkit.forecast.ForecastConfig;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ForecastCommandTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    static Path shared;
    private static Path csv;
    private static Path model;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Rnnkit.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private JsonNode json() throws Exception {
        return JsonMapper.builder().build().readTree(out.toString());
    }

    /** Three years of a seasonal "temperature" with noise and a correlated "low" column, 2012-01-01..2014-12-30. */
    private static String seasonalCsv() {
        StringBuilder b = new StringBuilder("date,high,low,note\n");
        Random random = new Random(5);
        LocalDate day = LocalDate.of(2012, 1, 1);
        for (int i = 0; i < 3 * 365; i++, day = day.plusDays(1)) {
            double high = 15 + 8 * Math.sin(2 * Math.PI * i / 365.0) + random.nextGaussian();
            b.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,\"x, y\"%n", day, high, high - 6 + random.nextGaussian()));
        }
        return b.toString();
    }

    /** One tiny model shared by the tests: training it is what takes time. */
    @BeforeAll
    static void trainTinyModel() throws Exception {
        csv = Files.writeString(shared.resolve("seasonal.csv"), seasonalCsv());
        model = shared.resolve("tiny.rnnk");
        ForecastCommandTest t = new ForecastCommandTest();
        int code = t.run("forecast", "train", "--csv", csv.toString(), "--target", "high", "--features", "low",
                "--arch", "gru", "--units", "4", "--horizon", "3", "--epochs", "2", "--test-from", "2014-10-01",
                "--members", "1", "--no-refit", "--out", model.toString(), "--plot-curves", shared.resolve("curves.png").toString(), "--json");
        assertEquals(Rnnkit.OK, code, t.err.toString());
        JsonNode trained = t.json();
        assertEquals(2, trained.get("epochs").asInt());
        assertEquals("gru", trained.get("config").get("architecture").asText());
        // GRU 3·(4·4 + 4·4 + 2·4) = 120 (inputs high, low, sin, cos); head 4·3 + 3 = 15
        assertEquals(135, trained.get("parameters").asInt());
        assertEquals("2014-10-01", trained.get("test").get("from").asText());
        assertEquals("2014-12-30", trained.get("test").get("to").asText());
        assertEquals(91 - 3 + 1, trained.get("test").get("windows").asInt());
        assertTrue(ModelFile.readManifest(model).metrics().containsKey("test_skill"));
        assertTrue(ModelFile.readManifest(model).trainingData() != null);
    }

    @Test
    void trainWritesTheTrainingCurves() throws Exception {
        assertArrayEquals(PNG_MAGIC, java.util.Arrays.copyOf(Files.readAllBytes(shared.resolve("curves.png")), 4));
    }

    @Test
    void evalPrintsJsonWithTheBaselinesAndWritesAPlot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("eval.png");
        assertEquals(Rnnkit.OK, run("forecast", "eval", "--model", model.toString(), "--csv", csv.toString(),
                "--from", "2014-12-01", "--json", "--plot", png.toString(), "--plot-day", "2"), err.toString());
        JsonNode e = json();
        for (String key : new String[] {"mae", "rmse", "mae_persistence", "mae_climatology", "skill"}) {
            assertTrue(e.get(key).isNumber(), key);
        }
        assertEquals(1 - e.get("mae").asDouble() / e.get("mae_persistence").asDouble(), e.get("skill").asDouble(), 1e-12);
        assertEquals(30 - 3 + 1, e.get("windows").asInt());
        assertEquals(3, e.get("per_step").size());
        assertArrayEquals(PNG_MAGIC, java.util.Arrays.copyOf(Files.readAllBytes(png), 4));

        assertEquals(Rnnkit.OK, run("forecast", "eval", "--model", model.toString(), "--csv", csv.toString()));
        String text = out.toString();
        assertTrue(text.startsWith("high, 2014-10-01..2014-12-30: 89 forecast(s) of 3 day(s)"), text);
        assertTrue(text.contains("persistence") && text.contains("climatology") && text.contains("skill"), text);
    }

    @Test
    void predictForecastsTheDaysAfterTheLastRow() throws Exception {
        assertEquals(Rnnkit.OK, run("forecast", "predict", "--model", model.toString(), "--csv", csv.toString(),
                "--json"), err.toString());
        JsonNode p = json();
        assertEquals("high", p.get("target").asText());
        assertEquals("2014-12-30", p.get("last_observed").get("date").asText());
        JsonNode days = p.get("days");
        assertEquals(3, days.size());
        assertEquals("2014-12-31", days.get(0).get("date").asText());
        assertEquals("2015-01-02", days.get(2).get("date").asText());
        assertTrue(days.get(0).get("actual").isNull());
        assertEquals(p.get("last_observed").get("value").asDouble(), days.get(2).get("persistence").asDouble(), 0);
    }

    @Test
    void predictFromADateShowsTheActualsBeside(@TempDir Path dir) throws Exception {
        assertEquals(Rnnkit.OK, run("forecast", "predict", "--model", model.toString(), "--csv", csv.toString(),
                "--from", "2014-12-24", "--json"), err.toString());
        JsonNode days = json().get("days");
        assertEquals("2014-12-24", days.get(0).get("date").asText());
        double actual = days.get(1).get("actual").asDouble();
        // the CSV row of 2014-12-25 (day 1089 of the series)
        String row = seasonalCsv().lines().filter(l -> l.startsWith("2014-12-25")).findFirst().orElseThrow();
        assertEquals(Double.parseDouble(row.split(",")[1]), actual, 1e-9);
        double forecast = days.get(1).get("forecast").asDouble();

        // the days after the forecast start are never read: a file cut there gives the same forecast
        String cut = seasonalCsv().lines().takeWhile(l -> !l.startsWith("2014-12-24")).reduce("", (a, l) -> a + l + "\n");
        Path shorter = Files.writeString(dir.resolve("cut.csv"), cut);
        assertEquals(Rnnkit.OK, run("forecast", "predict", "--model", model.toString(), "--csv", shorter.toString(),
                "--json"));
        assertEquals(forecast, json().get("days").get(1).get("forecast").asDouble(), 0.0);
        assertTrue(json().get("days").get(1).get("actual").isNull());

        assertEquals(Rnnkit.OK, run("forecast", "predict", "--model", model.toString(), "--csv", csv.toString(),
                "--from", "2014-12-24"));
        String[] lines = out.toString().split("\n");
        assertEquals(2 + 3, lines.length, out.toString());
        assertTrue(lines[0].startsWith("high forecast from 2014-12-24 (last observed 2014-12-23: "), lines[0]);
        assertTrue(lines[1].matches("\\s+date\\s+forecast\\s+persistence\\s+actual"), lines[1]);
        assertTrue(lines[3].startsWith("  2014-12-25 "), lines[3]);
    }

    /** The committed model of rnnkit-forecast (GRU, 3-day horizon) on the real Seattle data gives its known forecast. */
    @Test
    void committedFixtureForecastsSeattleAsRecorded() throws Exception {
        Path datasets = Path.of(System.getProperty("rnnkit.datasets"));
        Path fixture = datasets.getParent()
                .resolve("modules/rnnkit-forecast/src/test/resources/fixtures/tiny-gru-3day.rnnk");
        Path seattle = datasets.resolve("seattle-weather/seattle-weather.csv");
        assertEquals(Rnnkit.OK, run("forecast", "predict", "--model", fixture.toString(), "--csv", seattle.toString(),
                "--json"), err.toString());
        JsonNode days = json().get("days");
        assertEquals("2016-01-01", days.get(0).get("date").asText());
        assertEquals(6.3086892976680335, days.get(0).get("forecast").asDouble(), 1e-4);
        assertEquals(7.354370830638546, days.get(2).get("forecast").asDouble(), 1e-4);
        assertEquals(Rnnkit.OK, run("forecast", "eval", "--model", fixture.toString(), "--csv", seattle.toString(),
                "--json"), err.toString());
        assertEquals(3.010236386519815, json().get("mae").asDouble(), 1e-4);
        assertEquals("2015-01-01", json().get("from").asText());
    }

    /** A model file written before the keys became camelCase still loads, and info shows its keys as written. */
    @Test
    void snakeCaseModelFileStillForecastsAndInfoShowsItsKeys() throws Exception {
        Path datasets = Path.of(System.getProperty("rnnkit.datasets"));
        Path fixture = datasets.getParent()
                .resolve("modules/rnnkit-forecast/src/test/resources/fixtures/builtin-forecast-snake-case.rnnk");
        assertEquals(Rnnkit.OK, run("info", "--model", fixture.toString()), err.toString());
        assertTrue(out.toString().contains("  batch_size             32"), out.toString());
        assertTrue(out.toString().contains("  test_from              2015-01-01"), out.toString());
        assertEquals(Rnnkit.OK, run("forecast", "eval", "--model", fixture.toString(), "--csv",
                datasets.resolve("seattle-weather/seattle-weather.csv").toString(), "--json"), err.toString());
        // the score its manifest recorded when it was the built-in model
        assertEquals(2.70911887608613, json().get("mae").asDouble(), 1e-6);
        assertEquals(Rnnkit.OK, run("info", "--model", "builtin:forecast"), err.toString());
        assertTrue(out.toString().contains("  batchSize              32"), out.toString());
    }

    /** builtin:forecast is what scripts/train-models makes: forecast train's defaults with a 7-day horizon. */
    @Test
    void builtinForecastWasTrainedWithTheDefaultsAndRecordsItsTestScores() {
        Manifest m = ModelFile.readManifest(ModelLocation.resolve("builtin:forecast"));
        ForecastConfig d = ForecastConfig.defaults();
        assertEquals(d.withWindow(d.lookback(), 7, d.stride()), ForecastConfig.fromMap(m.hyperParameters()));
        for (String key : List.of("test_mae", "test_mae_persistence", "test_mae_climatology", "test_skill")) {
            assertTrue(m.metrics().containsKey(key), key + " missing from " + m.metrics());
        }
        assertEquals(1 - m.metrics().get("test_mae") / m.metrics().get("test_mae_persistence"),
                m.metrics().get("test_skill"), 1e-12);
    }

    @Test
    void badFilesGiveOneLineErrorsAndExitCode1(@TempDir Path dir) throws Exception {
        Path noColumn = Files.writeString(dir.resolve("nocol.csv"), "date,high\n2015-01-01,3\n");
        assertEquals(Rnnkit.FAILURE, run("forecast", "eval", "--model", model.toString(), "--csv", noColumn.toString()));
        assertEquals("rnnkit: nocol.csv:1: no feature column 'low'; available: date, high",
                err.toString().lines().findFirst().orElseThrow());

        Path text = Files.writeString(dir.resolve("text.csv"), "date,high,low\n2015-01-01,3,1\n2015-01-02,warm,2\n");
        assertEquals(Rnnkit.FAILURE, run("forecast", "predict", "--model", model.toString(), "--csv", text.toString()));
        assertEquals("rnnkit: text.csv:3: non-numeric value 'warm' in column high",
                err.toString().lines().findFirst().orElseThrow());

        Path unsorted = Files.writeString(dir.resolve("unsorted.csv"),
                "date,high,low\n2015-01-02,3,1\n2015-01-01,4,2\n");
        assertEquals(Rnnkit.FAILURE, run("forecast", "train", "--csv", unsorted.toString(), "--target", "high",
                "--out", dir.resolve("m.rnnk").toString()));
        assertEquals("rnnkit: unsorted.csv:3: dates are not sorted: 2015-01-01 comes after 2015-01-02",
                err.toString().lines().findFirst().orElseThrow());
        assertEquals(1, err.toString().lines().count(), err.toString());

        Path gap = Files.writeString(dir.resolve("gap.csv"), "date,high,low\n2015-01-01,3,1\n2015-01-03,4,2\n");
        assertEquals(Rnnkit.FAILURE, run("forecast", "predict", "--model", model.toString(), "--csv", gap.toString(),
                "--missing", "refuse"));
        assertTrue(err.toString().startsWith("rnnkit: gap.csv:3: 0 missing value(s) and 1 date gap(s), refused"),
                err.toString());

        assertEquals(Rnnkit.FAILURE, run("forecast", "eval", "--model", model.toString(), "--csv",
                dir.resolve("absent.csv").toString()));
        assertTrue(err.toString().startsWith("rnnkit: CSV file not found: "), err.toString());
    }

    @Test
    void defaultTestPeriodIsTheLastYearOrTheLastFifth() {
        io.rnnkit.forecast.data.TimeSeries threeYears = io.rnnkit.forecast.data.TimeSeries.parseCsv(seasonalCsv(),
                "s.csv", io.rnnkit.forecast.data.SeriesSpec.of("date", "high"));
        assertEquals(LocalDate.of(2013, 12, 31), ForecastCommand.defaultTestFrom(threeYears));
        assertEquals(LocalDate.of(2012, 3, 21), ForecastCommand.defaultTestFrom(threeYears.slice(0, 100)));
    }

    @Test
    void trainTakesCentringEnsembleAndRefitOptions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pair.rnnk");
        assertEquals(Rnnkit.OK, run("forecast", "train", "--csv", csv.toString(), "--target", "high", "--arch", "gru",
                "--units", "4", "--epochs", "1", "--test-from", "2014-10-01", "--center", "14", "--members", "2",
                "--refit", "--out", file.toString(), "--json"), err.toString());
        JsonNode config = json().get("config");
        assertEquals(14, config.get("centerDays").asInt());
        assertEquals(2, config.get("members").asInt());
        assertTrue(config.get("refit").asBoolean());
        // inputs high, sin, cos: each member a GRU of 3·(3·4 + 4·4 + 2·4) = 108 and a head of 4 + 1
        assertEquals(2 * (108 + 5), json().get("parameters").asInt());
        assertEquals(Rnnkit.USAGE, run("forecast", "train", "--csv", csv.toString(), "--target", "high",
                "--members", "0", "--out", file.toString()), err.toString());
        assertTrue(err.toString().contains("at least 1 member"), err.toString());
    }

    /** The command's defaults are {@code ForecastConfig.defaults()}: if either changes alone, this fails. */
    @Test
    void trainDefaultsAreTheConfigDefaults() {
        ForecastConfig d = ForecastConfig.defaults();
        ForecastCommand.Train train = new ForecastCommand.Train();
        new CommandLine(train).parseArgs("--csv", csv.toString(), "--target", "high", "--out", "x.rnnk",
                "--test-from", d.testFrom().toString());
        TimeSeries series = TimeSeries.parseCsv("date,high\n2014-01-01,1\n2016-01-01,2\n", "s.csv",
                SeriesSpec.of("date", "high"));
        assertEquals(d, train.config(series));

        // each flag still overrides, --refit / --no-refit both ways
        ForecastCommand.Train single = new ForecastCommand.Train();
        new CommandLine(single).parseArgs("--csv", "x.csv", "--target", "high", "--out", "x.rnnk", "--test-from",
                "2015-01-01", "--members", "1", "--no-refit", "--arch", "gru");
        assertEquals(d.withEnsemble(1, false).withArchitecture(Architecture.GRU), single.config(series));
        ForecastCommand.Train refit = new ForecastCommand.Train();
        new CommandLine(refit).parseArgs("--csv", "x.csv", "--target", "high", "--out", "x.rnnk", "--refit",
                "--members", "2", "--test-from", "2015-01-01");
        assertEquals(d.withEnsemble(2, true), refit.config(series));
        ForecastCommand.Train both = new ForecastCommand.Train();
        new CommandLine(both).parseArgs("--csv", "x.csv", "--target", "high", "--out", "x.rnnk", "--refit",
                "--no-refit");
        assertEquals("--refit and --no-refit exclude each other",
                assertThrows(IllegalArgumentException.class, () -> both.config(series)).getMessage());

        // --help shows the config's values, not numbers of its own
        assertEquals(Rnnkit.OK, run("forecast", "train", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: " + d.members() + ")"), help);
        assertTrue(help.contains("Recurrent network (default: " + d.architecture().cliName() + ")"), help);
        assertTrue(help.contains("Random seed (default: " + d.seed() + ")"), help);
        assertTrue(help.contains("(default: " + d.refit() + ")"), help);
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(Rnnkit.USAGE, run("forecast", "train", "--csv", csv.toString(), "--out", "x.rnnk"));
        assertTrue(err.toString().contains("--target"), err.toString());
        assertEquals(Rnnkit.USAGE, run("forecast", "train", "--csv", csv.toString(), "--target", "high",
                "--arch", "rnn", "--out", "x.rnnk"), err.toString());
        assertTrue(err.toString().startsWith("rnnkit: unknown architecture 'rnn'; choose one of lstm, stacked-lstm, "
                + "bidirectional-lstm, gru"), err.toString());
        assertEquals(Rnnkit.USAGE, run("forecast"));
        assertEquals(Rnnkit.OK, run("forecast", "predict", "--help"));
        assertTrue(out.toString().contains("--from"), out.toString());
    }
}
