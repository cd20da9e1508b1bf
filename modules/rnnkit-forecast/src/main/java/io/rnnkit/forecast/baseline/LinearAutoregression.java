package io.rnnkit.forecast.baseline;

import io.rnnkit.forecast.data.CalendarFeatures;
import io.rnnkit.forecast.data.TimeSeries;

/**
 * A linear autoregressive baseline: the change of the target {@code step} days ahead as a least-squares
 * (slightly ridge-regularised) linear function of every column over the last {@code lookback} days, standardised
 * with the fitting rows' statistics, plus the day-of-year sine and cosine of the forecast day. It sees the same
 * inputs as the recurrent forecaster, so the gap between the two is what the recurrence and the non-linearity add.
 */
public final class LinearAutoregression {
    private final int lookback;
    private final int step;
    private final double[] mean;
    private final double[] std;
    /** Coefficients: bias, then lookback × columns (oldest day first), then the calendar pair. */
    private final double[] beta;

    private LinearAutoregression(int lookback, int step, double[] mean, double[] std, double[] beta) {
        this.lookback = lookback;
        this.step = step;
        this.mean = mean;
        this.std = std;
        this.beta = beta;
    }

    /**
     * Fits on the windows whose inputs and forecast day all lie in the first {@code rows} rows.
     *
     * @param ridge penalty on the squared coefficients (not the bias); a small positive value keeps the normal
     *              equations well conditioned when columns are collinear
     * @throws IllegalArgumentException if the rows hold fewer windows than coefficients
     */
    public static LinearAutoregression fit(TimeSeries series, int rows, int lookback, int step, double ridge) {
        if (lookback < 1 || step < 1 || rows > series.size() || !(ridge >= 0)) {
            throw new IllegalArgumentException("lookback and step must be at least 1, ridge not negative and rows "
                    + "inside the series");
        }
        int columns = series.columns().size();
        double[] mean = new double[columns];
        double[] std = new double[columns];
        for (int c = 0; c < columns; c++) {
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < rows; r++) {
                sum += series.value(c, r);
                sq += series.value(c, r) * series.value(c, r);
            }
            mean[c] = sum / rows;
            double sd = Math.sqrt(Math.max(sq / rows - mean[c] * mean[c], 0));
            // a constant column gets std 1: it is then 0 everywhere and the ridge keeps its coefficient at 0
            std[c] = sd > 1e-12 ? sd : 1;
        }
        int k = 1 + lookback * columns + CalendarFeatures.COUNT;
        int windows = rows - step + 1 - lookback;
        if (windows < k) {
            throw new IllegalArgumentException("too few rows for a linear model: " + Math.max(windows, 0)
                    + " windows for " + k + " coefficients");
        }
        LinearAutoregression shape = new LinearAutoregression(lookback, step, mean, std, new double[k]);
        double[][] a = new double[k][k];
        double[] b = new double[k];
        double[] x = new double[k];
        for (int origin = lookback; origin + step - 1 < rows; origin++) {
            shape.inputs(series, origin, x);
            double y = series.target(origin + step - 1) - series.target(origin - 1);
            for (int i = 0; i < k; i++) {
                b[i] += x[i] * y;
                for (int j = 0; j <= i; j++) {
                    a[i][j] += x[i] * x[j];
                }
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                a[j][i] = a[i][j];
            }
            if (i > 0) {
                a[i][i] += ridge;
            }
        }
        return new LinearAutoregression(lookback, step, mean, std, solve(a, b));
    }

    /** The forecast of the target at row {@code origin + step - 1}, from the {@code lookback} rows before {@code origin}. */
    public double predict(TimeSeries series, int origin) {
        if (origin < lookback || origin + step - 1 >= series.size()) {
            throw new IllegalArgumentException("row " + origin + " has no " + lookback + "-day window and "
                    + step + "-day forecast inside the series");
        }
        double[] x = new double[beta.length];
        inputs(series, origin, x);
        double change = 0;
        for (int i = 0; i < x.length; i++) {
            change += beta[i] * x[i];
        }
        return series.target(origin - 1) + change;
    }

    private void inputs(TimeSeries series, int origin, double[] x) {
        int columns = mean.length;
        x[0] = 1;
        int i = 1;
        for (int r = origin - lookback; r < origin; r++) {
            for (int c = 0; c < columns; c++) {
                x[i++] = (series.value(c, r) - mean[c]) / std[c];
            }
        }
        double[] calendar = CalendarFeatures.of(series.date(origin + step - 1));
        x[i++] = calendar[0];
        x[i] = calendar[1];
    }

    /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting ({@code a} and {@code b} are consumed). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int p = 0; p < n; p++) {
            int max = p;
            for (int r = p + 1; r < n; r++) {
                if (Math.abs(a[r][p]) > Math.abs(a[max][p])) {
                    max = r;
                }
            }
            if (Math.abs(a[max][p]) < 1e-12) {
                throw new IllegalArgumentException("singular normal equations: give the linear model a ridge penalty");
            }
            double[] row = a[p];
            a[p] = a[max];
            a[max] = row;
            double t = b[p];
            b[p] = b[max];
            b[max] = t;
            for (int r = p + 1; r < n; r++) {
                double f = a[r][p] / a[p][p];
                b[r] -= f * b[p];
                for (int c = p; c < n; c++) {
                    a[r][c] -= f * a[p][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
