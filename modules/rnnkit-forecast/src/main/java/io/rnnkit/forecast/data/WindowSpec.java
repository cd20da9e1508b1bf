package io.rnnkit.forecast.data;

/**
 * Sliding windows: the self-supervised reshaping of one series into (x, y) examples. The example whose
 * <em>origin</em> is row {@code t} has as input the {@code lookback} rows {@code [t - lookback, t)} (the past
 * only) and as target the {@code horizon} values of rows {@code [t, t + horizon)}. Consecutive origins are
 * {@code stride} rows apart.
 *
 * @param lookback days of history fed to the model (at least 1)
 * @param horizon  days forecast at once (at least 1)
 * @param stride   days between consecutive training windows (at least 1)
 */
public record WindowSpec(int lookback, int horizon, int stride) {

    public WindowSpec {
        if (lookback < 1 || horizon < 1 || stride < 1) {
            throw new IllegalArgumentException("lookback, horizon and stride must be at least 1, got " + lookback + ", "
                    + horizon + ", " + stride);
        }
    }

    /**
     * The origins {@code t} whose whole target {@code [t, t + horizon)} lies inside rows {@code [from, to)} and
     * whose input window starts at row 0 or later, {@code stride} apart.
     */
    public int[] origins(int from, int to) {
        int first = Math.max(from, lookback);
        int last = to - horizon; // inclusive
        if (last < first) {
            return new int[0];
        }
        int count = (last - first) / stride + 1;
        int[] origins = new int[count];
        for (int i = 0; i < count; i++) {
            origins[i] = first + i * stride;
        }
        return origins;
    }

    /**
     * Input windows in DL4J's recurrent layout {@code [example][feature][step]}.
     *
     * @param features {@code features[row][feature]} for the whole series
     */
    public double[][][] inputs(double[][] features, int[] origins) {
        int f = features.length == 0 ? 0 : features[0].length;
        double[][][] x = new double[origins.length][f][lookback];
        for (int i = 0; i < origins.length; i++) {
            int start = origins[i] - lookback;
            if (start < 0 || origins[i] > features.length) {
                throw new IllegalArgumentException("origin " + origins[i] + " needs rows " + start + ".." + (origins[i] - 1)
                        + " but the series has " + features.length);
            }
            for (int s = 0; s < lookback; s++) {
                for (int k = 0; k < f; k++) {
                    x[i][k][s] = features[start + s][k];
                }
            }
        }
        return x;
    }

    /** Targets {@code [example][step]}: {@code values[t .. t + horizon)} for each origin {@code t}. */
    public double[][] targets(double[] values, int[] origins) {
        double[][] y = new double[origins.length][horizon];
        for (int i = 0; i < origins.length; i++) {
            if (origins[i] + horizon > values.length) {
                throw new IllegalArgumentException("origin " + origins[i] + " needs " + horizon + " future values but the"
                        + " series ends at row " + (values.length - 1));
            }
            System.arraycopy(values, origins[i], y[i], 0, horizon);
        }
        return y;
    }
}
