package io.rnnkit.cli;

import io.rnnkit.nn.Summary;
import io.rnnkit.nn.io.LoadedModel;
import io.rnnkit.nn.io.ModelFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnkit summary --model M}: the Keras-style layer table of a model file's network. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the Keras-style summary (layers, output shapes, parameter counts) of a model file.")
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Model file, or builtin:charlm|charlm-ko|sentiment|tagger|forecast.")
    String model;

    @Override
    public Integer call() {
        LoadedModel loaded = ModelFile.load(model, null);
        spec.commandLine().getOut().printf("%s model (%s)%n%s", loaded.manifest().task(), model,
                Summary.of(loaded.network()));
        return Rnnkit.OK;
    }
}
