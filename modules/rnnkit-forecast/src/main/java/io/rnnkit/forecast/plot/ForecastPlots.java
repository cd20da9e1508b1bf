package io.rnnkit.forecast.plot;

import io.rnnkit.forecast.ForecastEvaluation;
import io.rnnkit.forecast.TrainingHistory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/** Writes PNG charts of an evaluation and of a training run. */
public final class ForecastPlots {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 500;

    private ForecastPlots() {
    }

    /**
     * Forecast against actual over the evaluated period, for one day of the horizon (step 1 = next-day forecasts).
     * The title gives that day's MAE beside the persistence and climatology MAE.
     */
    public static void forecastVsActual(ForecastEvaluation e, int step, Path png) {
        if (step < 1 || step > e.horizon()) {
            throw new IllegalArgumentException("step must be in 1.." + e.horizon() + ", got " + step);
        }
        int s = step - 1;
        List<Date> dates = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        for (int i = 0; i < e.windows(); i++) {
            dates.add(toDate(e.origins().get(i).plusDays(s)));
            actual.add(e.actual()[i][s]);
            predicted.add(e.predicted()[i][s]);
        }
        ForecastEvaluation.StepMetrics m = e.perStep().get(s);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(Locale.ROOT, "%s, %s: %d-day-ahead forecast vs actual — MAE %.2f (persistence %.2f,"
                        + " climatology %.2f), skill %.3f", e.target(), e.from().getYear() == e.to().getYear()
                        ? String.valueOf(e.from().getYear()) : e.from() + ".." + e.to(), step, m.mae(),
                        m.maePersistence(), m.maeClimatology(), m.skill()))
                .xAxisTitle("date").yAxisTitle(e.target()).build();
        style(chart);
        chart.getStyler().setDatePattern("yyyy-MM-dd");
        XYSeries a = chart.addSeries("actual", dates, actual);
        a.setMarker(SeriesMarkers.NONE);
        a.setLineColor(new Color(40, 40, 40));
        a.setLineStyle(new BasicStroke(1.2f));
        XYSeries p = chart.addSeries("forecast", dates, predicted);
        p.setMarker(SeriesMarkers.NONE);
        p.setLineColor(new Color(214, 39, 40));
        p.setLineStyle(new BasicStroke(1.6f));
        write(chart, png);
    }

    /** Training and validation loss per epoch, with the kept (best) epoch marked in the title. */
    public static void trainingCurves(TrainingHistory h, Path png) {
        if (h.epochs().isEmpty()) {
            throw new IllegalArgumentException("the training history has no epochs");
        }
        List<Integer> epochs = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (TrainingHistory.Epoch e : h.epochs()) {
            epochs.add(e.epoch());
            train.add(e.trainLoss());
            val.add(e.validationLoss());
        }
        XYChart chart = new XYChartBuilder().width(WIDTH / 2 + 200).height(HEIGHT)
                .title(String.format(Locale.ROOT, "Training curves — best epoch %d (val loss %.4f); stop reason: %s",
                        h.bestEpoch(), h.bestValidationLoss(), h.stopReason()))
                .xAxisTitle("epoch").yAxisTitle("MSE (normalised)").build();
        style(chart);
        chart.addSeries("train loss", epochs, train).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("validation loss", epochs, val).setMarker(SeriesMarkers.DIAMOND);
        write(chart, png);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setMarkerSize(5);
    }

    private static Date toDate(LocalDate d) {
        return Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static void write(XYChart chart, Path png) {
        if (System.getProperty("java.awt.headless") == null) {
            // Charts are drawn off-screen; without this, AWT may look for a display on servers.
            System.setProperty("java.awt.headless", "true");
        }
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + png + ": " + ex.getMessage(), ex);
        }
    }
}
