package io.rnnkit.bench;

import java.util.Locale;

/**
 * The recurrent layers benchmarked, with the FLOP count of their recurrent layer.
 *
 * <p>One step of a cell with {@code g} gates does {@code 2·B·g·H·(D+H)} FLOPs forward (the GEMMs;
 * element-wise work is lower order); backward costs twice the forward. A train step is therefore
 * {@code 6·g·B·T·H·(D+H)}: LSTM (g=4) 24, GRU (g=3) 18, SimpleRNN (g=1) 6, bidirectional LSTM 48.
 * Inference is a third of that. The output head is not counted, so the figures are comparable with
 * the usual quoted RNN FLOP rates.
 */
public enum Cell {
    SIMPLE_RNN(6),
    LSTM(24),
    GRU(18),
    BI_LSTM(48);

    private final int trainFactor;

    Cell(int trainFactor) {
        this.trainFactor = trainFactor;
    }

    /** FLOPs of one forward+backward pass over a batch of {@code s}. */
    public double trainFlops(RnnShape s) {
        return (double) trainFactor * s.b() * s.t() * s.h() * (s.d() + s.h());
    }

    /** FLOPs of one forward pass over a batch of {@code s}. */
    public double inferenceFlops(RnnShape s) {
        return trainFlops(s) / 3.0;
    }

    /** Name used in benchmark keys: {@code simple_rnn}, {@code lstm}, {@code gru}, {@code bi_lstm}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #key()}. */
    public static Cell ofKey(String key) {
        for (Cell c : values()) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cell '" + key + "'; expected simple_rnn, lstm, gru or bi_lstm");
    }
}
