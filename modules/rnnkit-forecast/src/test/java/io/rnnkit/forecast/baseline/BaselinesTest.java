package io.rnnkit.forecast.baseline;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.forecast.data.SeriesSpec;
import io.rnnkit.forecast.data.TimeSeries;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BaselinesTest {

    @Test
    void seattle2015PersistenceAndClimatologyMatchTheMeasuredFigures() {
        TimeSeries s = TimeSeries.readCsv(Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv"),
                SeriesSpec.of("date", "temp_max"));
        assertEquals(1461, s.size());
        assertEquals(true, s.quality().isClean());
        int test = s.rowOf(LocalDate.of(2015, 1, 1));
        Climatology clim = Climatology.fit(s, test);
        int n = s.size() - test;
        double[] actual = new double[n];
        double[] persistence = new double[n];
        double[] climatology = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = s.target(test + i);
            persistence[i] = Persistence.forecast(s, test + i, 1)[0];
            climatology[i] = clim.predict(s.date(test + i));
        }
        // the persistence forecast of 2015-01-01 is the observation of 2014-12-31
        assertEquals(s.target(test - 1), persistence[0]);
        assertEquals(2.24, Metrics.mae(actual, persistence), 0.005);
        assertEquals(3.50, Metrics.mae(actual, climatology), 0.005);
    }

    @Test
    void metricsOnHandComputedValues() {
        double[] a = {1, 2, 3, 4};
        double[] p = {2, 2, 1, 4};
        assertEquals(0.75, Metrics.mae(a, p), 1e-12);
        assertEquals(Math.sqrt(5.0 / 4), Metrics.rmse(a, p), 1e-12);
        assertEquals(0.25, Metrics.skill(1.5, 2.0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metrics.mae(a, new double[3]));
    }

    @Test
    void climatologyPoolsTheLeapDayWithItsNeighbours() {
        // 2012-02-28 = 1, 2012-02-29 = 2, 2012-03-01 = 6
        TimeSeries s = TimeSeries.of(LocalDate.of(2012, 2, 28), List.of("t"), new double[][] {{1, 2, 6}});
        Climatology c = Climatology.fit(s, 3);
        assertEquals(1.0, c.predict(LocalDate.of(2013, 2, 28)), 1e-12);
        assertEquals(3.0, c.predict(LocalDate.of(2016, 2, 29)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> c.predict(LocalDate.of(2013, 7, 1)));
    }
}
