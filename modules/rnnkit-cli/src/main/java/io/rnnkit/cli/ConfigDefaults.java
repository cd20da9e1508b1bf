package io.rnnkit.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Hands picocli the defaults of a task's config object ({@code ForecastConfig.defaults()},
 * {@code TaggerConfig.defaults()}), so that {@code --help}'s "(default: …)" and an option left out both come from
 * that one object: no default is written a second time in an annotation, where it could drift from the library's.
 */
abstract class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    /** Long option name (e.g. {@code --lookback}) → its default, read from the config's defaults. */
    abstract Map<String, Object> defaults();

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        // null: the option has no config default (picocli then uses the annotation's, if any)
        Object value = defaults().get(option.longestName());
        return value == null ? null : String.valueOf(value);
    }
}
