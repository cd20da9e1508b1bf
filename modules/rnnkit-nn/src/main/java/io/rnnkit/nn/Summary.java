package io.rnnkit.nn;

import java.util.List;
import java.util.Locale;

/**
 * Keras-style model summary: one row per layer plus parameter totals. {@link #toString()} prints the
 * familiar table; the rows are also available as data.
 *
 * @param rows               one row per layer, in order
 * @param totalParams        all parameters
 * @param trainableParams    parameters updated by training
 * @param nonTrainableParams frozen parameters (e.g. a frozen pretrained {@link Embedding})
 */
public record Summary(List<Row> rows, long totalParams, long trainableParams, long nonTrainableParams) {

    /**
     * One layer of the summary.
     *
     * @param name        Keras-style unique name, e.g. {@code simple_rnn_1}
     * @param type        layer type, e.g. {@code SimpleRNN} or {@code Bidirectional(LSTM)}
     * @param outputShape e.g. {@code (None, None, 32)} for a sequence, {@code (None, 32)} for a vector
     * @param params      parameter count
     * @param trainable   whether the parameters are trained
     */
    public record Row(String name, String type, String outputShape, long params, boolean trainable) {
    }

    public Summary {
        rows = List.copyOf(rows);
        if (totalParams != trainableParams + nonTrainableParams) {
            throw new IllegalArgumentException("total params " + totalParams + " != trainable " + trainableParams
                    + " + non-trainable " + nonTrainableParams);
        }
    }

    /** The Keras-style table. */
    @Override
    public String toString() {
        int nameWidth = 29;
        int shapeWidth = 26;
        for (Row r : rows) {
            nameWidth = Math.max(nameWidth, r.name().length() + r.type().length() + 5);
            shapeWidth = Math.max(shapeWidth, r.outputShape().length() + 2);
        }
        int width = nameWidth + shapeWidth + 10;
        String thin = "_".repeat(width);
        String thick = "=".repeat(width);
        String fmt = "%-" + nameWidth + "s%-" + shapeWidth + "s%-10s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(thin).append('\n');
        sb.append(String.format(Locale.ROOT, fmt, " Layer (type)", "Output Shape", "Param #"));
        sb.append(thick).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(String.format(Locale.ROOT, fmt, " " + r.name() + " (" + r.type() + ")", r.outputShape(),
                    r.params()));
            if (i < rows.size() - 1) {
                sb.append('\n');
            }
        }
        sb.append(thick).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", totalParams));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParams));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainableParams));
        sb.append(thin).append('\n');
        return sb.toString();
    }
}
