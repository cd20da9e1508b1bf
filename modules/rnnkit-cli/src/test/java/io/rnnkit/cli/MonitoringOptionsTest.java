package io.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.datasets.Datasets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --ui, --ui-file and --report on the train verbs, and 'rnnkit ui', without rnnkit-ui on the class path. */
class MonitoringOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Rnnkit.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String[] forecast(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("forecast", "train", "--csv",
                Datasets.file("seattle-weather", "seattle-weather.csv").toString(), "--target", "temp_max",
                "--units", "4", "--epochs", "2", "--quiet", "--out", dir.resolve("f.rnnk").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void everyTrainVerbHasTheOptions() {
        CommandLine cl = Rnnkit.commandLine(new PrintWriter(out), new PrintWriter(err));
        for (String task : List.of("charlm", "sentiment", "tag", "forecast")) {
            CommandLine.Model.CommandSpec train = cl.getSubcommands().get(task).getSubcommands().get("train")
                    .getCommandSpec();
            for (String option : List.of("--ui", "--ui-file", "--report")) {
                assertNotNull(train.findOption(option), task + " train " + option);
            }
        }
    }

    @Test
    void theUiWithoutTheModuleFailsAtOnceOnOneLine() {
        assertEquals(Rnnkit.FAILURE, run(forecast("--ui")));
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("rnnkit: the training UI (rnnkit-ui) is not on the class path"), lines[0]);
        assertFalse(Files.exists(dir.resolve("f.rnnk")), "it failed before training");
    }

    @Test
    void aStoredRunCannotBeViewedWithoutTheModuleEither() {
        assertEquals(Rnnkit.FAILURE, run("ui", dir.resolve("none.dl4j").toString()));
        assertTrue(err.toString().contains("rnnkit-ui"), err.toString());
    }

    @Test
    void reportIsWrittenAfterTraining() throws Exception {
        Path report = dir.resolve("curves.html");
        assertEquals(Rnnkit.OK, run(forecast("--report", report.toString())), err.toString());
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertEquals(2, html.split("<tr><td>", -1).length - 1, "a row per epoch");
        assertTrue(html.contains("<th>val_mae</th>"), "the task metric, from a run with validation: " + html);
    }

    @Test
    void everyTaskReportsItsOwnMetricBesideTheLosses() throws Exception {
        Path charlm = dir.resolve("charlm.html");
        assertEquals(Rnnkit.OK, run("charlm", "train", "--text",
                Datasets.file("shakespeare-sonnets", "sonnets.txt").toString(), "--units", "8", "--epochs", "1",
                "--seq-length", "50", "--quiet", "--out", dir.resolve("c.rnnk").toString(), "--report",
                charlm.toString()), err.toString());
        assertTrue(Files.readString(charlm).contains("<th>val_bpc</th>"), "bits per character");

        Path data = Files.writeString(dir.resolve("s.csv"), "text,label\n"
                + "good fun,1\nawful mess,0\nlovely day,1\nbad food,0\n".repeat(10));
        Path sentiment = dir.resolve("sentiment.html");
        assertEquals(Rnnkit.OK, run("sentiment", "train", "--data", data.toString(), "--vectors", "none",
                "--embedding-dim", "4", "--units", "4", "--epochs", "1", "--out", dir.resolve("s.rnnk").toString(),
                "--report", sentiment.toString()), err.toString());
        assertTrue(Files.readString(sentiment).contains("<th>val_accuracy</th>"), "accuracy");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertEquals(Rnnkit.USAGE, run(forecast("--report", dir.resolve("curves.pdf").toString())));
        assertTrue(err.toString().contains(".html or .png"), err.toString());
        assertEquals(Rnnkit.USAGE, run(forecast("--ui", "70000")));
        assertEquals(Rnnkit.USAGE, run("ui", "x.dl4j", "--port", "-1"));
    }
}
