package io.rnnkit.sentiment.bench;

import io.rnnkit.text.Tokenizer;
import io.rnnkit.text.io.LabelledText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Apache OpenNLP's {@link DocumentCategorizerME} (maximum entropy, 100 iterations) on words and word bigrams, the
 * bag-of-words peer of the benchmark. Texts are split by the same tokenizer as the rnnkit model, so both see the same
 * words.
 */
public final class OpenNlpBaseline {
    /** OpenNLP's default feature cutoff: features seen fewer times are ignored. */
    public static final int DEFAULT_CUTOFF = 5;

    private final DocumentCategorizerME categorizer;
    private final Tokenizer tokenizer;

    private OpenNlpBaseline(DocumentCategorizerME categorizer, Tokenizer tokenizer) {
        this.categorizer = categorizer;
        this.tokenizer = tokenizer;
    }

    /** Trains on {@code data} with OpenNLP's default parameters and the given feature cutoff. */
    public static OpenNlpBaseline train(List<LabelledText> data, Tokenizer tokenizer, int cutoff) {
        List<DocumentSample> samples = new ArrayList<>(data.size());
        for (LabelledText t : data) {
            samples.add(new DocumentSample(t.label(), tokenizer.words(t.text()).toArray(String[]::new)));
        }
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        try {
            DoccatFactory factory = new DoccatFactory(new FeatureGenerator[] {
                new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 2)});
            DoccatModel model = DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples),
                    params, factory);
            return new OpenNlpBaseline(new DocumentCategorizerME(model), tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenNLP training failed: " + e.getMessage(), e);
        }
    }

    /** The most probable label of {@code text}. */
    public String predict(String text) {
        double[] p = categorizer.categorize(tokenizer.words(text).toArray(String[]::new));
        return categorizer.getBestCategory(p);
    }
}
