package io.rnnkit.examples.demo;

import io.rnnkit.charlm.CharLanguageModel;
import io.rnnkit.charlm.GeneratedText;
import io.rnnkit.charlm.SamplingOptions;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.forecast.Forecast;
import io.rnnkit.forecast.Forecaster;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.nn.io.ModelLocation;
import io.rnnkit.sentiment.Sentiment;
import io.rnnkit.sentiment.SentimentClassifier;
import io.rnnkit.tagger.PosTagger;
import io.rnnkit.tagger.TaggedText;
import io.rnnkit.translate.Translation;
import io.rnnkit.translate.Translator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The demo that {@code scripts/demo} runs: text sampled from the built-in character model, "I work at google"
 * tagged, sentiment with probabilities for a few reviews, a 7-day temperature forecast beside the actuals, and
 * English help sentences translated into Korean.
 *
 * <pre>{@code
 * scripts/demo [--prefix "Call me Ishmael. "] [--length 300] [--seed 7] [--from 2015-12-25]
 * }</pre>
 */
public final class Demo {
    /** Reviews the sentiment model has not seen in training. */
    public static final List<String> REVIEWS = List.of(
            "The battery died after two days and support never answered.",
            "Absolutely loved the food, and the staff were so friendly!",
            "The plot was thin but the acting saved it.",
            "I would not recommend this phone to anyone.");

    /** English sentences in the style of the help pages the translator learned from (not in its training pairs). */
    public static final List<String> ENGLISH = List.of("Opens the Print dialog.", "Closes the current window.",
            "Inserts a new sheet.");

    /**
     * What the demo showed.
     *
     * @param sample    text sampled from {@code builtin:charlm}
     * @param tagged    "I work at google" tagged by {@code builtin:tagger}
     * @param sentiment one prediction of {@code builtin:sentiment} per review in {@link #REVIEWS}
     * @param forecast  {@code builtin:forecast}'s forecast of the days from {@code from}
     * @param actual    the observed values of the same days, from the Seattle weather data
     * @param korean    {@code builtin:translate-en-ko}'s translation of each sentence of {@link #ENGLISH}
     */
    public record Result(GeneratedText sample, TaggedText tagged, List<Sentiment> sentiment, Forecast forecast,
                         double[] actual, List<Translation> korean) {
    }

    private Demo() {
    }

    public static void main(String[] args) {
        run(System.out, args);
    }

    /** Runs the demo without printing. */
    public static Result runExample(String... args) {
        return run(null, args);
    }

    private static Result run(PrintStream out, String... args) {
        ExampleArgs a = ExampleArgs.parse("Demo", Set.of("prefix", "length", "seed", "from", "temperature"), args);
        String prefix = a.string("prefix", "Call me Ishmael. ");
        LocalDate from = LocalDate.parse(a.string("from", "2015-12-25"));

        say(out, "1. Character language model (builtin:charlm, trained on Moby Dick)");
        CharLanguageModel charlm = CharLanguageModel.load(ModelLocation.BUILTIN_PREFIX + "charlm");
        GeneratedText sample = charlm.sample(SamplingOptions.builder()
                .prefix(prefix).length(a.integer("length", 300))
                .temperature(a.decimal("temperature", 0.7)).seed(a.integer("seed", 7)).build());
        say(out, "   " + sample.text().replace("\n", "\n   ") + "\n");

        say(out, "2. Part-of-speech tagging (builtin:tagger, trained on the Brown corpus)");
        PosTagger tagger = PosTagger.load(ModelLocation.BUILTIN_PREFIX + "tagger");
        TaggedText tagged = tagger.tag("I work at google");
        say(out, "   " + tagged.toSlashFormat());
        say(out, "   coarse classes: " + tagged.coarseClasses() + "\n");

        say(out, "3. Sentiment (builtin:sentiment, trained on IMDb, Yelp and Amazon review sentences)");
        SentimentClassifier classifier = SentimentClassifier.load(
                ModelLocation.BUILTIN_PREFIX + "sentiment");
        List<Sentiment> sentiments = new ArrayList<>();
        for (String review : REVIEWS) {
            Sentiment s = classifier.predict(review);
            sentiments.add(s);
            say(out, String.format(Locale.ROOT, "   %-9s %s  %s", name(s.label()), probabilities(s.probabilities()),
                    review));
        }
        say(out, "");

        say(out, "4. Forecast (builtin:forecast, Seattle daily maximum temperature)");
        Forecaster forecaster = Forecaster.load(ModelLocation.BUILTIN_PREFIX + "forecast");
        Path csv = Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv");
        TimeSeries series = TimeSeries.readCsv(csv, forecaster.seriesSpec());
        Forecast forecast = forecaster.predict(series, from);
        double[] actual = new double[forecast.days().size()];
        say(out, String.format(Locale.ROOT, "   %-12s %9s %9s %12s", "date", "forecast", "actual", "persistence"));
        double persistence = series.target(series.rowOf(from) - 1);
        for (int i = 0; i < actual.length; i++) {
            Forecast.Day day = forecast.days().get(i);
            int row = series.rowOf(day.date());
            // rowOf clamps to the series; a day past its end has no actual value.
            actual[i] = row < series.size() ? series.target(row) : Double.NaN;
            say(out, String.format(Locale.ROOT, "   %-12s %7.1f °C %7.1f °C %10.1f °C", day.date(), day.value(),
                    actual[i], persistence));
        }
        say(out, "");

        say(out, "5. Translation, English to Korean (builtin:translate-en-ko, trained on LibreOffice's help pages)");
        Translator translator = Translator.load(ModelLocation.BUILTIN_PREFIX + "translate-en-ko");
        List<Translation> korean = translator.translateAll(ENGLISH);
        for (Translation t : korean) {
            say(out, String.format(Locale.ROOT, "   %-30s → %s", t.source(), t.text()));
        }
        return new Result(sample, tagged, sentiments, forecast, actual, korean);
    }

    private static String name(String label) {
        return switch (label) {
            case "1" -> "positive";
            case "0" -> "negative";
            default -> label;
        };
    }

    private static String probabilities(Map<String, Double> p) {
        StringBuilder sb = new StringBuilder("[");
        p.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(name(k)).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", v)));
        return sb.append(']').toString();
    }

    private static void say(PrintStream out, String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
