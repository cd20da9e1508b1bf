package io.rnnkit.bench;

/**
 * Size of one recurrent benchmark: {@code d} inputs per step, {@code h} units, batch {@code b},
 * {@code t} time steps. The output head has {@code d} classes (a character model's shape).
 */
public record RnnShape(int d, int h, int b, int t) {

    /** The small size of the benchmark suite. */
    public static final RnnShape SMALL = new RnnShape(64, 256, 32, 100);
    /** The large size of the benchmark suite. */
    public static final RnnShape LARGE = new RnnShape(128, 512, 64, 50);

    public RnnShape {
        if (d <= 0 || h <= 0 || b <= 0 || t <= 0) {
            throw new IllegalArgumentException("all sizes must be positive, got D=" + d + " H=" + h + " B=" + b + " T=" + t);
        }
    }

    /** Label used in benchmark names, e.g. {@code D64-H256-B32-T100}. */
    public String label() {
        return "D" + d + "-H" + h + "-B" + b + "-T" + t;
    }

    /** Parses {@link #label()}. */
    public static RnnShape parse(String label) {
        String[] p = label.split("-");
        if (p.length != 4 || !p[0].startsWith("D") || !p[1].startsWith("H") || !p[2].startsWith("B") || !p[3].startsWith("T")) {
            throw new IllegalArgumentException("shape must look like D64-H256-B32-T100, got '" + label + "'");
        }
        try {
            return new RnnShape(Integer.parseInt(p[0].substring(1)), Integer.parseInt(p[1].substring(1)),
                    Integer.parseInt(p[2].substring(1)), Integer.parseInt(p[3].substring(1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape must look like D64-H256-B32-T100, got '" + label + "'");
        }
    }
}
