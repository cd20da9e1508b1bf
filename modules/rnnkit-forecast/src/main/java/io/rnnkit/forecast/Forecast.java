package io.rnnkit.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecast values of the target for consecutive days.
 *
 * @param target the target column's name
 * @param days   the forecast days with their values, in date order
 */
public record Forecast(String target, List<Day> days) {

    public Forecast {
        days = List.copyOf(days);
    }

    /** One forecast day. */
    public record Day(LocalDate date, double value) {
    }

    /** The forecast values in date order. */
    public double[] values() {
        return days.stream().mapToDouble(Day::value).toArray();
    }

    /** The forecast as plain values: {@code {"target": …, "forecast": [{"date": …, "value": …}, …]}}. */
    public Map<String, Object> toMap() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Day d : days) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", d.date().toString());
            row.put("value", d.value());
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("forecast", rows);
        return m;
    }

    /** {@link #toMap()} as JSON. */
    public String toJson() {
        return Json.write(toMap());
    }
}
