package io.rnnkit.forecast.baseline;

/** Forecast error metrics, in the units of the target. */
public final class Metrics {
    private Metrics() {
    }

    /** Mean absolute error. */
    public static double mae(double[] actual, double[] predicted) {
        check(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - predicted[i]);
        }
        return sum / actual.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] actual, double[] predicted) {
        check(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - predicted[i];
            sum += d * d;
        }
        return Math.sqrt(sum / actual.length);
    }

    /** Skill against a reference forecast: {@code 1 - mae / maeReference}; positive means better than it. */
    public static double skill(double mae, double maeReference) {
        if (!(maeReference > 0)) {
            throw new IllegalArgumentException("the reference MAE must be positive, got " + maeReference);
        }
        return 1 - mae / maeReference;
    }

    private static void check(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual values but " + predicted.length + " predictions");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no values to score");
        }
    }
}
