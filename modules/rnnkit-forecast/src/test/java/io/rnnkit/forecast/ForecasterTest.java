package io.rnnkit.forecast;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.train.EpochMetrics;
import io.rnnkit.nn.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecasterTest {
    private static TimeSeries weather;

    /** Tiny settings: these tests check behaviour, not accuracy. */
    private static ForecastConfig tiny(Architecture a) {
        return ForecastConfig.defaults().withArchitecture(a).withWindow(7, 1, 2).withUnits(4)
                .withTraining(1, 64, 0.01, 0).withEnsemble(1, false);
    }

    @BeforeAll
    static void readData() {
        weather = TimeSeries.readCsv(Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv"),
                SeriesSpec.of("date", "temp_max").withFeatures("temp_min"));
    }

    @Test
    void directMultiStepShapesAndParameterCount() {
        List<EpochMetrics> seen = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                seen.add(metrics);
            }
        };
        Forecaster f = Forecaster.train(tiny(Architecture.LSTM).withWindow(7, 3, 2), weather, listener);
        assertEquals(1, seen.size());
        assertEquals(seen.get(0).validationLoss(), f.history().bestValidationLoss(), 0.0);
        // inputs per day: temp_max, temp_min, sin, cos = 4; LSTM 4·(4·4 + 4·4 + 4) = 144; head 4·3 + 3 = 15
        assertEquals(159, f.parameterCount());
        ForecastEvaluation e = f.evaluate(weather);
        assertEquals(365 - 3 + 1, e.windows());
        assertEquals(LocalDate.of(2015, 1, 1), e.from());
        assertEquals(LocalDate.of(2015, 12, 31), e.to());
        assertEquals(3, e.perStep().size());
        assertEquals(e.windows(), e.predicted().length);
        assertEquals(3, e.predicted()[0].length);
        assertEquals(weather.target(weather.rowOf(LocalDate.of(2015, 1, 2))), e.actual()[0][1]);
        assertTrue(e.mae() > 0 && e.rmse() >= e.mae());
        assertEquals(1 - e.mae() / e.maePersistence(), e.skill(), 1e-12);
        Map<String, Object> json = e.toMap();
        for (String key : List.of("mae", "rmse", "mae_persistence", "mae_climatology", "skill", "per_step")) {
            assertTrue(json.containsKey(key), key);
        }
        Forecast next = f.predict(weather);
        assertEquals(3, next.days().size());
        assertEquals(LocalDate.of(2016, 1, 1), next.days().get(0).date());
        assertEquals(LocalDate.of(2016, 1, 3), next.days().get(2).date());
        assertEquals(1, f.history().epochs().size());
    }

    @Test
    void persistenceInTheEvaluationIsTheDayBeforeEachForecast() {
        Forecaster f = Forecaster.train(tiny(Architecture.LSTM), weather);
        ForecastEvaluation e = f.evaluate(weather);
        assertEquals(2.24, e.maePersistence(), 0.005);
        assertEquals(3.50, e.maeClimatology(), 0.005);
        ForecastEvaluation fromJuly = f.evaluate(weather, LocalDate.of(2015, 7, 1));
        assertEquals(184, fromJuly.windows());
    }

    @Test
    void everyArchitectureTrainsWithTheExpectedParameterCount() {
        // 4 inputs, 4 units, 1 output
        Map<Architecture, Long> expected = Map.of(
                Architecture.LSTM, 144L + 5,
                Architecture.STACKED_LSTM, 144L + 4 * (4 * 4 + 4 * 4 + 4) + 5,
                Architecture.BIDIRECTIONAL_LSTM, 2 * 144L + 9,
                Architecture.GRU, 3L * (4 * 4 + 4 * 4 + 2 * 4) + 5);
        for (Architecture a : Architecture.values()) {
            Forecaster f = Forecaster.train(tiny(a), weather);
            assertEquals(expected.get(a), f.parameterCount(), a.cliName());
            assertTrue(Double.isFinite(f.evaluate(weather).mae()), a.cliName());
        }
    }

    @Test
    void recursiveStrategyFeedsForecastsBack() {
        Forecaster f = Forecaster.train(tiny(Architecture.GRU).withStrategy(HorizonStrategy.RECURSIVE)
                .withWindow(7, 4, 2), weather);
        // recursive head forecasts every column: 2 outputs
        assertEquals(3L * (4 * 4 + 4 * 4 + 2 * 4) + 4 * 2 + 2, f.parameterCount());
        ForecastEvaluation e = f.evaluate(weather);
        assertEquals(4, e.perStep().size());
        assertEquals(4, f.predict(weather).days().size());
        // the first recursive step is a one-step forecast, so it differs from persistence on most days
        assertNotEquals(e.perStep().get(0).mae(), e.perStep().get(0).maePersistence());
    }

    @Test
    void noLeakageFromTheFuture() {
        for (Architecture a : List.of(Architecture.BIDIRECTIONAL_LSTM, Architecture.LSTM)) {
            Forecaster f = Forecaster.train(tiny(a).withWindow(7, 2, 2), weather);
            int day = weather.rowOf(LocalDate.of(2015, 6, 1));
            // change the target on the forecast day itself: forecasts made before it must not move
            TimeSeries altered = weather.withValue("temp_max", day, 99).withValue("temp_min", day + 1, -50);
            ForecastEvaluation before = f.evaluate(weather, LocalDate.of(2015, 5, 1));
            ForecastEvaluation after = f.evaluate(altered, LocalDate.of(2015, 5, 1));
            int originOfDay = before.origins().indexOf(LocalDate.of(2015, 6, 1));
            for (int i = 0; i <= originOfDay; i++) {
                assertArrayEquals(before.predicted()[i], after.predicted()[i], 0.0, a + " window " + i);
            }
            assertNotEquals(before.predicted()[originOfDay + 1][0], after.predicted()[originOfDay + 1][0]);
            assertArrayEquals(f.predict(weather.until(LocalDate.of(2015, 5, 31))).values(),
                    f.predict(altered.until(LocalDate.of(2015, 5, 31))).values(), 0.0);
        }
    }

    @Test
    void predictFromADateReadsOnlyTheDaysBeforeIt() {
        Forecaster f = Forecaster.train(tiny(Architecture.GRU).withWindow(7, 3, 2), weather);
        LocalDate june = LocalDate.of(2015, 6, 1);
        Forecast fromJune = f.predict(weather, june);
        assertEquals(List.of(june, june.plusDays(1), june.plusDays(2)),
                fromJune.days().stream().map(Forecast.Day::date).toList());
        assertArrayEquals(f.predict(weather.until(june.minusDays(1))).values(), fromJune.values(), 0.0);
        ForecastEvaluation e = f.evaluate(weather, LocalDate.of(2015, 5, 1));
        assertArrayEquals(e.predicted()[e.origins().indexOf(june)], fromJune.values(), 1e-12);
        assertArrayEquals(f.predict(weather).values(), f.predict(weather, LocalDate.of(2016, 1, 1)).values(), 0.0);
        assertEquals("forecast start 2016-01-02 is outside the series 2012-01-01..2015-12-31 (it may be at most the"
                        + " day after the last row)",
                assertThrows(IllegalArgumentException.class,
                        () -> f.predict(weather, LocalDate.of(2016, 1, 2))).getMessage());
        assertEquals("a forecast from 2012-01-03 needs 7 days of history before it; the series starts 2012-01-01",
                assertThrows(IllegalArgumentException.class,
                        () -> f.predict(weather, LocalDate.of(2012, 1, 3))).getMessage());
    }

    @Test
    void saveAndLoadGiveIdenticalForecasts(@TempDir Path dir) {
        Forecaster f = Forecaster.train(tiny(Architecture.GRU).withWindow(7, 3, 2), weather);
        Path file = dir.resolve("weather.rnnk");
        f.save(file);
        Forecaster back = Forecaster.load(file);
        assertEquals(f.config(), back.config());
        assertEquals(f.normalizer(), back.normalizer());
        assertEquals(f.seriesSpec(), back.seriesSpec());
        assertEquals(f.history(), back.history());
        assertArrayEquals(f.predict(weather).values(), back.predict(weather).values(), 0.0);
        assertEquals(f.evaluate(weather).mae(), back.evaluate(weather).mae(), 0.0);
    }

    @Test
    void loadRefusesAModelOfAnotherTask(@TempDir Path dir) {
        Forecaster f = Forecaster.train(tiny(Architecture.LSTM), weather);
        Path file = dir.resolve("other.rnnk");
        f.save(file);
        Path other = dir.resolve("sentiment.rnnk");
        ModelFile.save(other, Manifest.forTask("sentiment"), ModelFile.load(file, null).network(), Map.of());
        ModelFileException e = assertThrows(ModelFileException.class, () -> Forecaster.load(other));
        assertTrue(e.getMessage().contains("not a forecast model"), e.getMessage());
    }

    @Test
    void clearErrorsForMismatchedInput() {
        Forecaster f = Forecaster.train(tiny(Architecture.LSTM), weather);
        TimeSeries onlyTarget = TimeSeries.readCsv(Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv"),
                SeriesSpec.of("date", "temp_max"));
        assertEquals("the series has columns [temp_max] but the model was trained on [temp_max, temp_min]",
                assertThrows(IllegalArgumentException.class, () -> f.predict(onlyTarget)).getMessage());
        assertEquals("evaluation start 2017-01-01 is outside the series 2012-01-01..2015-12-31",
                assertThrows(IllegalArgumentException.class,
                        () -> f.evaluate(weather, LocalDate.of(2017, 1, 1))).getMessage());
        assertEquals("unknown architecture 'rnn'; choose one of lstm, stacked-lstm, bidirectional-lstm, gru",
                assertThrows(IllegalArgumentException.class, () -> Architecture.fromName("rnn")).getMessage());
        TimeSeries short1 = weather.slice(0, 40);
        assertThrows(IllegalArgumentException.class, () -> Forecaster.train(tiny(Architecture.LSTM), short1));
    }

    /** {@code series} with {@code delta} added to every value of column {@code c}. */
    static TimeSeries shifted(TimeSeries series, int c, double delta) {
        double[][] values = new double[series.columns().size()][series.size()];
        for (int k = 0; k < values.length; k++) {
            for (int r = 0; r < series.size(); r++) {
                values[k][r] = series.value(k, r) + (k == c ? delta : 0);
            }
        }
        return TimeSeries.of(series.start(), series.columns(), values);
    }

    @Test
    void centredInputsMakeForecastsFollowTheLevelOfTheSeries() {
        Forecaster centred = Forecaster.train(tiny(Architecture.GRU).withCentering(30), weather);
        assertEquals(30, centred.config().history());
        // 5 °C warmer every day, same weather otherwise: the centred model sees identical windows
        double[] base = centred.evaluate(weather).predicted()[100];
        double[] warmer = centred.evaluate(shifted(weather, 0, 5)).predicted()[100];
        assertEquals(base[0] + 5, warmer[0], 1e-4);
        // the model without centring reads the level itself, so its forecast does not simply move along
        Forecaster plain = Forecaster.train(tiny(Architecture.GRU), weather);
        double moved = plain.evaluate(shifted(weather, 0, 5)).predicted()[100][0]
                - plain.evaluate(weather).predicted()[100][0];
        assertTrue(Math.abs(moved - 5) > 1e-3, "moved " + moved);
        // the centring days are history the model needs before each forecast
        assertEquals("a forecast from 2012-01-20 needs 30 days of history before it; the series starts 2012-01-01",
                assertThrows(IllegalArgumentException.class,
                        () -> centred.predict(weather, LocalDate.of(2012, 1, 20))).getMessage());
        ForecastEvaluation e = centred.evaluate(weather);
        assertEquals(365, e.windows());
    }

    @Test
    void recursiveForecastsWithCentringReadOnlyThePast() {
        Forecaster f = Forecaster.train(tiny(Architecture.GRU).withCentering(10).withStrategy(HorizonStrategy.RECURSIVE)
                .withWindow(5, 3, 2), weather);
        LocalDate june = LocalDate.of(2015, 6, 1);
        assertArrayEquals(f.predict(weather.until(june.minusDays(1))).values(), f.predict(weather, june).values(), 0.0);
        assertEquals(3, f.evaluate(weather).perStep().size());
    }

    @Test
    void anEnsembleAveragesItsMembersForecasts(@TempDir Path dir) {
        ForecastConfig one = tiny(Architecture.GRU).withWindow(7, 2, 2);
        Forecaster pair = Forecaster.train(one.withEnsemble(2, false), weather);
        Forecaster first = Forecaster.train(one, weather);
        Forecaster second = Forecaster.train(one.withSeed(Forecaster.memberSeed(one.seed(), 1)), weather);
        assertEquals(2 * first.parameterCount(), pair.parameterCount());
        double[] a = first.predict(weather).values();
        double[] b = second.predict(weather).values();
        double[] mean = pair.predict(weather).values();
        for (int s = 0; s < 2; s++) {
            assertEquals((a[s] + b[s]) / 2, mean[s], 1e-4);
        }
        assertNotEquals(a[0], b[0]);
        // the first member's training curve is the one kept
        assertEquals(first.history().epochs(), pair.history().epochs());
        Path file = dir.resolve("pair.rnnk");
        pair.save(file);
        Forecaster back = Forecaster.load(file);
        assertEquals(pair.config(), back.config());
        assertArrayEquals(mean, back.predict(weather).values(), 0.0);
    }

    @Test
    void refitTrainsAgainOnTrainingAndValidationDays() {
        ForecastConfig c = tiny(Architecture.GRU).withTraining(2, 64, 0.01, 1);
        Forecaster selected = Forecaster.train(c, weather);
        Forecaster refitted = Forecaster.train(c.withEnsemble(1, true), weather);
        // same selection run, then another network: the forecasts differ, the recorded curve does not
        assertEquals(selected.history().epochs(), refitted.history().epochs());
        assertTrue(refitted.history().seconds() > selected.history().seconds() * 0.5);
        assertNotEquals(selected.predict(weather).values()[0], refitted.predict(weather).values()[0]);
        assertTrue(Double.isFinite(refitted.evaluate(weather).mae()));
    }

    @Test
    void configRoundTripsThroughItsMap() {
        ForecastConfig c = ForecastConfig.defaults().withArchitecture(Architecture.BIDIRECTIONAL_LSTM)
                .withStrategy(HorizonStrategy.RECURSIVE).withWindow(21, 7, 3).withSeed(7).withCentering(30)
                .withEnsemble(3, true);
        assertEquals(c, ForecastConfig.fromMap(c.toMap()));
        // a config written before centring and ensembles existed reads as neither
        Map<String, Object> old = new java.util.LinkedHashMap<>(ForecastConfig.defaults().toMap());
        old.remove("centerDays");
        old.remove("members");
        old.remove("refit");
        ForecastConfig read = ForecastConfig.fromMap(old);
        assertEquals(0, read.centerDays());
        assertEquals(1, read.members());
        assertEquals(false, read.refit());
        assertThrows(IllegalArgumentException.class, () -> ForecastConfig.defaults().withEnsemble(0, false));
        assertThrows(IllegalArgumentException.class, () -> ForecastConfig.defaults().withCentering(-1));
    }

    /**
     * A committed model file (GRU, 4 units, 7-day window, 3-day direct horizon, 2 epochs, seed 42, trained on this
     * CSV with temp_max and temp_min) must keep loading and forecasting the same.
     */
    @Test
    void committedFixtureModelStillLoadsAndForecastsTheSame() throws Exception {
        Path fixture = Path.of(getClass().getResource("/fixtures/tiny-gru-3day.rnnk").toURI());
        Forecaster f = Forecaster.load(fixture);
        assertEquals(Architecture.GRU, f.config().architecture());
        assertEquals(SeriesSpec.of("date", "temp_max").withFeatures("temp_min"), f.seriesSpec());
        Forecast next = f.predict(weather);
        assertEquals(LocalDate.of(2016, 1, 1), next.days().get(0).date());
        assertArrayEquals(new double[] {6.3086892976680335, 5.559308619348732, 7.354370830638546}, next.values(), 1e-4);
        assertEquals(3.010236386519815, f.evaluate(weather).mae(), 1e-4);
    }

    /**
     * The built-in model as it shipped before the manifest keys became camelCase (GRU, 7-day recursive horizon,
     * snake_case keys such as {@code batch_size}) still loads with every setting, scores what its manifest recorded,
     * and is written back with camelCase keys.
     */
    @Test
    void snakeCaseModelFileStillLoadsAndIsRewrittenInCamelCase(@TempDir Path dir) throws Exception {
        Path fixture = Path.of(getClass().getResource("/fixtures/builtin-forecast-snake-case.rnnk").toURI());
        Manifest old = ModelFile.load(fixture, Forecaster.TASK).manifest();
        assertTrue(old.hyperParameters().containsKey("batch_size"), old.hyperParameters().toString());
        Forecaster f = Forecaster.load(fixture);
        ForecastConfig expected = ForecastConfig.defaults().withArchitecture(Architecture.GRU)
                .withStrategy(HorizonStrategy.RECURSIVE).withWindow(7, 7, 1).withEnsemble(1, false);
        assertEquals(expected, f.config());
        TimeSeries all = TimeSeries.readCsv(Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv"),
                f.seriesSpec());
        assertEquals(old.metrics().get("test_mae"), f.evaluate(all).mae(), 1e-6);

        Path again = dir.resolve("again.rnnk");
        f.save(again);
        Map<String, Object> hyper = ModelFile.load(again, Forecaster.TASK).manifest().hyperParameters();
        assertEquals(32, ((Number) hyper.get("batchSize")).intValue());
        assertEquals("2015-01-01", hyper.get("testFrom"));
        assertTrue(hyper.keySet().stream().noneMatch(k -> k.contains("_")), hyper.keySet().toString());
        assertEquals(expected, Forecaster.load(again).config());
    }

    @Test
    void defaultsAreTheValidatedEnsemble() {
        ForecastConfig d = ForecastConfig.defaults();
        assertEquals(Architecture.LSTM, d.architecture());
        assertEquals(3, d.members());
        assertTrue(d.refit());
        assertEquals(HorizonStrategy.DIRECT, d.strategy());
    }

    @Test
    void aNetworkThatDoesNotFitTheFilesSettingsIsRefusedWhenLoaded(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path tiny = Path.of(ForecasterTest.class.getResource("/fixtures/tiny-gru-3day.rnnk").toURI());
        Path other = Path.of(ForecasterTest.class.getResource("/fixtures/builtin-forecast-snake-case.rnnk").toURI());
        // tiny's entries around the other forecaster's network.zip
        Path swapped = dir.resolve("swapped.rnnk");
        try (java.util.zip.ZipFile a = new java.util.zip.ZipFile(tiny.toFile());
             java.util.zip.ZipFile b = new java.util.zip.ZipFile(other.toFile());
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(swapped))) {
            for (var e : java.util.Collections.list(a.entries())) {
                var source = e.getName().equals("network.zip") ? b : a;
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(source.getInputStream(source.getEntry(e.getName())).readAllBytes());
                out.closeEntry();
            }
        }
        Forecaster.load(tiny);
        Forecaster.load(other);
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.rnnkit.nn.io.ModelFileException.class,
                () -> Forecaster.load(swapped));
        assertTrue(e.getMessage().startsWith(swapped + " is inconsistent: its network has "), e.getMessage());
    }
}
