package io.rnnkit.text.embed;

/**
 * Word2Vec (skip-gram, negative sampling) settings.
 *
 * @param dimension    vector length
 * @param window       context words on each side
 * @param minCount     words seen fewer times get no vector
 * @param epochs       passes over the corpus
 * @param negative     negative samples per positive pair
 * @param learningRate initial learning rate (decays linearly, as in the C tool)
 * @param sampling     down-sampling threshold for frequent words (0 = off)
 * @param seed         random seed (with {@code workers = 1} training is repeatable)
 * @param workers      training threads
 */
public record Word2VecConfig(int dimension, int window, int minCount, int epochs, int negative,
                             double learningRate, double sampling, long seed, int workers) {
    public Word2VecConfig {
        positive(dimension, "dimension");
        positive(window, "window");
        positive(minCount, "minCount");
        positive(epochs, "epochs");
        if (negative < 0) {
            throw new IllegalArgumentException("negative must be >= 0, got " + negative);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(sampling >= 0)) {
            throw new IllegalArgumentException("sampling must be >= 0, got " + sampling);
        }
        positive(workers, "workers");
    }

    private static void positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    /** 100 dimensions, window 5, min count 5, 5 epochs, 5 negatives, rate 0.025, sampling 1e-3, seed 42, 2 workers. */
    public static Word2VecConfig defaults() {
        return new Word2VecConfig(100, 5, 5, 5, 5, 0.025, 1e-3, 42, 2);
    }

    /** A copy with another dimension. */
    public Word2VecConfig withDimension(int d) {
        return new Word2VecConfig(d, window, minCount, epochs, negative, learningRate, sampling, seed, workers);
    }

    /** A copy with another minimum count. */
    public Word2VecConfig withMinCount(int n) {
        return new Word2VecConfig(dimension, window, n, epochs, negative, learningRate, sampling, seed, workers);
    }

    /** A copy with another number of epochs. */
    public Word2VecConfig withEpochs(int n) {
        return new Word2VecConfig(dimension, window, minCount, n, negative, learningRate, sampling, seed, workers);
    }

    /** A copy with another number of worker threads. */
    public Word2VecConfig withWorkers(int n) {
        return new Word2VecConfig(dimension, window, minCount, epochs, negative, learningRate, sampling, seed, n);
    }

    /** A copy with another seed. */
    public Word2VecConfig withSeed(long s) {
        return new Word2VecConfig(dimension, window, minCount, epochs, negative, learningRate, sampling, s, workers);
    }
}
