package io.rnnkit.examples.vanishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.nn.Dense;
import io.rnnkit.nn.Gru;
import io.rnnkit.nn.Loss;
import io.rnnkit.nn.Lstm;
import io.rnnkit.nn.NetworkSpec;
import io.rnnkit.nn.Recurrent;
import io.rnnkit.nn.RecurrentNetwork;
import io.rnnkit.nn.SimpleRnn;
import io.rnnkit.nn.train.Trainer;
import io.rnnkit.nn.train.TrainingConfig;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Why LSTM and GRU replaced the plain RNN: a long-term-dependency task with a growing gap.
 *
 * <p><b>Task.</b> Each sequence starts with a signal symbol, A or B, followed by {@code gap} noise symbols (C or D,
 * uniformly at random); the label is the signal. The answer is read after the last step, so the network has to
 * carry one bit across the whole gap. One-hot input of 4 symbols, a recurrent layer, a softmax over 2 classes.
 *
 * <p><b>Measured per cell type and gap.</b>
 * <ul>
 *   <li>test accuracy after a short training run (chance is 50 %);</li>
 *   <li>the gradient reaching step 1 under backpropagation through time: the norm of {@code ∂loss/∂x_1}, the
 *       input gradient at the first step, averaged over a batch of fresh sequences, as a ratio to the gradient at
 *       the last step, {@code |∂L/∂x_1| / |∂L/∂x_T|}, which cancels the loss's overall scale. It is taken on the
 *       freshly initialised network and again after training.</li>
 * </ul>
 *
 * <p>What to expect: at initialisation every cell loses the gradient geometrically with the gap (a GRU's update
 * gate starts near 0.5, so it even halves the signal at each step). The difference is what training can do: the
 * gated cells learn to open their gates and carry the signal (the ratio after training grows), while a plain
 * RNN's gradient from step 1 is lost in the noise once the gap is long, and its accuracy falls to chance.
 *
 * <p>Writes a table on stdout, {@code vanishing-gradient.csv}, {@code vanishing-gradient.json} and a two-panel
 * {@code vanishing-gradient.png} (accuracy, and the gradient ratio on a log scale, against the gap) into
 * {@code --out} (default {@code target/vanishing-gradient}).
 */
public final class VanishingGradientExample {

    /** The recurrent cells compared. */
    public enum Cell { SIMPLE_RNN, LSTM, GRU }

    /**
     * One cell type at one gap.
     *
     * @param cell                 recurrent cell
     * @param gap                  noise steps between the signal and the answer (sequence length gap + 1)
     * @param accuracy             test accuracy after training
     * @param firstStepGradInit    mean {@code |∂L/∂x_1|} on the initialised network
     * @param gradRatioInit        {@code |∂L/∂x_1| / |∂L/∂x_T|} on the initialised network
     * @param gradRatioTrained     {@code |∂L/∂x_1| / |∂L/∂x_T|} after training
     * @param trainSeconds         wall-clock training time
     */
    public record Row(Cell cell, int gap, double accuracy, double firstStepGradInit, double gradRatioInit,
                      double gradRatioTrained, double trainSeconds) {
    }

    /**
     * @param rows  one row per cell and gap, gaps ascending within each cell
     * @param csv   the table as CSV
     * @param json  the settings and rows as JSON
     * @param plot  the PNG plot
     */
    public record Result(List<Row> rows, Path csv, Path json, Path plot) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** The row of {@code cell} at {@code gap}. */
        public Row row(Cell cell, int gap) {
            return rows.stream().filter(r -> r.cell() == cell && r.gap() == gap).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no row for " + cell + " at gap " + gap));
        }
    }

    private static final int SYMBOLS = 4;
    private static final Set<String> OPTIONS = Set.of("gaps", "units", "train", "test", "epochs", "batch",
            "learning-rate", "seed", "out");

    private VanishingGradientExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.println();
        System.out.println("wrote " + r.csv() + ", " + r.json() + " and " + r.plot());
    }

    /**
     * Runs the experiment. Options: {@code --gaps 5,10,20,40,80}, {@code --units 32}, {@code --train 1024}
     * training sequences, {@code --test 512}, {@code --epochs 10}, {@code --batch 32}, {@code --learning-rate 0.01},
     * {@code --seed 42}, {@code --out target/vanishing-gradient}.
     */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("VanishingGradientExample", OPTIONS, args);
        List<Integer> gaps = a.integers("gaps", List.of(5, 10, 20, 40, 80));
        int units = a.integer("units", 32);
        int trainSize = a.integer("train", 1024);
        int testSize = a.integer("test", 512);
        int epochs = a.integer("epochs", 10);
        int batch = a.integer("batch", 32);
        double lr = a.decimal("learning-rate", 0.01);
        long seed = a.integer("seed", 42);
        Path out = Path.of(a.string("out", "target/vanishing-gradient"));
        for (int g : gaps) {
            if (g < 1) {
                throw new IllegalArgumentException("VanishingGradientExample: every gap must be >= 1, got " + g);
            }
        }
        if (trainSize < 2 || testSize < 2) {
            throw new IllegalArgumentException("VanishingGradientExample: --train and --test need at least 2 sequences");
        }

        System.out.printf(Locale.ROOT, "%-10s %5s %9s %14s %14s %14s %8s%n", "cell", "gap", "accuracy",
                "|dL/dx1| init", "x1/xT init", "x1/xT trained", "seconds");
        List<Row> rows = new ArrayList<>();
        for (Cell cell : Cell.values()) {
            for (int gap : gaps) {
                Random random = new Random(seed + gap);
                DataSet train = task(trainSize, gap, random);
                DataSet test = task(testSize, gap, random);
                RecurrentNetwork net = NetworkSpec.builder().features(SYMBOLS)
                        .add(layer(cell, units))
                        .add(new Dense(2, Activation.SOFTMAX))
                        .loss(Loss.CROSS_ENTROPY)
                        .build().build(seed);
                double[] init = inputGradients(net, test);
                TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(batch).learningRate(lr)
                        .gradientClipNorm(1.0).seed(seed).quiet().build();
                long t0 = System.nanoTime();
                new Trainer(config).fit(net.network(), new ListDataSetIterator<>(train.asList(), batch), null);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double[] trained = inputGradients(net, test);
                Row row = new Row(cell, gap, accuracy(net, test), init[0], init[0] / init[1], trained[0] / trained[1],
                        seconds);
                rows.add(row);
                System.out.printf(Locale.ROOT, "%-10s %5d %8.1f%% %14.3e %14.3e %14.3e %8.1f%n", cell, gap,
                        100 * row.accuracy(), row.firstStepGradInit(), row.gradRatioInit(),
                        row.gradRatioTrained(), row.trainSeconds());
            }
        }
        try {
            Files.createDirectories(out);
            Path csv = out.resolve("vanishing-gradient.csv");
            Path json = out.resolve("vanishing-gradient.json");
            Path png = out.resolve("vanishing-gradient.png");
            Files.writeString(csv, csv(rows), StandardCharsets.UTF_8);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("gaps", gaps);
            settings.put("units", units);
            settings.put("train", trainSize);
            settings.put("test", testSize);
            settings.put("epochs", epochs);
            settings.put("batch", batch);
            settings.put("learning_rate", lr);
            settings.put("seed", seed);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("settings", settings);
            doc.put("rows", rows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
            plot(rows, gaps, png);
            return new Result(rows, csv, json, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + out + ": " + e.getMessage(), e);
        }
    }

    private static Recurrent layer(Cell cell, int units) {
        return switch (cell) {
            case SIMPLE_RNN -> new SimpleRnn(units);
            case LSTM -> new Lstm(units);
            case GRU -> new Gru(units);
        };
    }

    /** {@code n} sequences: signal A/B at step 0, then {@code gap} noise symbols C/D; label = the signal. */
    static DataSet task(int n, int gap, Random random) {
        int steps = gap + 1;
        float[][][] x = new float[n][SYMBOLS][steps];
        float[][] y = new float[n][2];
        for (int i = 0; i < n; i++) {
            int signal = i % 2; // balanced classes
            x[i][signal][0] = 1;
            for (int t = 1; t < steps; t++) {
                x[i][2 + random.nextInt(2)][t] = 1;
            }
            y[i][signal] = 1;
        }
        DataSet ds = new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
        ds.shuffle(random.nextLong());
        return ds;
    }

    /** Mean over the batch of {@code |∂L/∂x_1|} and of {@code |∂L/∂x_T|}. */
    private static double[] inputGradients(RecurrentNetwork net, DataSet data) {
        INDArray x = data.getFeatures().castTo(DataType.FLOAT);
        // The input gradient is DL4J's epsilon below the first layer: [batch, features, time].
        INDArray eps = net.network().calculateGradients(x, data.getLabels(), null, null).getSecond();
        long last = eps.size(2) - 1;
        INDArray first = eps.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0));
        INDArray end = eps.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(last));
        double n = x.size(0);
        return new double[] {first.norm2(1).sumNumber().doubleValue() / n, end.norm2(1).sumNumber().doubleValue() / n};
    }

    private static double accuracy(RecurrentNetwork net, DataSet data) {
        INDArray predicted = net.output(data.getFeatures()).argMax(1);
        INDArray truth = data.getLabels().argMax(1);
        return predicted.eq(truth).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    private static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "cell,gap,accuracy,first_step_grad_init,grad_ratio_init,grad_ratio_trained,train_seconds\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.6e,%.6e,%.6e,%.2f%n", r.cell(), r.gap(), r.accuracy(),
                    r.firstStepGradInit(), r.gradRatioInit(), r.gradRatioTrained(), r.trainSeconds()));
        }
        return sb.toString();
    }

    private static java.awt.Color color(Cell cell) {
        return switch (cell) {
            case SIMPLE_RNN -> new java.awt.Color(0xD62728);
            case LSTM -> new java.awt.Color(0x1F77B4);
            case GRU -> new java.awt.Color(0x2CA02C);
        };
    }

    private static void plot(List<Row> rows, List<Integer> gaps, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart acc = new XYChartBuilder().width(640).height(440).title("Test accuracy after training")
                .xAxisTitle("gap (steps between signal and answer)").yAxisTitle("accuracy").build();
        XYChart grad = new XYChartBuilder().width(640).height(440).title("Gradient reaching step 1 (dashed: at init, solid: trained)")
                .xAxisTitle("gap (steps between signal and answer)").yAxisTitle("|dL/dx_1| / |dL/dx_T|").build();
        for (XYChart c : List.of(acc, grad)) {
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
            c.getStyler().setMarkerSize(8);
            c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        }
        acc.getStyler().setYAxisMin(0.0).setYAxisMax(1.05);
        grad.getStyler().setYAxisLogarithmic(true);
        for (Cell cell : Cell.values()) {
            List<Row> rs = rows.stream().filter(r -> r.cell() == cell).toList();
            if (rs.isEmpty()) {
                continue;
            }
            List<Integer> xs = rs.stream().map(Row::gap).toList();
            XYSeries accuracy = acc.addSeries(cell.name(), xs, rs.stream().map(Row::accuracy).toList());
            accuracy.setMarker(SeriesMarkers.CIRCLE);
            accuracy.setMarkerColor(color(cell));
            accuracy.setLineColor(color(cell));
            // A log axis cannot show 0; an underflowed gradient is drawn at the smallest float instead.
            XYSeries trained = grad.addSeries(cell.name() + " trained", xs, rs.stream()
                    .map(r -> Math.max(r.gradRatioTrained(), Float.MIN_NORMAL)).toList());
            trained.setMarker(SeriesMarkers.CIRCLE);
            trained.setMarkerColor(color(cell));
            trained.setLineColor(color(cell));
            XYSeries init = grad.addSeries(cell.name() + " init", xs, rs.stream()
                    .map(r -> Math.max(r.gradRatioInit(), Float.MIN_NORMAL)).toList());
            init.setMarker(SeriesMarkers.NONE);
            init.setLineStyle(SeriesLines.DASH_DASH);
            init.setLineColor(color(cell));
        }
        BufferedImage left = BitmapEncoder.getBufferedImage(acc);
        BufferedImage right = BitmapEncoder.getBufferedImage(grad);
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        ImageIO.write(both, "png", png.toFile());
    }
}
