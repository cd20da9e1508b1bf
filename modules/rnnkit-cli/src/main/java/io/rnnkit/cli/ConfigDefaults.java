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
        // null: the option has no config default (picocli then uses the annotation's, if any). Any of the option's
        // names may key it: an option renamed to the CLI's one vocabulary keeps its old name as an alias.
        Map<String, Object> defaults = defaults();
        for (String name : option.names()) {
            Object value = defaults.get(name);
            if (value != null) {
                return String.valueOf(value);
            }
        }
        return null;
    }
}
