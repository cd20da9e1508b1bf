package io.rnnkit.bench.libtorch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.GRUImpl;
import org.bytedeco.pytorch.GRUOptions;
import org.bytedeco.pytorch.LSTMImpl;
import org.bytedeco.pytorch.LSTMOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.RNNImpl;
import org.bytedeco.pytorch.RNNOptions;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * libtorch timings of the benchmarks rnnkit runs, under the same names: one recurrent layer
 * (sequence-first input) + linear head with softmax cross-entropy over {@code D} classes,
 * Adam(1e-3), float32, and the thread count of {@code OMP_NUM_THREADS}.
 *
 * <pre>
 * TorchBench [--mode quick|full] [--out FILE] [--only REGEX]
 * </pre>
 * Writes JSON ({@code benchmarks.NAME.ms} etc.); progress to stderr.
 */
public final class TorchBench {

    private static final String[] CELLS = {"simple_rnn", "lstm", "gru", "bi_lstm"};

    private TorchBench() {
    }

    /** D inputs, H units, batch B, T steps. */
    record Shape(int d, int h, int b, int t) {
        String label() {
            return "D" + d + "-H" + h + "-B" + b + "-T" + t;
        }
    }

    public static void main(String[] args) throws IOException {
        boolean quick = true;
        Path out = Path.of("target/bench/libtorch.json");
        Pattern only = Pattern.compile(".*");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> quick = !"full".equals(need(args, ++i));
                case "--out" -> out = Path.of(need(args, ++i));
                case "--only" -> only = Pattern.compile(need(args, ++i));
                default -> {
                    System.err.println("torch-bench: unknown option '" + args[i]
                            + "'; usage: TorchBench [--mode quick|full] [--out FILE] [--only REGEX]");
                    System.exit(2);
                }
            }
        }
        String omp = System.getenv("OMP_NUM_THREADS");
        int threads = omp == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(omp.trim());
        torch.set_num_threads(threads);
        torch.manual_seed(42);
        int warmup = quick ? 1 : 2;
        int iterations = quick ? 5 : 11;
        double maxSeconds = quick ? 8 : 30;
        List<Shape> shapes = quick ? List.of(new Shape(64, 256, 32, 100))
                : List.of(new Shape(64, 256, 32, 100), new Shape(128, 512, 64, 50));

        Map<String, double[]> results = new LinkedHashMap<>();
        for (Shape s : shapes) {
            for (String cell : CELLS) {
                String train = cell + ".train." + s.label();
                if (only.matcher(train).find()) {
                    results.put(train, report(train, timeTrain(cell, s, warmup, iterations, maxSeconds)));
                }
                String infer = cell + ".infer." + s.label();
                if (only.matcher(infer).find()) {
                    results.put(infer, report(infer, timeInference(cell, s, warmup, iterations, maxSeconds)));
                }
            }
        }
        Shape stepShape = new Shape(64, 256, 1, 1);
        for (String cell : List.of("simple_rnn", "lstm", "gru")) {
            String name = cell + ".step.D" + stepShape.d() + "-H" + stepShape.h();
            if (only.matcher(name).find()) {
                double[] perRun = timeSteps(cell, stepShape, 100, quick ? 2 : 3, quick ? 7 : 15);
                results.put(name, report(name, Arrays.stream(perRun).map(v -> v / 100).toArray()));
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, toJson(results, threads, quick));
        System.err.println("torch-bench: wrote " + out);
    }

    private static String need(String[] args, int i) {
        if (i >= args.length) {
            System.err.println("torch-bench: " + args[i - 1] + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    /** One recurrent layer + linear head, as a module tree so the optimizer sees every parameter. */
    static final class Net {
        final Module root = new Module();
        final Module rnn;
        final LinearImpl head;
        final String cell;

        Net(String cell, Shape s) {
            this.cell = cell;
            switch (cell) {
                case "simple_rnn" -> rnn = new RNNImpl(new RNNOptions(s.d(), s.h()));
                case "gru" -> rnn = new GRUImpl(new GRUOptions(s.d(), s.h()));
                case "lstm" -> rnn = new LSTMImpl(new LSTMOptions(s.d(), s.h()));
                case "bi_lstm" -> {
                    LSTMOptions o = new LSTMOptions(s.d(), s.h());
                    o.bidirectional().put(true);
                    rnn = new LSTMImpl(o);
                }
                default -> throw new IllegalArgumentException("unknown cell " + cell);
            }
            root.register_module("rnn", rnn);
            int units = cell.equals("bi_lstm") ? 2 * s.h() : s.h();
            head = root.register_module("head", new LinearImpl(units, s.d()));
        }

        /** Sequence output [T, B, H·dirs]. */
        Tensor sequence(Tensor x) {
            if (rnn instanceof LSTMImpl l) {
                return l.forward(x).get0();
            } else if (rnn instanceof GRUImpl g) {
                return g.forward(x).get0();
            }
            return ((RNNImpl) rnn).forward(x).get0();
        }

        Tensor logits(Tensor x, Shape s) {
            Tensor seq = sequence(x);
            return head.forward(seq.reshape((long) s.t() * s.b(), seq.size(2)));
        }
    }

    static double[] timeTrain(String cell, Shape s, int warmup, int iterations, double maxSeconds) {
        Net net = new Net(cell, s);
        TensorVector params = net.root.parameters();
        Adam adam = new Adam(params, new AdamOptions(1e-3));
        Tensor x = torch.rand(s.t(), s.b(), s.d());
        Tensor y = torch.randint(s.d(), new long[] {(long) s.t() * s.b()},
                new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long));
        return time(warmup, iterations, maxSeconds, () -> {
            adam.zero_grad();
            Tensor loss = torch.cross_entropy_loss(net.logits(x, s), y);
            loss.backward();
            adam.step();
        });
    }

    static double[] timeInference(String cell, Shape s, int warmup, int iterations, double maxSeconds) {
        Net net = new Net(cell, s);
        net.root.eval();
        Tensor x = torch.rand(s.t(), s.b(), s.d());
        try (NoGradGuard guard = new NoGradGuard()) {
            return time(warmup, iterations, maxSeconds, () -> torch.softmax(net.logits(x, s), 1));
        }
    }

    /** Character-sampling style: batch 1, one step per call, state carried; one iteration = n steps. */
    static double[] timeSteps(String cell, Shape s, int n, int warmup, int iterations) {
        Net net = new Net(cell, s);
        net.root.eval();
        Tensor x = torch.zeros(1, 1, s.d());
        try (NoGradGuard guard = new NoGradGuard()) {
            return time(warmup, iterations, 10, () -> {
                Tensor h = torch.zeros(1, 1, s.h());
                Tensor c = torch.zeros(1, 1, s.h());
                for (int i = 0; i < n; i++) {
                    Tensor out;
                    if (net.rnn instanceof LSTMImpl l) {
                        var r = l.forward(x, new T_TensorTensor_T(h, c));
                        out = r.get0();
                        h = r.get1().get0();
                        c = r.get1().get1();
                    } else if (net.rnn instanceof GRUImpl g) {
                        var r = g.forward(x, h);
                        out = r.get0();
                        h = r.get1();
                    } else {
                        var r = ((RNNImpl) net.rnn).forward(x, h);
                        out = r.get0();
                        h = r.get1();
                    }
                    torch.softmax(net.head.forward(out.reshape(1, s.h())), 1);
                }
            });
        }
    }

    static double[] time(int warmup, int iterations, double maxSeconds, Runnable body) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        List<Double> ms = new ArrayList<>();
        double spent = 0;
        while (ms.size() < iterations) {
            long t0 = System.nanoTime();
            body.run();
            double v = (System.nanoTime() - t0) / 1e6;
            ms.add(v);
            spent += v / 1e3;
            if (ms.size() >= Math.min(3, iterations) && spent > maxSeconds) {
                break;
            }
        }
        return ms.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] report(String name, double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        System.err.printf(Locale.ROOT, "torch-bench: %-40s %.3f ms%n", name, pct(s, 50));
        return s;
    }

    /** The text as the inside of a JSON string: quotes and backslashes escaped, control characters as spaces. */
    static String jsonText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("; ");
            } else if (c < 0x20) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString().trim();
    }

    static double pct(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    static String toJson(Map<String, double[]> results, int threads, boolean quick) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"peer\": \"libtorch\",\n  \"mode\": \"").append(quick ? "quick" : "full").append("\",\n");
        sb.append("  \"peer_info\": {\"version\": \"pytorch 2.10.0 (JavaCPP 1.5.13, OpenBLAS 0.3.31)\", \"threads\": ")
                .append(threads).append(", \"parallel_info\": \"")
                .append(jsonText(torch.get_parallel_info().getString()))
                .append("\"},\n  \"benchmarks\": {\n");
        int i = 0;
        for (Map.Entry<String, double[]> e : results.entrySet()) {
            double[] s = e.getValue();
            sb.append(String.format(Locale.ROOT,
                    "    \"%s\": {\"ms\": %.4f, \"p25\": %.4f, \"p75\": %.4f, \"min\": %.4f, \"max\": %.4f, \"iterations\": %d}",
                    e.getKey(), pct(s, 50), pct(s, 25), pct(s, 75), s[0], s[s.length - 1], s.length));
            sb.append(++i < results.size() ? ",\n" : "\n");
        }
        return sb.append("  }\n}\n").toString();
    }
}
