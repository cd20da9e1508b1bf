package io.rnnkit.forecast.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The benchmarks' {@code --name value} arguments. */
final class BenchArgs {
    private BenchArgs() {
    }

    /** {@code --name value} pairs as a map from name to value. */
    static Map<String, String> parse(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("expected --option value pairs, got " + args.length + " argument(s)");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }
}
