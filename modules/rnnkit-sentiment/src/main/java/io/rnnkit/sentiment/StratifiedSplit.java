package io.rnnkit.sentiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded, stratified partitions of labelled examples: every part keeps the class proportions of the whole.
 *
 * <p>Both methods work on the list of labels (one per example) and return example indices, so they serve any
 * record type. The result depends only on the labels, {@code k} or the fraction, and the seed: the same data gives
 * the same folds in every run and on every machine ({@link Random} is specified exactly by the JDK).
 *
 * <p>Folds: the examples of each class (classes in string order) are shuffled with the seed and dealt to the
 * folds in turn, continuing where the previous class stopped, so fold sizes differ by at most one and each
 * class's count differs by at most one between folds.
 */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /**
     * A train/test partition.
     *
     * @param train indices of the training examples, ascending
     * @param test  indices of the test examples, ascending
     */
    public record Split(int[] train, int[] test) {
        public Split {
            train = train.clone();
            test = test.clone();
        }

        @Override
        public int[] train() {
            return train.clone();
        }

        @Override
        public int[] test() {
            return test.clone();
        }
    }

    /**
     * {@code k} stratified folds; fold {@code i}'s test set is {@code folds.get(i).test()} and its training set all
     * other examples.
     *
     * @throws IllegalArgumentException when {@code k < 2} or there are fewer examples than folds
     */
    public static List<Split> folds(List<String> labels, int k, long seed) {
        Objects.requireNonNull(labels, "labels");
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs k >= 2 folds, got " + k);
        }
        if (labels.size() < k) {
            throw new IllegalArgumentException("cannot make " + k + " folds of " + labels.size() + " examples");
        }
        int[] foldOf = new int[labels.size()];
        int next = 0;
        for (List<Integer> members : byClass(labels, seed).values()) {
            for (int example : members) {
                foldOf[example] = next;
                next = (next + 1) % k;
            }
        }
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] test = indices(foldOf, f, true);
            int[] train = indices(foldOf, f, false);
            out.add(new Split(train, test));
        }
        return out;
    }

    /**
     * A stratified hold-out split: from each class, {@code round(count · testFraction)} shuffled examples go to the
     * test set (at least one when the class has two or more examples and the fraction is positive).
     *
     * @throws IllegalArgumentException when the fraction is outside [0, 1)
     */
    public static Split holdOut(List<String> labels, double testFraction, long seed) {
        Objects.requireNonNull(labels, "labels");
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1), got " + testFraction);
        }
        int[] inTest = new int[labels.size()];
        for (List<Integer> members : byClass(labels, seed).values()) {
            int take = (int) Math.round(members.size() * testFraction);
            if (take == 0 && testFraction > 0 && members.size() >= 2) {
                take = 1;
            }
            for (int i = 0; i < take; i++) {
                inTest[members.get(i)] = 1;
            }
        }
        return new Split(indices(inTest, 1, false), indices(inTest, 1, true));
    }

    /** The elements of {@code items} at {@code indices}, in that order. */
    public static <T> List<T> select(List<T> items, int[] indices) {
        List<T> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(items.get(i));
        }
        return out;
    }

    /** Example indices per class (classes in string order), each list shuffled with its own seeded generator. */
    private static Map<String, List<Integer>> byClass(List<String> labels, long seed) {
        Map<String, List<Integer>> classes = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = Objects.requireNonNull(labels.get(i), "label of example " + i);
            classes.computeIfAbsent(label, c -> new ArrayList<>()).add(i);
        }
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        Random random = new Random(seed);
        for (Map.Entry<String, List<Integer>> e : classes.entrySet()) {
            List<Integer> members = e.getValue();
            // Fisher-Yates with one generator for all classes: fixed by the seed and the class order alone.
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            out.put(e.getKey(), members);
        }
        return out;
    }

    private static int[] indices(int[] group, int value, boolean equal) {
        return Arrays.stream(rangeOf(group.length)).filter(i -> (group[i] == value) == equal).toArray();
    }

    private static int[] rangeOf(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
