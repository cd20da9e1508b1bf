package io.rnnkit.tagger;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.tagger.corpus.BrownSplit;
import io.rnnkit.tagger.corpus.CorpusFormat;
import io.rnnkit.tagger.corpus.TaggedCorpus;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.text.io.TaggedSentence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One loaded tagger shared by many threads tags exactly as it does for one thread. */
class SharedTaggerTest {
    private static final int THREADS = 8;
    private static final int SENTENCES = 2_000;
    /** Sentences per batched call: enough for the engine's GEMM path (native scratch memory per call). */
    private static final int CHUNK = 100;

    @Test
    void eightThreadsSharingOneLoadedTaggerGetTheSingleThreadedResults() throws Exception {
        List<List<String>> sentences = brownTestSentences();
        PosTagger reference = BrownModelFixtureTest.fixture();
        List<TaggedText> batched = new ArrayList<>();
        for (int from = 0; from < SENTENCES; from += CHUNK) {
            batched.addAll(reference.tagTokens(sentences.subList(from, from + CHUNK)));
        }
        List<TaggedText> alone = sentences.stream().map(reference::tagTokens).toList();

        // A fresh instance, so its first calls (and the engine's lazily made native weight copies) race too.
        PosTagger shared = BrownModelFixtureTest.fixture();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<TaggedText[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    return thread % 2 == 0 ? tagInChunks(shared, sentences, thread)
                            : tagOneByOne(shared, sentences, thread);
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                List<TaggedText> got = Arrays.asList(results.get(t).get(120, TimeUnit.SECONDS));
                // Records: the same words, tags and probabilities bit for bit.
                assertEquals(t % 2 == 0 ? batched : alone, got, "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** All sentences in batched calls, each thread starting at another chunk so that calls overlap differently. */
    private static TaggedText[] tagInChunks(PosTagger tagger, List<List<String>> sentences, int thread) {
        TaggedText[] out = new TaggedText[SENTENCES];
        int chunks = SENTENCES / CHUNK;
        for (int c = 0; c < chunks; c++) {
            int from = (c + thread) % chunks * CHUNK;
            List<TaggedText> tagged = tagger.tagTokens(sentences.subList(from, from + CHUNK));
            for (int i = 0; i < CHUNK; i++) {
                out[from + i] = tagged.get(i);
            }
        }
        return out;
    }

    /** One sentence per call, alternating the word-list and the pre-tokenized-line entry points. */
    private static TaggedText[] tagOneByOne(PosTagger tagger, List<List<String>> sentences, int thread) {
        TaggedText[] out = new TaggedText[SENTENCES];
        for (int k = 0; k < SENTENCES; k++) {
            int s = (k + thread * SENTENCES / THREADS) % SENTENCES;
            List<String> words = sentences.get(s);
            out[s] = k % 2 == 0 ? tagger.tagTokens(words) : tagger.tagPretokenized(String.join(" ", words));
        }
        return out;
    }

    /** The first sentences of the Brown test files whose words a pre-tokenized line keeps as they are. */
    private static List<List<String>> brownTestSentences() {
        BrownSplit split = BrownSplit.of(Datasets.dir(Datasets.BROWN));
        List<List<String>> sentences = TaggedCorpus.read(split.test(), CorpusFormat.BROWN, TagSet.UNIVERSAL).stream()
                .map(TaggedSentence::words)
                .filter(w -> w.stream().noneMatch(x -> x.contains(" ") || x.contains("\t")))
                .limit(SENTENCES)
                .toList();
        assertEquals(SENTENCES, sentences.size());
        return sentences;
    }
}
