package io.rnnkit.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model scored on a period beside the persistence and climatology baselines, all in the target's units.
 * Every window whose whole horizon lies in the period is scored; the overall figures average over all windows
 * and horizon steps.
 *
 * @param target          the target column
 * @param from            first forecast day scored
 * @param to              last forecast day scored
 * @param horizon         days per forecast
 * @param windows         forecasts scored (one per day of the period that has a full horizon after it)
 * @param mae             the model's mean absolute error
 * @param rmse            the model's root mean squared error
 * @param maePersistence  MAE of the persistence forecast (the last observed value repeated)
 * @param rmsePersistence RMSE of the persistence forecast
 * @param maeClimatology  MAE of the climatology forecast (mean of the same calendar day before {@code from})
 * @param rmseClimatology RMSE of the climatology forecast
 * @param skill           {@code 1 - mae / maePersistence}
 * @param perStep         the same figures for each day of the horizon (step 1 = the next day)
 * @param origins         the first forecast day of each window
 * @param actual          {@code actual[window][step]}; {@code NaN} where the day's value was interpolated (not
 *                        observed), which no figure above scores
 * @param predicted       {@code predicted[window][step]}
 * @param excludedInterpolated forecast days left out of every figure because their actual value was interpolated
 */
public record ForecastEvaluation(String target, LocalDate from, LocalDate to, int horizon, int windows, double mae,
                                 double rmse, double maePersistence, double rmsePersistence, double maeClimatology,
                                 double rmseClimatology, double skill, List<StepMetrics> perStep,
                                 List<LocalDate> origins, double[][] actual, double[][] predicted,
                                 int excludedInterpolated) {

    public ForecastEvaluation {
        perStep = List.copyOf(perStep);
        origins = List.copyOf(origins);
    }

    /** An evaluation in which every target day was observed. */
    public ForecastEvaluation(String target, LocalDate from, LocalDate to, int horizon, int windows, double mae,
                              double rmse, double maePersistence, double rmsePersistence, double maeClimatology,
                              double rmseClimatology, double skill, List<StepMetrics> perStep,
                              List<LocalDate> origins, double[][] actual, double[][] predicted) {
        this(target, from, to, horizon, windows, mae, rmse, maePersistence, rmsePersistence, maeClimatology,
                rmseClimatology, skill, perStep, origins, actual, predicted, 0);
    }

    /** Scores of one horizon step. */
    public record StepMetrics(int step, double mae, double rmse, double maePersistence, double maeClimatology,
                              double skill) {
    }

    /**
     * The scores as plain values for JSON: {@code mae}, {@code rmse}, {@code mae_persistence},
     * {@code rmse_persistence}, {@code mae_climatology}, {@code rmse_climatology}, {@code skill}, {@code per_step}
     * and the period; the per-window forecasts are left out.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("horizon", horizon);
        m.put("windows", windows);
        m.put("mae", mae);
        m.put("rmse", rmse);
        m.put("mae_persistence", maePersistence);
        m.put("rmse_persistence", rmsePersistence);
        m.put("mae_climatology", maeClimatology);
        m.put("rmse_climatology", rmseClimatology);
        m.put("skill", skill);
        m.put("excluded_interpolated", excludedInterpolated);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepMetrics s : perStep) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", s.step());
            row.put("mae", s.mae());
            row.put("rmse", s.rmse());
            row.put("mae_persistence", s.maePersistence());
            row.put("mae_climatology", s.maeClimatology());
            row.put("skill", s.skill());
            steps.add(row);
        }
        m.put("per_step", steps);
        return m;
    }

    /** {@link #toMap()} as JSON. */
    public String toJson() {
        return Json.write(toMap());
    }

    /** One line, e.g. {@code temp_max 2015-01-01..2015-12-31: MAE 2.01 (persistence 2.24, climatology 3.50), skill 0.10}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s %s..%s, horizon %d: MAE %.2f, RMSE %.2f (persistence MAE %.2f, climatology MAE %.2f), skill %.3f",
                target, from, to, horizon, mae, rmse, maePersistence, maeClimatology, skill);
    }
}
