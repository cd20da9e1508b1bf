package io.rnnkit.sentiment;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.text.io.LabelledText;
import io.rnnkit.text.io.LabelledTextReader;
import java.nio.file.Path;
import java.util.List;

/**
 * The sentiment data sets rnnkit knows. The UCI "Sentiment Labelled Sentences" set (Kotzias et al., 2015) is 1,000
 * sentences each from IMDb, Yelp and Amazon reviews, labelled {@code 0} (negative) or {@code 1} (positive), 500 of
 * each per source.
 */
public final class SentimentData {
    /** The three UCI files, in the order they are pooled. */
    public static final List<String> UCI_FILES = List.of("imdb.json", "yelp.json", "amazon.json");

    private SentimentData() {
    }

    /**
     * The 3,000 UCI sentences pooled: IMDb, then Yelp, then Amazon, each in file order; labels {@code "0"} and
     * {@code "1"}. The empty record that ends each file is skipped by {@link LabelledTextReader}'s documented policy.
     *
     * @throws Datasets.MissingDatasetException when the data set has not been fetched ({@code scripts/fetch-datasets})
     */
    public static List<LabelledText> uciSentences() {
        Path dir = Datasets.dir(Datasets.UCI_SENTENCES);
        return LabelledTextReader.json("text", "class")
                .readAll(UCI_FILES.stream().map(dir::resolve).toList())
                .records();
    }
}
