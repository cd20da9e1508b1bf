package io.rnnkit.sentiment;

import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.text.io.LabelledText;
import io.rnnkit.text.io.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Tiny, separable labelled data and a small fast configuration for tests. */
final class Fixtures {
    private Fixtures() {
    }

    static final String[] GOOD = {"good", "great", "lovely", "excellent", "nice", "superb"};
    static final String[] BAD = {"bad", "awful", "terrible", "poor", "horrible", "dreadful"};
    static final String[] FILLER = {"the", "food", "was", "service", "movie", "really", "and", "phone"};

    /** {@code n} texts per class; each has 2-6 filler words and one or two sentiment words. */
    static List<LabelledText> data(String positive, String negative, int n) {
        List<LabelledText> out = new ArrayList<>();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 2 * n; i++) {
            boolean pos = i % 2 == 0;
            String[] words = pos ? GOOD : BAD;
            StringBuilder sb = new StringBuilder();
            int len = 2 + r.nextInt(5);
            for (int w = 0; w < len; w++) {
                sb.append(FILLER[r.nextInt(FILLER.length)]).append(' ');
            }
            sb.append(words[r.nextInt(words.length)]);
            if (r.nextBoolean()) {
                sb.append(' ').append(words[r.nextInt(words.length)]);
            }
            sb.append(r.nextBoolean() ? " ." : " !");
            out.add(new LabelledText(sb.toString(), pos ? positive : negative, new SourceLocation("fixture", i + 1)));
        }
        return out;
    }

    static LabelledText text(String text, String label) {
        return new LabelledText(text, label, new SourceLocation("inline", 1));
    }

    /** Small and quick: random 8-dim embeddings, 8 units, no dropout, no validation split, fixed epochs. */
    static SentimentConfig config(Encoder encoder, int epochs) {
        return SentimentConfig.builder().vectors(null).encoder(encoder).embeddingDim(8).units(8).dropout(0).minCount(1)
                .validationFraction(0)
                .training(TrainingConfig.builder().epochs(epochs).batchSize(16).learningRate(0.03).seed(11).quiet().build())
                .build();
    }
}
