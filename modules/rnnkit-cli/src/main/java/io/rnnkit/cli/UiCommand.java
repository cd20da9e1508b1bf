package io.rnnkit.cli;

import io.rnnkit.nn.train.monitor.Monitoring;
import io.rnnkit.nn.train.monitor.TrainingMonitors;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnkit ui FILE}: DL4J's training UI on statistics stored with {@code --ui-file}, until interrupted. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve DL4J's training UI on statistics stored by 'train --ui-file FILE' (Ctrl-C to stop).")
final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Statistics file written by a train verb's --ui-file.")
    Path file;

    @Option(names = "--port", defaultValue = "" + Monitoring.DEFAULT_PORT,
            description = "Port of the UI (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be 0 to 65535, got " + port);
        }
        String url = TrainingMonitors.provider().view(file, port);
        spec.commandLine().getOut().println("rnnkit: training UI at " + url + " (Ctrl-C to stop)");
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await();
        return Rnnkit.OK;
    }
}
