package io.rnnkit.bench.tasks;

import io.rnnkit.bench.BenchResult;
import io.rnnkit.bench.Measure;
import io.rnnkit.bench.ThroughputBenchmark;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.tagger.PosTagger;
import io.rnnkit.tagger.corpus.BrownSplit;
import io.rnnkit.tagger.corpus.CorpusFormat;
import io.rnnkit.tagger.corpus.TaggedCorpus;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.text.io.TaggedSentence;
import java.util.List;
import java.util.Map;

/**
 * Tagging speed of the built-in tagger ({@code builtin:tagger}) on the first sentences of the Brown test files
 * of the fixed split: all of them in one call ({@code tagger.tag.batched}) and one call per sentence
 * ({@code tagger.tag.single}), both warmed up first. One iteration tags the whole set; {@code tokens_per_s} is at
 * the median.
 */
public final class TaggerThroughput implements ThroughputBenchmark {

    @Override
    public List<BenchResult> run(Measure measure, boolean quick) {
        BrownSplit split = BrownSplit.of(Datasets.dir(Datasets.BROWN));
        List<TaggedSentence> test = TaggedCorpus.read(split.test(), CorpusFormat.BROWN, TagSet.UNIVERSAL);
        List<List<String>> sentences = test.stream().map(TaggedSentence::words).limit(quick ? 300 : 2000).toList();
        long tokens = sentences.stream().mapToLong(List::size).sum();
        PosTagger tagger = PosTagger.load("builtin:tagger");
        Runnable all = () -> tagger.tagAll(sentences);
        Runnable oneByOne = () -> {
            for (List<String> s : sentences) {
                tagger.tag(s);
            }
        };
        // The engine runs a large batch and a single sentence through different code (GEMM and Java steps): both
        // are warmed up before either is timed, so that neither is timed while the JIT still compiles it.
        for (int i = 0; i < 3; i++) {
            all.run();
            oneByOne.run();
        }
        var batched = measure.time(all);
        var single = measure.time(oneByOne);
        String suffix = ".brown-test-" + sentences.size();
        return List.of(
                new BenchResult("tagger.tag.batched" + suffix, batched, 0,
                        Map.of("tokens_per_s", tokens / (batched.median() / 1e3), "tokens", (double) tokens)),
                new BenchResult("tagger.tag.single" + suffix, single, 0,
                        Map.of("tokens_per_s", tokens / (single.median() / 1e3), "tokens", (double) tokens)));
    }
}
