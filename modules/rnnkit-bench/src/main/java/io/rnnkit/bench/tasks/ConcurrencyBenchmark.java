package io.rnnkit.bench.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import io.rnnkit.bench.BenchResult;
import io.rnnkit.bench.Measure;
import io.rnnkit.bench.Stats;
import io.rnnkit.bench.ThroughputBenchmark;
import io.rnnkit.charlm.CharLanguageModel;
import io.rnnkit.charlm.TextSplit;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.forecast.Forecaster;
import io.rnnkit.forecast.data.TimeSeries;
import io.rnnkit.sentiment.SentimentClassifier;
import io.rnnkit.sentiment.SentimentData;
import io.rnnkit.tagger.PosTagger;
import io.rnnkit.tagger.corpus.BrownSplit;
import io.rnnkit.tagger.corpus.CorpusFormat;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.tagger.corpus.TaggedCorpus;
import io.rnnkit.text.io.TaggedSentence;

/**
 * One loaded model shared by 1, 2 and 8 threads, per task: the same fixed set of calls (one text, sentence,
 * forecast or short evaluation each) split over the threads. {@code calls_per_s} is the total rate at the median;
 * {@code speedup_vs_1} compares it with one thread. On a machine with C cores the ideal is min(threads, C).
 */
public final class ConcurrencyBenchmark implements ThroughputBenchmark {
    static final int[] THREADS = {1, 2, 8};

    @Override
    public List<BenchResult> run(Measure measure, boolean quick) {
        Map<String, Task> tasks = new LinkedHashMap<>();
        SentimentClassifier sentiment = SentimentClassifier.load("builtin:sentiment");
        List<String> texts = SentimentData.uciSentences().stream().map(t -> t.text()).limit(quick ? 400 : 2000)
                .toList();
        tasks.put("sentiment", new Task(texts.size(), i -> sentiment.predict(texts.get(i))));
        PosTagger tagger = PosTagger.load("builtin:tagger");
        List<List<String>> sentences = TaggedCorpus.read(BrownSplit.of(Datasets.dir(Datasets.BROWN)).test(),
                CorpusFormat.BROWN, TagSet.UNIVERSAL).stream().map(TaggedSentence::words).limit(quick ? 400 : 2000)
                .toList();
        tasks.put("tagger", new Task(sentences.size(), i -> tagger.tag(sentences.get(i))));
        Forecaster forecaster = Forecaster.load("builtin:forecast");
        TimeSeries weather = TimeSeries.readCsv(Datasets.file(Datasets.SEATTLE_WEATHER, "seattle-weather.csv"),
                forecaster.seriesSpec());
        tasks.put("forecast", new Task(quick ? 40 : 200, i -> forecaster.predict(weather)));
        CharLanguageModel charlm = CharLanguageModel.load("builtin:charlm");
        String test = mobyDickTest();
        int piece = 300;
        tasks.put("charlm", new Task(quick ? 40 : 200,
                i -> charlm.evaluate(test.substring(i * piece, (i + 1) * piece))));
        List<BenchResult> out = new ArrayList<>();
        for (Map.Entry<String, Task> e : tasks.entrySet()) {
            double single = Double.NaN;
            for (int threads : THREADS) {
                Stats s = measure.time(() -> e.getValue().run(threads));
                double rate = e.getValue().calls() / (s.median() / 1e3);
                if (threads == 1) {
                    single = rate;
                }
                out.add(new BenchResult("concurrency." + e.getKey() + ".threads" + threads, s, 0,
                        Map.of("calls_per_s", rate, "calls", (double) e.getValue().calls(),
                                "speedup_vs_1", rate / single)));
            }
        }
        return out;
    }

    private static String mobyDickTest() {
        try {
            return TextSplit.standard(Files.readString(Datasets.file(Datasets.MOBY_DICK, "data.txt"),
                    StandardCharsets.UTF_8)).test();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code calls} calls of {@code call(i)}, split over threads in interleaved order. */
    record Task(int calls, IntConsumer call) {
        void run(int threads) {
            if (threads == 1) {
                for (int i = 0; i < calls; i++) {
                    call.accept(i);
                }
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        for (int i = first; i < calls; i += threads) {
                            call.accept(i);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
