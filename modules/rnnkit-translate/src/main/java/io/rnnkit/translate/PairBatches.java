package io.rnnkit.translate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import io.rnnkit.nn.train.EpochShuffling;
import io.rnnkit.translate.text.Subwords;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training batches of encoded pairs for the {@link EncoderDecoder} graph: features {@code [source, target_in]} as
 * {@code [batch, time]} ids with {@code [batch, time]} masks, labels the next target token one-hot
 * {@code [batch, vocabulary, time]} with the target mask. {@code target_in} is BOS + target, the label target + EOS.
 *
 * <p>Batches hold pairs of similar target length (less padding): each epoch the pairs are shuffled, cut into
 * chunks of 50 batches, each chunk sorted by length and cut into batches, and the batches shuffled. The order
 * depends only on the seed of {@link #shuffle(long)}; without a shuffle the order is the input's.
 */
final class PairBatches implements MultiDataSetIterator, EpochShuffling {
    /** A pair as ids: the source ends with EOS; the target has neither BOS nor EOS. */
    record Encoded(int[] source, int[] target) {
    }

    private final List<Encoded> pairs;
    private final int batchSize;
    private final int targetVocabulary;
    private List<List<Encoded>> batches;
    private int cursor;
    private long servedTokens;
    private MultiDataSetPreProcessor preProcessor;

    PairBatches(List<Encoded> pairs, int batchSize, int targetVocabulary) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no sentence pairs to train on");
        }
        this.pairs = List.copyOf(pairs);
        this.batchSize = batchSize;
        this.targetVocabulary = targetVocabulary;
        this.batches = cut(this.pairs);
    }

    @Override
    public void shuffle(long seed) {
        Random random = new Random(seed);
        List<Encoded> order = new ArrayList<>(pairs);
        Collections.shuffle(order, random);
        List<List<Encoded>> out = new ArrayList<>();
        int chunk = batchSize * 50;
        for (int from = 0; from < order.size(); from += chunk) {
            List<Encoded> part = new ArrayList<>(order.subList(from, Math.min(order.size(), from + chunk)));
            part.sort(Comparator.comparingInt((Encoded e) -> e.target().length)
                    .thenComparingInt(e -> e.source().length));
            out.addAll(cut(part));
        }
        Collections.shuffle(out, random);
        batches = out;
        cursor = 0;
    }

    private List<List<Encoded>> cut(List<Encoded> list) {
        List<List<Encoded>> out = new ArrayList<>();
        for (int from = 0; from < list.size(); from += batchSize) {
            out.add(list.subList(from, Math.min(list.size(), from + batchSize)));
        }
        return out;
    }

    /** Target tokens of every batch handed out so far (a run cut short mid-epoch counts only what it trained on). */
    long servedTokens() {
        return servedTokens;
    }

    int size() {
        return pairs.size();
    }

    @Override
    public boolean hasNext() {
        return cursor < batches.size();
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Encoded> batch = batches.get(cursor++);
        for (Encoded e : batch) {
            servedTokens += e.target().length + 1;
        }
        MultiDataSet ds = toDataSet(batch, targetVocabulary);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public MultiDataSet next(int num) {
        return next();
    }

    static MultiDataSet toDataSet(List<Encoded> batch, int targetVocabulary) {
        int b = batch.size();
        int ts = 1;
        int tt = 1;
        for (Encoded e : batch) {
            ts = Math.max(ts, e.source().length);
            tt = Math.max(tt, e.target().length + 1);
        }
        float[] src = new float[b * ts];
        float[] srcMask = new float[b * ts];
        float[] tin = new float[b * tt];
        float[] tMask = new float[b * tt];
        float[] labels = new float[b * targetVocabulary * tt];
        for (int i = 0; i < b; i++) {
            Encoded e = batch.get(i);
            for (int t = 0; t < e.source().length; t++) {
                src[i * ts + t] = e.source()[t];
                srcMask[i * ts + t] = 1f;
            }
            int[] tg = e.target();
            for (int t = 0; t <= tg.length; t++) {
                tin[i * tt + t] = t == 0 ? Subwords.BOS : tg[t - 1];
                tMask[i * tt + t] = 1f;
                int next = t < tg.length ? tg[t] : Subwords.EOS;
                labels[(i * targetVocabulary + next) * tt + t] = 1f;
            }
        }
        INDArray[] features = {Nd4j.create(src, new long[] {b, ts}, 'c'), Nd4j.create(tin, new long[] {b, tt}, 'c')};
        INDArray[] masks = {Nd4j.create(srcMask, new long[] {b, ts}, 'c'), Nd4j.create(tMask, new long[] {b, tt}, 'c')};
        INDArray y = Nd4j.create(labels, new long[] {b, targetVocabulary, tt}, 'c');
        INDArray yMask = Nd4j.create(tMask, new long[] {b, tt}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {y}, masks, new INDArray[] {yMask});
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        cursor = 0;
    }
}
