package io.rnnkit.cli;

import io.rnnkit.nn.runtime.NativeThreads;
import io.rnnkit.nn.train.monitor.Monitoring;
import io.rnnkit.nn.train.monitor.MonitoringUnavailableException;
import io.rnnkit.nn.train.monitor.TrainingMonitors;
import io.rnnkit.nn.io.Provenance;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code rnnkit} command. Exit codes: 0 success, 1 failure in the data or the model, 2 usage error (unknown
 * option, missing argument, any option value out of its range). Every error is one line on stderr starting with
 * {@code rnnkit: }; {@code --verbose} adds the stack trace. Text in and out is UTF-8 whatever the locale.
 */
@Command(
        name = "rnnkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Recurrent neural networks for applied NLP: character language models, sentiment, "
                + "part-of-speech tagging and forecasting.",
        subcommands = {InfoCommand.class, SummaryCommand.class, CharlmCommand.class, SentimentCommand.class, TagCommand.class,
                ForecastCommand.class, TranslateCommand.class, UiCommand.class, CommandLine.HelpCommand.class})
public final class Rnnkit implements Runnable {
    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code when the work failed (bad input file, training error, ...). */
    public static final int FAILURE = 1;
    /** Exit code for a usage error (unknown option, missing argument). */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces and more detail.")
    boolean verbose;

    @Option(names = "--threads", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Threads for the native maths library (default: chosen by measurement, see docs/training-and-model-files.md).")
    Integer threads;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** Entry point; exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        // Java 17 encodes System.out in the locale's charset (ASCII under LANG=C: Korean text became "??????").
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        String[] arguments;
        try {
            arguments = CommandLineArguments.utf8(args);
        } catch (IllegalArgumentException e) {
            err.println("rnnkit: " + e.getMessage());
            System.exit(USAGE);
            return;
        }
        System.exit(run(arguments, out, err));
    }

    /** Runs the command with the given streams and returns its exit code, without exiting the JVM. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Objects.requireNonNull(args, "args");
        Provenance.recordCommandLine("rnnkit", List.of(args));
        try {
            return commandLine(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            // An Error passes picocli's handlers; it still gets the one-line contract, with the way out.
            err.println("rnnkit: out of memory (the Java heap is " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB); give Java more with -Xmx (RNNKIT_JAVA_OPTS=-Xmx8g for scripts/rnnkit) or use less input");
            return FAILURE;
        } finally {
            Provenance.clear();
            // Verbs print summaries with print(), which an auto-flushing writer does not flush.
            out.flush();
            err.flush();
        }
    }

    /** The configured picocli command line (exposed for tests and embedding). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Rnnkit());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILURE);
        cl.setExecutionExceptionHandler(Rnnkit::onExecutionException);
        cl.setParameterExceptionHandler(Rnnkit::onParameterException);
        cl.setExecutionStrategy(Rnnkit::execute);
        return cl;
    }

    /** Applies the thread settings before any verb that computes, then runs the verb. */
    private static int execute(CommandLine.ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Object command = leaf.commandSpec().userObject();
        if (!(command instanceof Rnnkit) && !(command instanceof InfoCommand)
                && !(command instanceof CommandLine.HelpCommand)) {
            Rnnkit root = (Rnnkit) parsed.commandSpec().root().userObject();
            try {
                NativeThreads.configure(root.threads);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), e.getMessage(), e, null,
                        String.valueOf(root.threads));
            }
        }
        Monitoring monitoring = monitoring(leaf);
        if (monitoring.needsUi() && !TrainingMonitors.available()) {
            // Before training, not after minutes of it; as an ExecutionException it gets the one-line handler.
            throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), "no training UI",
                    new MonitoringUnavailableException());
        }
        try {
            return Monitoring.during(monitoring, () -> new CommandLine.RunLast().execute(parsed));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** What a verb's {@link MonitoringOptions} ask for, or nothing for verbs without them. */
    private static Monitoring monitoring(CommandLine.ParseResult leaf) {
        for (CommandSpec mixin : leaf.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof MonitoringOptions options) {
                try {
                    return options.monitoring();
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), e.getMessage());
                }
            }
        }
        return Monitoring.none();
    }

    private static int onExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println("rnnkit: " + oneLine(e)
                + (e instanceof UsageException ? " (see '" + cl.getCommandSpec().qualifiedName() + " --help')" : ""));
        if (cl.getCommandSpec().root().userObject() instanceof Rnnkit root && root.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof UsageException ? USAGE : FAILURE;
    }

    private static int onParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("rnnkit: " + oneLine(e) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    /** Threads requested with {@code --threads}, or null when not given. */
    public Integer threads() {
        return threads;
    }

    /** The most useful single line of an exception: its own message, else its cause's, else its type. */
    static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                int nl = m.indexOf('\n');
                return nl < 0 ? m.strip() : m.substring(0, nl).strip();
            }
        }
        return e.getClass().getSimpleName();
    }
}
