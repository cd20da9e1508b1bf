package io.rnnkit.text.embed;

import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.SentenceIterator;
import org.deeplearning4j.text.sentenceiterator.SentencePreProcessor;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Trains Word2Vec (deeplearning4j-nlp's skip-gram with negative sampling) on tokenized sentences.
 *
 * <p>The corpus is an {@link Iterable} that is iterated once to build the vocabulary and once per epoch, so it can
 * stream from disk (e.g. {@link TrainingText#project()}); nothing is held in memory but the vectors. Sentences must
 * already be tokenized (and lower-cased, if wanted); tokens containing whitespace are rejected.
 */
public final class Word2VecTrainer {
    private Word2VecTrainer() {
    }

    /**
     * Trains vectors for every token seen at least {@code config.minCount()} times.
     *
     * @throws IllegalArgumentException if no token reaches the minimum count
     */
    public static WordVectors train(Word2VecConfig config, Iterable<List<String>> sentences) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sentences, "sentences");
        Word2Vec w2v = new Word2Vec.Builder()
                .layerSize(config.dimension())
                .windowSize(config.window())
                .minWordFrequency(config.minCount())
                .epochs(config.epochs())
                .iterations(1)
                .negativeSample(config.negative())
                .useHierarchicSoftmax(config.negative() == 0)
                .learningRate(config.learningRate())
                .minLearningRate(config.learningRate() * 1e-4)
                .sampling(config.sampling())
                .seed(config.seed())
                .workers(config.workers())
                .iterate(new JoinedSentences(sentences))
                // The sentences are joined with single spaces below, so a whitespace split restores them exactly.
                .tokenizerFactory(new DefaultTokenizerFactory())
                .build();
        w2v.fit();
        return fromWord2Vec(w2v);
    }

    /** Copies the vectors of a trained DL4J model, in its vocabulary order (most frequent first). */
    public static WordVectors fromWord2Vec(Word2Vec model) {
        Objects.requireNonNull(model, "model");
        int n = model.getVocab().numWords();
        if (n == 0) {
            throw new IllegalArgumentException("no word reached the minimum count; lower minCount or give more text");
        }
        java.util.Map<String, float[]> vectors = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String w = model.getVocab().wordAtIndex(i);
            vectors.put(w, model.getWordVectorMatrix(w).toFloatVector());
        }
        return WordVectors.of(vectors);
    }

    /** Adapts an iterable of token lists to DL4J's sentence iterator. */
    private static final class JoinedSentences implements SentenceIterator {
        private final Iterable<List<String>> source;
        private Iterator<List<String>> it;
        private SentencePreProcessor preProcessor;

        JoinedSentences(Iterable<List<String>> source) {
            this.source = source;
            this.it = source.iterator();
        }

        @Override
        public String nextSentence() {
            List<String> tokens = it.next();
            for (String t : tokens) {
                if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("token '" + t + "' is empty or contains whitespace");
                }
            }
            String s = String.join(" ", tokens);
            return preProcessor == null ? s : preProcessor.preProcess(s);
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public void reset() {
            finish();
            it = source.iterator();
        }

        @Override
        public void finish() {
            if (it instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the sentence source: " + e.getMessage(), e);
                }
            }
        }

        @Override
        public SentencePreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public void setPreProcessor(SentencePreProcessor preProcessor) {
            this.preProcessor = preProcessor;
        }
    }
}
