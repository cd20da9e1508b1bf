package io.rnnkit.sentiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classification scores on labelled texts.
 *
 * <p>Per class: precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean; a ratio with a zero
 * denominator counts as 0 (as scikit-learn's {@code zero_division=0}). Macro F1 is the unweighted mean of the
 * per-class F1 scores.
 *
 * @param labels    the class labels, in the model's order
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record Evaluation(List<String> labels, long[][] confusion) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Scores of one class.
     *
     * @param label     the class
     * @param precision fraction of predictions of this class that were right
     * @param recall    fraction of this class's texts predicted as it
     * @param f1        harmonic mean of precision and recall
     * @param support   texts of this class
     */
    public record ClassScores(String label, double precision, double recall, double f1, long support) {
    }

    public Evaluation {
        labels = List.copyOf(labels);
        Objects.requireNonNull(confusion, "confusion");
        if (confusion.length != labels.size()) {
            throw new IllegalArgumentException("confusion matrix has " + confusion.length + " rows for " + labels.size() + " labels");
        }
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            if (confusion[i].length != labels.size()) {
                throw new IllegalArgumentException("confusion matrix row " + i + " has " + confusion[i].length
                        + " columns for " + labels.size() + " labels");
            }
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    /**
     * Scores of {@code predicted} against {@code gold}, both class indices into {@code labels}.
     *
     * @throws IllegalArgumentException when the arrays differ in length or hold an index outside the labels
     */
    public static Evaluation of(List<String> labels, int[] gold, int[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("got " + predicted.length + " predictions for " + gold.length + " texts");
        }
        long[][] m = new long[labels.size()][labels.size()];
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] < 0 || gold[i] >= labels.size() || predicted[i] < 0 || predicted[i] >= labels.size()) {
                throw new IllegalArgumentException("class index out of range at example " + i);
            }
            m[gold[i]][predicted[i]]++;
        }
        return new Evaluation(labels, m);
    }

    /** A copy of the confusion matrix, {@code [true][predicted]}. */
    @Override
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Number of texts scored. */
    public long n() {
        long n = 0;
        for (long[] row : confusion) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Fraction of texts whose predicted label is right (0 for no texts). */
    public double accuracy() {
        long right = 0;
        for (int i = 0; i < confusion.length; i++) {
            right += confusion[i][i];
        }
        long n = n();
        return n == 0 ? 0 : (double) right / n;
    }

    /** Precision, recall, F1 and support of every class, in label order. */
    public List<ClassScores> perClass() {
        List<ClassScores> out = new ArrayList<>(labels.size());
        for (int c = 0; c < labels.size(); c++) {
            long tp = confusion[c][c];
            long predicted = 0;
            long actual = 0;
            for (int o = 0; o < labels.size(); o++) {
                predicted += confusion[o][c];
                actual += confusion[c][o];
            }
            double p = ratio(tp, predicted);
            double r = ratio(tp, actual);
            out.add(new ClassScores(labels.get(c), p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), actual));
        }
        return out;
    }

    /** Unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        return perClass().stream().mapToDouble(ClassScores::f1).average().orElse(0);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /**
     * The scores as a map with the keys {@code accuracy}, {@code macro_f1}, {@code n}, {@code labels},
     * {@code per_class} (label → precision, recall, f1, support) and {@code confusion} (rows true, columns predicted).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("macro_f1", macroF1());
        m.put("n", n());
        m.put("labels", labels);
        Map<String, Object> classes = new LinkedHashMap<>();
        for (ClassScores s : perClass()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("precision", s.precision());
            c.put("recall", s.recall());
            c.put("f1", s.f1());
            c.put("support", s.support());
            classes.put(s.label(), c);
        }
        m.put("per_class", classes);
        m.put("confusion", confusion());
        return m;
    }

    /** {@link #toMap()} as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write evaluation as JSON", e);
        }
    }

    /** A human-readable report: accuracy, macro F1, per-class scores and the confusion matrix. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("n = %d, accuracy = %.4f, macro F1 = %.4f%n", n(), accuracy(), macroF1()));
        int w = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(5));
        sb.append(String.format("%-" + w + "s  precision  recall      f1  support%n", "label"));
        for (ClassScores s : perClass()) {
            sb.append(String.format("%-" + w + "s  %9.4f  %6.4f  %6.4f  %7d%n", s.label(), s.precision(), s.recall(),
                    s.f1(), s.support()));
        }
        sb.append("confusion (rows true, columns predicted):").append(System.lineSeparator());
        for (int i = 0; i < labels.size(); i++) {
            sb.append(String.format("%-" + w + "s", labels.get(i)));
            for (long c : confusion[i]) {
                sb.append(String.format(" %7d", c));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && e.labels.equals(labels) && java.util.Arrays.deepEquals(e.confusion, confusion);
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + java.util.Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return String.format("Evaluation[n=%d, accuracy=%.4f, macroF1=%.4f]", n(), accuracy(), macroF1());
    }
}
