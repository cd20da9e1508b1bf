package io.rnnkit.bench.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.rnnkit.bench.BenchResult;
import io.rnnkit.bench.Measure;
import io.rnnkit.bench.Stats;
import io.rnnkit.bench.ThroughputBenchmark;
import io.rnnkit.charlm.CharLanguageModel;
import io.rnnkit.charlm.SamplingOptions;
import io.rnnkit.charlm.TextSplit;
import io.rnnkit.datasets.Datasets;

/**
 * Speed of the built-in character model ({@code builtin:charlm}): sampling with one stream and with 32 streams at
 * once ({@code chars_per_s} counts every stream's characters), and static evaluation of Moby Dick's test slice
 * ({@code charlm.eval}, the first 10,000 characters of it in the quick mode).
 */
public final class CharLmThroughput implements ThroughputBenchmark {

    @Override
    public List<BenchResult> run(Measure measure, boolean quick) {
        CharLanguageModel model = CharLanguageModel.load("builtin:charlm");
        int length = quick ? 400 : 2000;
        SamplingOptions one = SamplingOptions.builder().prefix("Call me ").length(length).seed(1).build();
        SamplingOptions many = one.toBuilder().length(length / 4).count(32).build();
        Stats s1 = measure.time(() -> model.sample(one));
        Stats s32 = measure.time(() -> model.sample(many));
        String test;
        try {
            test = TextSplit.standard(Files.readString(Datasets.file(Datasets.MOBY_DICK, "data.txt"),
                    StandardCharsets.UTF_8)).test();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String scored = quick ? test.substring(0, 10_000) : test;
        Stats eval = measure.time(() -> model.evaluate(scored));
        return List.of(
                rate("charlm.sample.streams1", s1, length),
                rate("charlm.sample.streams32", s32, 32L * (length / 4)),
                rate("charlm.eval.moby-dick-test-" + scored.length(), eval, scored.length()));
    }

    private static BenchResult rate(String name, Stats s, long chars) {
        return new BenchResult(name, s, 0, Map.of("chars_per_s", chars / (s.median() / 1e3), "chars", (double) chars));
    }
}
