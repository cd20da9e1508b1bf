package io.rnnkit.forecast.plot;

import io.rnnkit.forecast.ForecastEvaluation;
import io.rnnkit.forecast.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForecastPlotsTest {

    private static ForecastEvaluation evaluation() {
        int n = 60;
        List<LocalDate> origins = new ArrayList<>();
        double[][] actual = new double[n][2];
        double[][] predicted = new double[n][2];
        for (int i = 0; i < n; i++) {
            origins.add(LocalDate.of(2015, 1, 1).plusDays(i));
            for (int s = 0; s < 2; s++) {
                actual[i][s] = 10 + 5 * Math.sin((i + s) / 9.0);
                predicted[i][s] = actual[i][s] + 0.5;
            }
        }
        List<ForecastEvaluation.StepMetrics> steps = List.of(
                new ForecastEvaluation.StepMetrics(1, 0.5, 0.5, 1.0, 2.0, 0.5),
                new ForecastEvaluation.StepMetrics(2, 0.5, 0.5, 1.5, 2.0, 0.67));
        return new ForecastEvaluation("temp_max", origins.get(0), origins.get(n - 1).plusDays(1), 2, n, 0.5, 0.5, 1.25,
                1.3, 2.0, 2.1, 0.6, steps, origins, actual, predicted);
    }

    @Test
    void writesForecastAndTrainingCurvePngs(@TempDir Path dir) throws IOException {
        Path forecast = dir.resolve("plots/forecast.png");
        ForecastPlots.forecastVsActual(evaluation(), 2, forecast);
        BufferedImage image = ImageIO.read(forecast.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(500, image.getHeight());

        Path curves = dir.resolve("curves.png");
        TrainingHistory h = new TrainingHistory(List.of(new TrainingHistory.Epoch(1, 0.5, 0.6),
                new TrainingHistory.Epoch(2, 0.4, 0.55), new TrainingHistory.Epoch(3, 0.35, 0.57)), 2, 1.0, "completed");
        ForecastPlots.trainingCurves(h, curves);
        assertEquals(500, ImageIO.read(curves.toFile()).getHeight());
    }

    @Test
    void rejectsAStepOutsideTheHorizon(@TempDir Path dir) {
        assertEquals("step must be in 1..2, got 3", assertThrows(IllegalArgumentException.class,
                () -> ForecastPlots.forecastVsActual(evaluation(), 3, dir.resolve("x.png"))).getMessage());
    }
}
