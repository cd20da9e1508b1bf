package io.rnnkit.examples.tasks;

import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.sentiment.Encoder;
import io.rnnkit.sentiment.Evaluation;
import io.rnnkit.sentiment.Sentiment;
import io.rnnkit.sentiment.SentimentClassifier;
import io.rnnkit.sentiment.SentimentConfig;
import io.rnnkit.sentiment.SentimentData;
import io.rnnkit.sentiment.StratifiedSplit;
import io.rnnkit.text.io.LabelledText;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The notes' many-to-one example: the words of a review go in one at a time, one label comes out after the last
 * word. A GRU (or LSTM / bidirectional LSTM) classifier is trained on the UCI sentiment sentences (IMDb, Yelp and
 * Amazon, 3,000 sentences labelled 0/1) with a fixed stratified hold-out, evaluated, and asked about new reviews.
 */
public final class SentimentExample {

    /**
     * @param trainSize   training sentences
     * @param evaluation  scores on the held-out sentences
     * @param predictions the label and probabilities for each review given
     */
    public record Result(int trainSize, Evaluation evaluation, List<Sentiment> predictions) {
        public Result {
            predictions = List.copyOf(predictions);
        }
    }

    /** The reviews asked about by default. */
    public static final List<String> REVIEWS = List.of(
            "The food was great and the staff were friendly.",
            "Terrible battery life, it broke after a week.",
            "Not bad at all, I would watch it again.");

    private SentimentExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        Evaluation e = r.evaluation();
        System.out.printf(Locale.ROOT, "trained on %d sentences; held-out accuracy %.1f %%, macro F1 %.3f (n = %d)%n",
                r.trainSize(), 100 * e.accuracy(), e.macroF1(), e.n());
        for (int i = 0; i < r.predictions().size(); i++) {
            Sentiment s = r.predictions().get(i);
            System.out.printf(Locale.ROOT, "%-50s -> %s %s%n", REVIEWS.size() > i ? REVIEWS.get(i) : "", s.label(),
                    s.probabilities());
        }
    }

    /**
     * Options: {@code --encoder gru|lstm|bidirectional_lstm}, {@code --epochs 8}, {@code --units 64},
     * {@code --limit N} (use only the first N sentences of the stratified order, for quick runs), {@code --seed 42}.
     */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("SentimentExample", Set.of("encoder", "epochs", "units", "limit", "seed"),
                args);
        Encoder encoder = Encoder.valueOf(a.string("encoder", "gru").toUpperCase(Locale.ROOT).replace('-', '_'));
        long seed = a.integer("seed", 42);
        List<LabelledText> all = SentimentData.uciSentences();
        int limit = a.integer("limit", all.size());
        if (limit < 20) {
            throw new IllegalArgumentException("SentimentExample: --limit must be >= 20, got " + limit);
        }
        // Hold out 20 % of the sentences, stratified by label, the same every run for the same seed.
        StratifiedSplit.Split split = StratifiedSplit.holdOut(all.stream().map(LabelledText::label).toList(), 0.2,
                seed);
        List<LabelledText> train = StratifiedSplit.select(all, split.train());
        List<LabelledText> test = StratifiedSplit.select(all, split.test());
        if (limit < all.size()) {
            train = train.subList(0, Math.min(train.size(), limit * 4 / 5));
            test = test.subList(0, Math.min(test.size(), limit / 5));
        }
        SentimentConfig config = SentimentConfig.builder().encoder(encoder).units(a.integer("units", 64))
                .epochs(a.integer("epochs", 8)).seed(seed).build();
        SentimentClassifier classifier = SentimentClassifier.train(config, train);
        return new Result(train.size(), classifier.evaluate(test), classifier.predictAll(REVIEWS));
    }
}
