package io.rnnkit.bench.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rnnkit.bench.BenchResult;
import io.rnnkit.bench.Measure;
import io.rnnkit.bench.Stats;
import io.rnnkit.bench.ThroughputBenchmark;
import io.rnnkit.sentiment.SentimentClassifier;
import io.rnnkit.sentiment.SentimentData;
import io.rnnkit.sentiment.bench.OpenNlpBaseline;
import io.rnnkit.text.io.LabelledText;

/**
 * Prediction speed of the built-in sentiment model ({@code builtin:sentiment}) on the UCI review sentences: one call
 * per text ({@code sentiment.predict.single}) and batches of 256 ({@code sentiment.predict.batch256}), beside
 * OpenNLP's document categorizer (words + bigrams, trained on the same texts) on the same texts, one call per text.
 * One iteration predicts every text; {@code texts_per_s} is at the median.
 */
public final class SentimentThroughput implements ThroughputBenchmark {
    static final int BATCH = 256;

    @Override
    public List<BenchResult> run(Measure measure, boolean quick) {
        List<LabelledText> data = SentimentData.uciSentences();
        List<LabelledText> used = data.subList(0, quick ? 1000 : data.size());
        List<String> texts = used.stream().map(LabelledText::text).toList();
        SentimentClassifier model = SentimentClassifier.load("builtin:sentiment");
        Stats single = measure.time(() -> {
            for (String t : texts) {
                model.predict(t);
            }
        });
        Stats batched = measure.time(() -> {
            for (int from = 0; from < texts.size(); from += BATCH) {
                model.predictAll(texts.subList(from, Math.min(texts.size(), from + BATCH)));
            }
        });
        OpenNlpBaseline doccat = OpenNlpBaseline.train(used, model.tokenizer(), OpenNlpBaseline.DEFAULT_CUTOFF);
        Stats peer = measure.time(() -> {
            for (String t : texts) {
                doccat.predict(t);
            }
        });
        String suffix = ".uci-" + texts.size();
        List<BenchResult> out = new ArrayList<>();
        out.add(rate("sentiment.predict.single" + suffix, single, texts.size()));
        out.add(rate("sentiment.predict.batch256" + suffix, batched, texts.size()));
        out.add(rate("sentiment.opennlp_doccat.single" + suffix, peer, texts.size()));
        return out;
    }

    static BenchResult rate(String name, Stats s, int texts) {
        return new BenchResult(name, s, 0, Map.of("texts_per_s", texts / (s.median() / 1e3), "texts", (double) texts));
    }
}
