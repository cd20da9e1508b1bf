package io.rnnkit.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of an example. Parsing checks the names against the example's known options,
 * so a typo fails with a one-line message instead of being ignored.
 */
public final class ExampleArgs {
    private final String example;
    private final Map<String, String> values;

    private ExampleArgs(String example, Map<String, String> values) {
        this.example = example;
        this.values = values;
    }

    /**
     * Parses {@code args} as {@code --name value} pairs.
     *
     * @param example name used in error messages
     * @param known   accepted option names, without the dashes
     * @throws IllegalArgumentException for an unknown option, a missing value or a stray argument
     */
    public static ExampleArgs parse(String example, Set<String> known, String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] a = args == null ? new String[0] : args;
        for (int i = 0; i < a.length; i++) {
            String arg = a[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException(example + ": expected --option value, got '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException(example + ": unknown option --" + name + "; known: --"
                        + String.join(", --", known.stream().sorted().toList()));
            }
            if (value == null) {
                if (i + 1 >= a.length) {
                    throw new IllegalArgumentException(example + ": option --" + name + " needs a value");
                }
                value = a[++i];
            }
            values.put(name, value);
        }
        return new ExampleArgs(example, values);
    }

    /** The option as a string, or {@code fallback} when absent. */
    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Whether the option was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The option as an int, or {@code fallback} when absent. */
    public int integer(String name, int fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(example + ": --" + name + " must be a whole number, got '" + v + "'");
        }
    }

    /** The option as a double, or {@code fallback} when absent. */
    public double decimal(String name, double fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(example + ": --" + name + " must be a number, got '" + v + "'");
        }
    }

    /** A comma-separated list of whole numbers, or {@code fallback} when absent. */
    public List<Integer> integers(String name, List<Integer> fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(example + ": --" + name
                        + " must be comma-separated whole numbers, got '" + v + "'");
            }
        }
        return List.copyOf(out);
    }

    /** A comma-separated list of numbers, or {@code fallback} when absent. */
    public double[] decimals(String name, double[] fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback.clone();
        }
        try {
            return Arrays.stream(v.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(example + ": --" + name
                    + " must be comma-separated numbers, got '" + v + "'");
        }
    }
}
