package io.rnnkit.charlm;

import io.rnnkit.nn.inference.InferenceNetwork;
import io.rnnkit.nn.inference.InferenceStream;
import io.rnnkit.text.Vocabulary;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Scores a text read as a stream through the model's inference snapshot, in memory bounded by a block of
 * characters whatever the text's length: sequentially (one stream, the state carried through the whole text) or
 * batched (see {@link EvaluationOptions}). Stateless apart from the snapshot: any number of threads may use one.
 */
final class StreamingEvaluator {
    /**
     * Steps per engine call when batched: {@code parts × BATCH_STEPS} rows still make one large GEMM of the softmax
     * head, and a call's working memory stays a few MB, so little of it survives into the old generation (measured
     * on 2 MB of text with {@code builtin:charlm}: the same CPU time as 128 steps, 390 MB peak RSS instead of 600).
     */
    static final int BATCH_STEPS = 32;
    /** Fewest characters per part of a short (last) block: a shorter part would cost more in context than it scores. */
    static final int MIN_PART = 1024;

    private final InferenceNetwork engine;
    private final CharCodec codec;
    private final UnigramModel unigram;

    StreamingEvaluator(InferenceNetwork engine, CharCodec codec, UnigramModel unigram) {
        this.engine = engine;
        this.codec = codec;
        this.unigram = unigram;
    }

    /**
     * One stream through {@code context} (read, not scored) then {@code text}, {@code chunk} characters per engine
     * call; without a context the text's first character only serves as context.
     */
    Evaluation sequential(int[] context, Reader text, int chunk) throws IOException {
        long start = System.nanoTime();
        IdReader ids = new IdReader(context, text, codec);
        Tally tally = new Tally(unigram);
        long scoredFrom = Math.max(1, context.length);
        // buf[0] is the input predicting buf[1]: the last character of one chunk is the first input of the next.
        int[] buf = new int[chunk + 1];
        long position = 0;
        try (InferenceStream stream = engine.newStream(1)) {
            if (ids.read(buf, 0, 1) == 1) {
                for (int k = ids.read(buf, 1, chunk); k > 0; k = ids.read(buf, 1, chunk)) {
                    float[][] out = stream.steps(new int[][] {Arrays.copyOf(buf, k)})[0];
                    for (int i = 0; i < k; i++) {
                        if (position + 1 + i >= scoredFrom) {
                            tally.score(out[i], buf[i + 1]);
                        }
                    }
                    position += k;
                    buf[0] = buf[k];
                }
            }
        }
        return finish(tally, ids, ids.count() - context.length, context.length, start);
    }

    /**
     * Batched scoring of {@code text} after {@code context} (only its last {@code partContext} characters are
     * read); {@code afterBlock}, if not null, receives the characters scored so far after each block.
     */
    Evaluation batched(int[] context, Reader text, EvaluationOptions options, LongConsumer afterBlock)
            throws IOException {
        return batched(context, text, options, afterBlock, null);
    }

    /**
     * As {@link #batched(int[], Reader, EvaluationOptions, LongConsumer)}, ending after the first block at which
     * {@code stop} (if not null) says so: the result then covers the characters scored until then.
     */
    Evaluation batched(int[] context, Reader text, EvaluationOptions options, LongConsumer afterBlock,
                       java.util.function.BooleanSupplier stop) throws IOException {
        long start = System.nanoTime();
        int c = options.partContext();
        int block = options.parts() * options.partLength();
        // window[c, c + n) is the block; the characters before it are kept right-aligned in window[c - have, c).
        int[] window = new int[c + block];
        int have = Math.min(c, context.length);
        System.arraycopy(context, context.length - have, window, c - have, have);
        IdReader ids = new IdReader(new int[0], text, codec);
        Tally tally = new Tally(unigram);
        Worker[] workers = new Worker[options.threads()];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker();
        }
        ExecutorService pool = workers.length == 1 ? null : Executors.newFixedThreadPool(workers.length - 1, r -> {
            Thread t = new Thread(r, "rnnkit-charlm-evaluation");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int n = ids.read(window, c, block); n > 0; n = ids.read(window, c, block)) {
                Rows rows = Rows.of(c, have, n, partsFor(n, options));
                scoreBlock(window, rows, workers, pool, tally);
                int keep = Math.min(c, have + n);
                System.arraycopy(window, c + n - keep, window, c - keep, keep);
                have = keep;
                if (afterBlock != null) {
                    afterBlock.accept(tally.scored());
                }
                if (stop != null && stop.getAsBoolean()) {
                    break;
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            for (Worker w : workers) {
                w.close();
            }
        }
        return finish(tally, ids, ids.count(), context.length, start);
    }

    /** Parts for a block of {@code n} characters: all of them for a full block, fewer (none empty) for a short one. */
    static int partsFor(int n, EvaluationOptions options) {
        int shortest = Math.min(options.partLength(), MIN_PART);
        int parts = Math.max(1, Math.min(options.parts(), n / shortest));
        int length = ceilDiv(n, parts);
        return ceilDiv(n, length);
    }

    /** Shares the block's rows among the workers (the calling thread is the first), then adds up their tallies. */
    private static void scoreBlock(int[] window, Rows rows, Worker[] workers, ExecutorService pool, Tally tally)
            throws IOException {
        int groups = Math.min(workers.length, rows.count());
        List<Future<?>> running = new ArrayList<>();
        for (int g = 1; g < groups; g++) {
            Worker w = workers[g];
            int lo = g * rows.count() / groups;
            int hi = (g + 1) * rows.count() / groups;
            running.add(pool.submit(() -> w.score(window, rows, lo, hi)));
        }
        workers[0].score(window, rows, 0, rows.count() / groups);
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("evaluation interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        // In worker order: the sum does not depend on which thread finished first.
        for (int g = 0; g < groups; g++) {
            tally.add(workers[g].tally);
            workers[g].tally = null;
        }
    }

    /**
     * The rows of one block {@code window[c, c + n)} cut into parts: row p is part p preceded by up to {@code c}
     * characters before it, {@code window[from[p], from[p] + inputs[p] + 1)}, and scores its characters from index
     * {@code firstTarget[p]} on (its part's).
     */
    private record Rows(int[] from, int[] inputs, int[] firstTarget) {
        static Rows of(int c, int have, int n, int parts) {
            int length = ceilDiv(n, parts);
            int[] from = new int[parts];
            int[] inputs = new int[parts];
            int[] firstTarget = new int[parts];
            for (int p = 0; p < parts; p++) {
                int begin = c + p * length;
                int end = Math.min(c + n, begin + length);
                int context = Math.min(c, have + p * length);
                from[p] = begin - context;
                inputs[p] = end - from[p] - 1;
                // With no character before it (the text's first), a part's first character only serves as context.
                firstTarget[p] = Math.max(context, 1);
            }
            return new Rows(from, inputs, firstTarget);
        }

        int count() {
            return from.length;
        }

        /** Inputs of row {@code p} among the {@code m} steps from step {@code t0}. */
        int valid(int p, int t0, int m) {
            return Math.max(0, Math.min(m, inputs[p] - t0));
        }
    }

    /** One thread's share of a block: its own stream (reused from block to block) and tally. */
    private final class Worker {
        private InferenceStream stream;
        private Tally tally;

        /** Scores rows {@code [lo, hi)} as one batch of a stream, each padded at its end to the longest. */
        void score(int[] window, Rows rows, int lo, int hi) {
            int batch = hi - lo;
            if (stream == null || stream.batch() != batch) {
                close();
                stream = engine.newStream(batch);
            } else {
                stream.reset();
            }
            tally = new Tally(unigram);
            int steps = 0;
            for (int p = lo; p < hi; p++) {
                steps = Math.max(steps, rows.inputs()[p]);
            }
            int[][] chunk = new int[batch][];
            for (int t0 = 0; t0 < steps; t0 += BATCH_STEPS) {
                int m = Math.min(BATCH_STEPS, steps - t0);
                for (int b = 0; b < batch; b++) {
                    int[] row = new int[m];
                    int valid = rows.valid(lo + b, t0, m);
                    System.arraycopy(window, rows.from()[lo + b] + t0, row, 0, valid);
                    Arrays.fill(row, valid, m, Vocabulary.PAD);
                    chunk[b] = row;
                }
                float[][][] out = stream.steps(chunk);
                for (int b = 0; b < batch; b++) {
                    int p = lo + b;
                    int at = rows.from()[p] + t0 + 1;
                    for (int i = Math.max(0, rows.firstTarget()[p] - t0 - 1); i < rows.valid(p, t0, m); i++) {
                        tally.score(out[b][i], window[at + i]);
                    }
                }
            }
        }

        void close() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }

    private static Evaluation finish(Tally tally, IdReader ids, long textChars, int contextChars, long start) {
        if (tally.scored() == 0) {
            throw new IllegalArgumentException("text to evaluate has " + textChars + " characters; it needs at "
                    + "least " + (contextChars == 0 ? 2 : 1)
                    + (contextChars == 0 ? " (the first one is only context)" : ""));
        }
        // Without context the text's first symbol is only read: a character it completed alone is not predicted.
        boolean firstUnscored = contextChars == 0;
        return tally.evaluation(start, ids.chars(firstUnscored), ids.syllables(firstUnscored));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
