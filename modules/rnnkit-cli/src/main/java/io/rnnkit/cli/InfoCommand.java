package io.rnnkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnkit info --model M}: what a model file is, without building its network. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the manifest of a model file: task, versions, hyper-parameters, data, metrics.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Model file, or builtin:charlm|charlm-ko|sentiment|tagger|forecast.")
    String model;

    @Option(names = "--json", description = "Print the manifest as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Manifest m = ModelFile.readManifest(model);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            return Rnnkit.OK;
        }
        out.printf("model:        %s%n", model);
        out.printf("task:         %s%n", m.task());
        out.printf("format:       %d%n", m.formatVersion());
        out.printf("created:      %s by rnnkit %s (Java %s, DL4J %s)%n", m.createdAt(), m.rnnkitVersion(),
                m.javaVersion(), m.dl4jVersion());
        if (m.commandLine() != null) {
            out.printf("made by:      %s%n", m.commandLine());
        }
        out.printf("network:      %s%n", m.networkType());
        if (m.trainingData() != null) {
            out.printf("trained on:   %,d bytes, sha256 %s%n", m.trainingData().sizeBytes(), m.trainingData().sha256());
        }
        printMap(out, "hyper-parameters", m.hyperParameters());
        printMap(out, "metrics", m.metrics());
        return Rnnkit.OK;
    }

    private static void printMap(PrintWriter out, String title, Map<String, ?> map) {
        if (map.isEmpty()) {
            return;
        }
        out.println(title + ":");
        map.forEach((k, v) -> out.printf("  %-22s %s%n", k, v));
    }
}
