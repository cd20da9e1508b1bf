package example;

import io.rnnkit.sentiment.Sentiment;
import io.rnnkit.sentiment.SentimentClassifier;
import java.util.List;

public class Main {
    public static void main(String[] args) {
        // builtin:sentiment comes from rnnkit-models; a path to a model file of your own works the same way.
        SentimentClassifier model = SentimentClassifier.load("builtin:sentiment");
        for (String text : List.of("Absolutely loved the food, and the staff were so friendly!",
                "The battery died after two days and support never answered.")) {
            Sentiment s = model.predict(text);   // labels of builtin:sentiment: "1" positive, "0" negative
            System.out.printf("%s %.2f %s%n", s.label(), s.confidence(), text);
        }
    }
}
