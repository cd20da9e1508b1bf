package io.rnnkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnnkit.bench.rnn.Levers;
import io.rnnkit.bench.rnn.RnnBenchmarks;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs rnnkit's speed benchmarks one after the other and writes their figures as JSON.
 *
 * <pre>
 * BenchMain [--mode quick|full] [--out FILE] [--only REGEX] [--levers]
 * </pre>
 * Quick mode times the small size only, with few iterations (a couple of minutes); full mode both
 * sizes. {@code --levers} adds the lever measurements ({@link Levers}). Progress goes to stderr.
 * libnd4j's AVX-512 build is chosen when the CPU has it (see {@link NativeBuild}); threads follow
 * {@code OMP_NUM_THREADS}, which must be set before the JVM starts.
 */
public final class BenchMain {

    /** Settings of one run. */
    record Options(boolean quick, Path out, Pattern only, boolean levers) {
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        String extension = NativeBuild.selectBest();
        ObjectNode json = run(o, extension);
        Files.createDirectories(o.out().toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(o.out().toFile(), json);
        System.err.println("bench: wrote " + o.out());
    }

    static Options parse(String[] args) {
        boolean quick = true;
        Path out = Path.of("target/bench/rnnkit.json");
        Pattern only = Pattern.compile(".*");
        boolean levers = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--mode" -> {
                    String v = value(args, ++i, a);
                    if (!v.equals("quick") && !v.equals("full")) {
                        throw new IllegalArgumentException("--mode must be quick or full, got '" + v + "'");
                    }
                    quick = v.equals("quick");
                }
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--only" -> only = Pattern.compile(value(args, ++i, a));
                case "--levers" -> levers = true;
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "'; usage: BenchMain [--mode quick|full] [--out FILE] [--only REGEX] [--levers]");
            }
        }
        return new Options(quick, out, only, levers);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** The benchmarks of a run, by name, in the order they run. */
    static Map<String, Supplier<List<BenchResult>>> plan(Options o) {
        Measure m = o.quick() ? new Measure(1, 5, 8) : new Measure(2, 11, 30);
        Measure micro = o.quick() ? new Measure(2, 7, 5) : new Measure(3, 15, 10);
        List<RnnShape> shapes = o.quick() ? List.of(RnnShape.SMALL) : List.of(RnnShape.SMALL, RnnShape.LARGE);
        // Inference rows warm up longer: the engine's loops run in plain Java and reach their speed only after
        // HotSpot has compiled them (a few iterations); the native paths are warm after one.
        Measure warm = new Measure(Math.max(m.warmup(), 8), m.iterations(), m.maxSeconds());
        Map<String, Supplier<List<BenchResult>>> plan = new LinkedHashMap<>();
        plan.put("sgemm.1024", () -> List.of(GemmPeak.measure(1024, micro)));
        for (RnnShape s : shapes) {
            for (Cell c : Cell.values()) {
                plan.put(c.key() + ".train." + s.label(), () -> List.of(RnnBenchmarks.train(c, s, m)));
                plan.put(c.key() + ".infer." + s.label(), () -> List.of(RnnBenchmarks.inference(c, s, warm)));
                plan.put(c.key() + ".infer_dl4j." + s.label(), () -> List.of(RnnBenchmarks.inferenceDl4j(c, s, warm)));
            }
        }
        RnnShape stepShape = RnnShape.SMALL;
        // A stepped character costs microseconds: a few thousand warm-up steps let HotSpot compile the engine's loops.
        Measure warmSteps = new Measure(Math.max(micro.warmup(), 30), micro.iterations(), micro.maxSeconds());
        for (Cell c : List.of(Cell.SIMPLE_RNN, Cell.LSTM, Cell.GRU)) {
            plan.put(c.key() + ".step.D" + stepShape.d() + "-H" + stepShape.h(),
                    () -> List.of(RnnBenchmarks.step(c, stepShape, 100, warmSteps)));
            plan.put(c.key() + ".step_dl4j.D" + stepShape.d() + "-H" + stepShape.h(),
                    () -> List.of(RnnBenchmarks.stepDl4j(c, stepShape, 100, micro)));
        }
        if (o.levers()) {
            plan.put("lever." + RnnShape.SMALL.label(), () -> Levers.all(RnnShape.SMALL, m));
        }
        for (ThroughputBenchmark t : ServiceLoader.load(ThroughputBenchmark.class)) {
            // Each task iteration is a whole pass over its data: three warm-up passes compile the engine's loops.
            Measure task = new Measure(Math.max(m.warmup(), 3), m.iterations(), m.maxSeconds());
            plan.put(t.getClass().getSimpleName(), () -> t.run(task, o.quick()));
        }
        return plan;
    }

    static ObjectNode run(Options o, String extension) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("peer", "rnnkit");
        root.put("mode", o.quick() ? "quick" : "full");
        root.put("started", Instant.now().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("cpu", NativeBuild.cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("load_before", loadAverage());
        machine.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        machine.put("native_build", "nd4j-native " + (extension.isEmpty() ? "linux-x86_64 (generic)" : extension));
        machine.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        machine.put("java", System.getProperty("java.version"));
        ObjectNode benches = root.putObject("benchmarks");
        double peak = Double.NaN;
        for (Map.Entry<String, Supplier<List<BenchResult>>> e : plan(o).entrySet()) {
            if (!e.getKey().equals("sgemm.1024") && !o.only().matcher(e.getKey()).find()) {
                continue;
            }
            System.err.printf("bench: %-40s ", e.getKey());
            List<BenchResult> results;
            try {
                results = e.getValue().get();
            } catch (RuntimeException ex) {
                // A benchmark that fails is reported, not hidden, and the others still run.
                System.err.println("FAILED: " + ex);
                benches.putObject(e.getKey()).put("error", String.valueOf(ex));
                continue;
            }
            List<String> shown = new ArrayList<>();
            for (BenchResult r : results) {
                if (r.name().equals("sgemm.1024")) {
                    peak = r.gflops();
                    root.put("sgemm_peak_gflops", peak);
                }
                benches.set(r.name(), toJson(mapper, r, peak));
                shown.add(String.format("%.3f ms", r.ms().median()));
            }
            System.err.println(String.join(", ", shown));
        }
        machine.put("load_after", loadAverage());
        return root;
    }

    static ObjectNode toJson(ObjectMapper mapper, BenchResult r, double peak) {
        ObjectNode n = mapper.createObjectNode();
        Stats s = r.ms();
        n.put("ms", round(s.median()));
        n.put("p25", round(s.p25()));
        n.put("p75", round(s.p75()));
        n.put("min", round(s.min()));
        n.put("max", round(s.max()));
        n.put("iterations", s.iterations());
        if (r.flops() > 0) {
            n.put("gflops", round(r.gflops()));
            if (!Double.isNaN(peak)) {
                n.put("peak_fraction", round(r.gflops() / peak));
            }
        }
        r.extra().forEach((k, v) -> n.put(k, round(v)));
        return n;
    }

    /** Four significant digits: enough for timings on a noisy machine, readable in the summary. */
    static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
