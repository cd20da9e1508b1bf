package io.rnnkit.examples.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.examples.vanishing.VanishingGradientExample.Cell;
import io.rnnkit.examples.vanishing.VanishingGradientExample.Row;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** A tiny run of the vanishing-gradient experiment: every output is written and the plain RNN's gradient decays. */
class VanishingGradientExampleTest {

    @Test
    void tinyRunWritesTableAndPlot(@TempDir Path dir) throws Exception {
        VanishingGradientExample.Result r = VanishingGradientExample.runExample("--gaps", "2,8", "--units", "8",
                "--train", "64", "--test", "64", "--epochs", "1", "--out", dir.toString());

        assertEquals(6, r.rows().size());
        for (Row row : r.rows()) {
            assertTrue(row.accuracy() >= 0 && row.accuracy() <= 1, row::toString);
            assertTrue(row.firstStepGradInit() > 0 && Double.isFinite(row.gradRatioInit()), row::toString);
        }
        // Backpropagated through 6 more tanh steps, the plain RNN's gradient at step 1 shrinks sharply.
        double shortGap = r.row(Cell.SIMPLE_RNN, 2).gradRatioInit();
        double longGap = r.row(Cell.SIMPLE_RNN, 8).gradRatioInit();
        assertTrue(longGap < shortGap / 2, "ratio at gap 2 " + shortGap + ", at gap 8 " + longGap);

        List<String> csv = Files.readAllLines(r.csv());
        assertEquals("cell,gap,accuracy,first_step_grad_init,grad_ratio_init,grad_ratio_trained,train_seconds",
                csv.get(0));
        assertEquals(7, csv.size());
        assertTrue(csv.get(1).startsWith("SIMPLE_RNN,2,"), csv.get(1));
        String json = Files.readString(r.json());
        assertTrue(json.contains("\"gaps\" : [ 2, 8 ]") && json.contains("\"cell\" : \"GRU\""), json);
        BufferedImage png = ImageIO.read(r.plot().toFile());
        assertEquals(1280, png.getWidth());
        assertEquals(440, png.getHeight());
    }

    @Test
    void taskSequencesCarryTheSignalOnlyAtTheFirstStep() {
        DataSet d = VanishingGradientExample.task(10, 5, new Random(1));
        assertEquals(List.of(10L, 4L, 6L), List.of(d.getFeatures().shape()[0], d.getFeatures().shape()[1],
                d.getFeatures().shape()[2]));
        for (int i = 0; i < 10; i++) {
            int label = d.getLabels().getRow(i).argMax().getInt(0);
            assertEquals(1.0, d.getFeatures().getDouble(i, label, 0), "signal at step 0 is the label");
            for (int t = 1; t < 6; t++) {
                assertEquals(0.0, d.getFeatures().getDouble(i, 0, t) + d.getFeatures().getDouble(i, 1, t),
                        "only noise symbols after step 0");
            }
        }
    }

    @Test
    void rejectsAGapOfZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VanishingGradientExample.runExample("--gaps", "0"));
        assertEquals("VanishingGradientExample: every gap must be >= 1, got 0", e.getMessage());
    }
}
