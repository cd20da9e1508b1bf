package io.rnnkit.sentiment;

import io.rnnkit.text.io.LabelledText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class labels of a model, in a fixed order: numeric order when every label is a number ({@code -1, 1}),
 * else string order ({@code neg, pos}). The order does not depend on the order of the data.
 */
final class Labels {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    Labels(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("label '" + name + "' must be non-empty and on one line");
            }
            if (index.put(name, i) != null) {
                throw new IllegalArgumentException("duplicate label '" + name + "'");
            }
        }
    }

    /** The sorted distinct labels of {@code data}. */
    static Labels of(List<LabelledText> data) {
        TreeSet<String> distinct = new TreeSet<>();
        for (LabelledText t : data) {
            distinct.add(t.label());
        }
        List<String> sorted = new ArrayList<>(distinct);
        if (sorted.stream().allMatch(Labels::isNumber)) {
            sorted.sort(Comparator.comparing(BigDecimal::new));
        }
        return new Labels(sorted);
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    /**
     * The class index of {@code text}'s label.
     *
     * @throws IllegalArgumentException naming the record's location when the label is unknown
     */
    int indexOf(LabelledText text) {
        Integer i = index.get(text.label());
        if (i == null) {
            throw new IllegalArgumentException(text.location() + ": label '" + text.label()
                    + "' is not one the model knows " + names);
        }
        return i;
    }

    /** The class index of every text; see {@link #indexOf(LabelledText)}. */
    int[] indicesOf(List<LabelledText> data) {
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(data.get(i));
        }
        return out;
    }
}
