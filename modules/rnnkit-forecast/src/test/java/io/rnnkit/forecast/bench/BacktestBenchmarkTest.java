package io.rnnkit.forecast.bench;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.forecast.ForecastConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BacktestBenchmarkTest {
    @Test
    @SuppressWarnings("unchecked")
    void scoresEachYearOnlyFromTheYearsBeforeItBesideTheBaselines() throws Exception {
        Path csv = Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv");
        ForecastConfig tiny = ForecastConfig.defaults().withEnsemble(1, false).withUnits(2).withTraining(1, 64, 0.01, 0);
        Map<String, Object> out = BacktestBenchmark.run(csv, tiny, List.of(2014), List.of("temp_max"));
        assertFalse((Boolean) out.get("is_default_config"));
        Map<String, Object> row = ((List<Map<String, Object>>) out.get("rows")).get(0);
        assertEquals("2012-01-01", row.get("train_from"));
        // validation: the last 20 % of the 731 days of 2012–2013, 146 days
        assertEquals("2013-08-08", row.get("validation_from"));
        Map<String, Object> next = (Map<String, Object>) row.get("next_day");
        Map<String, Object> week = (Map<String, Object>) row.get("day_7");
        assertEquals(365, next.get("forecasts"));
        assertEquals(365 - 7 + 1, week.get("forecasts"));

        // persistence over 2014 computed here from the file: tomorrow = today, 2014-01-01 from 2013-12-31
        List<String> lines = Files.readAllLines(csv);
        double sum = 0;
        int n = 0;
        for (int i = 2; i < lines.size(); i++) {
            if (lines.get(i).startsWith("2014-")) {
                sum += Math.abs(maxTemp(lines.get(i)) - maxTemp(lines.get(i - 1)));
                n++;
            }
        }
        assertEquals(365, n);
        assertEquals(sum / n, (Double) next.get("mae_persistence"), 1e-9);
        assertEquals(1 - (Double) next.get("mae") / (Double) next.get("mae_persistence"), (Double) next.get("skill"),
                1e-9);
        assertEquals(1 - (Double) next.get("mae_linear") / (Double) next.get("mae_persistence"),
                (Double) next.get("skill_linear"), 1e-9);
        assertEquals(Math.min((Double) next.get("skill"), 1.0), (Double) out.get("min_next_day_skill"), 1e-12);
    }

    @Test
    void refusesAnOddArgumentList() {
        assertEquals("expected --option value pairs, got 1 argument(s)",
                assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(new String[] {"--years"}))
                        .getMessage());
    }

    private static double maxTemp(String csvLine) {
        return Double.parseDouble(csvLine.split(",")[2]);
    }
}
