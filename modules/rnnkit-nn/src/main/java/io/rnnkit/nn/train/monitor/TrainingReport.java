package io.rnnkit.nn.train.monitor;

import io.rnnkit.nn.train.EpochMetrics;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training curves of one run — training and validation loss per epoch, and the watched validation metric
 * (accuracy, bpc, MAE, …) on a second axis when it is not the loss — as a PNG, or as one self-contained HTML file
 * (the chart inlined as a data URI, and the numbers as a table).
 *
 * <p>Drawn with XChart, the plotting library rnnkit-forecast already uses; it lives here, in rnnkit-nn, because the
 * {@link io.rnnkit.nn.train.Trainer} writes it for every task.
 */
public final class TrainingReport {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;

    /** The file types a report can be. */
    public enum Format {
        HTML, PNG;

        /** The format named by {@code file}'s extension. */
        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return HTML;
            }
            if (name.endsWith(".png")) {
                return PNG;
            }
            throw new IllegalArgumentException("the report must be a .html or .png file, got '" + file + "'");
        }
    }

    private TrainingReport() {
    }

    /**
     * Writes the curves of {@code history} to {@code file} (its extension picks HTML or PNG), atomically.
     *
     * @param title heading of the report, e.g. the task and model file
     */
    public static void write(Path file, String title, List<EpochMetrics> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no epoch was completed, so there is no curve to report");
        }
        Format format = Format.of(file);
        byte[] png = png(title, history);
        byte[] bytes = format == Format.PNG ? png : html(title, history, png).getBytes(StandardCharsets.UTF_8);
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            // Not createTempFile: its owner-only permissions would stay on the report after the rename.
            Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                    + ".tmp");
            try {
                Files.write(temporary, bytes);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    /** The chart alone as PNG bytes. */
    static byte[] png(String title, List<EpochMetrics> history) {
        if (System.getProperty("java.awt.headless") == null) {
            // Drawn off-screen: without this AWT may look for a display on a server.
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setMarkerSize(6);
        List<Integer> epochs = history.stream().map(EpochMetrics::epoch).toList();
        chart.addSeries("train loss", epochs, values(history, EpochMetrics::trainLoss))
                .setMarker(SeriesMarkers.CIRCLE);
        if (hasValues(history, EpochMetrics::validationLoss)) {
            chart.addSeries("validation loss", epochs, values(history, EpochMetrics::validationLoss))
                    .setMarker(SeriesMarkers.DIAMOND);
        }
        if (hasMetric(history)) {
            String name = history.get(0).metricName();
            chart.addSeries("validation " + name, epochs, values(history, EpochMetrics::validationMetric))
                    .setMarker(SeriesMarkers.SQUARE).setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, name);
        } else if (!reportedNames(history).isEmpty()) {
            // The task's own metric (bpc, MAE, accuracy) on the right axis when the loss is what was watched.
            String name = reportedNames(history).get(0);
            chart.addSeries(name, epochs, values(history, m -> m.reported().getOrDefault(name, Double.NaN)))
                    .setMarker(SeriesMarkers.SQUARE).setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, name);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the training curves: " + e.getMessage(), e);
        }
    }

    /** The names of the task metrics reported in {@code history}, in order of first appearance. */
    static List<String> reportedNames(List<EpochMetrics> history) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (EpochMetrics m : history) {
            names.addAll(m.reported().keySet());
        }
        return List.copyOf(names);
    }

    private static String html(String title, List<EpochMetrics> history, byte[] png) {
        boolean metric = hasMetric(history);
        StringBuilder s = new StringBuilder(4096 + png.length * 4 / 3);
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right;"
                        + "border-bottom:1px solid #ddd}</style></head>\n<body>\n<h1>").append(escape(title))
                .append("</h1>\n<img alt=\"training curves\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n<table id=\"epochs\">\n<tr><th>epoch")
                .append("</th><th>train loss</th><th>validation loss</th>");
        if (metric) {
            s.append("<th>validation ").append(escape(history.get(0).metricName())).append("</th>");
        }
        List<String> reported = reportedNames(history);
        for (String name : reported) {
            s.append("<th>").append(escape(name)).append("</th>");
        }
        s.append("<th>seconds</th><th>examples/s</th></tr>\n");
        for (EpochMetrics m : history) {
            s.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.5f</td><td>%s</td>", m.epoch(), m.trainLoss(),
                    number(m.validationLoss())));
            if (metric) {
                s.append("<td>").append(number(m.validationMetric())).append("</td>");
            }
            for (String name : reported) {
                s.append("<td>").append(number(m.reported().getOrDefault(name, Double.NaN))).append("</td>");
            }
            s.append(String.format(Locale.ROOT, "<td>%.1f</td><td>%.0f</td></tr>%n", m.seconds(),
                    m.examplesPerSecond()));
        }
        return s.append("</table>\n</body></html>\n").toString();
    }

    /** Whether the watched metric is something other than the validation loss, with values. */
    private static boolean hasMetric(List<EpochMetrics> history) {
        EpochMetrics first = history.get(0);
        return first.metricName() != null && !first.metricName().equals("val_loss")
                && hasValues(history, EpochMetrics::validationMetric);
    }

    private static boolean hasValues(List<EpochMetrics> history, ToDoubleFunction<EpochMetrics> value) {
        return history.stream().mapToDouble(value).anyMatch(Double::isFinite);
    }

    private static List<Double> values(List<EpochMetrics> history, ToDoubleFunction<EpochMetrics> value) {
        List<Double> out = new ArrayList<>(history.size());
        for (EpochMetrics m : history) {
            double v = value.applyAsDouble(m);
            out.add(Double.isFinite(v) ? v : Double.NaN);
        }
        return out;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.5f", v) : "–";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
