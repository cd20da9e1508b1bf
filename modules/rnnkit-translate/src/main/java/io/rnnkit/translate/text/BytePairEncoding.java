package io.rnnkit.translate.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A subword vocabulary learned by byte-pair encoding (Sennrich et al., 2016) over Unicode code points: start from
 * single characters (a Hangul syllable is one) and repeatedly merge the most frequent adjacent pair inside words,
 * so frequent words and endings ("을", "합니다") become single pieces and rare words stay spelled out.
 *
 * <p>Words are the text split at the space character; the space before a word is kept as the mark
 * {@value #SPACE} at the start of its first piece ("파일을 엽니다" → {@code 파일을 | ▁엽니다} once learned), so
 * {@link #decode} of {@link #encode} gives the text back exactly (runs of spaces too). Text containing the mark
 * itself is refused. Merges are learned deterministically: the most frequent pair first, ties broken by the
 * pair's text; a pair must occur at least {@code minCount} times. Immutable and safe to share between threads.
 */
public final class BytePairEncoding {
    /** The mark of a space before a word (U+2581, as SentencePiece writes it). */
    public static final String SPACE = "\u2581";

    /** The learned merges in order: each is the left and right piece. */
    private final List<String[]> merges;
    private final Map<Pair, Integer> rank = new HashMap<>();
    /** Pieces of words already encoded (bounded: cleared when full), as encoding repeats the same words. */
    private final Map<String, List<String>> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 200_000;

    /** Two adjacent pieces. */
    private record Pair(String left, String right) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            int c = left.compareTo(o.left);
            return c != 0 ? c : right.compareTo(o.right);
        }
    }

    private BytePairEncoding(List<String[]> merges) {
        this.merges = List.copyOf(merges);
        for (int i = 0; i < this.merges.size(); i++) {
            rank.putIfAbsent(new Pair(this.merges.get(i)[0], this.merges.get(i)[1]), i);
        }
    }

    /**
     * The encoding of merges saved with {@link #merges()}.
     *
     * @throws IllegalArgumentException for a line that is not two pieces separated by one space
     */
    public static BytePairEncoding fromMerges(List<String> lines) {
        List<String[]> merges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("merge " + (i + 1) + " is not two pieces separated by a space: '"
                        + lines.get(i) + "'");
            }
            merges.add(parts);
        }
        return new BytePairEncoding(merges);
    }

    /**
     * Learns up to {@code maxMerges} merges from {@code texts}.
     *
     * @throws IllegalArgumentException for a negative number of merges, a count below 1, or text holding {@value #SPACE}
     */
    public static BytePairEncoding learn(List<String> texts, int maxMerges, int minCount) {
        Objects.requireNonNull(texts, "texts");
        if (maxMerges < 0 || minCount < 1) {
            throw new IllegalArgumentException("need maxMerges >= 0 and minCount >= 1, got " + maxMerges + " and "
                    + minCount);
        }
        Map<String, Integer> wordCounts = new LinkedHashMap<>();
        for (String t : texts) {
            for (String w : words(t)) {
                wordCounts.merge(w, 1, Integer::sum);
            }
        }
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            words.add(new ArrayList<>(characters(e.getKey())));
            counts.add(e.getValue());
        }
        Map<Pair, Long> pairCounts = new HashMap<>();
        Map<Pair, Set<Integer>> wordsWithPair = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            addPairs(words.get(w), w, counts.get(w), pairCounts, wordsWithPair);
        }
        List<String[]> merges = new ArrayList<>();
        while (merges.size() < maxMerges) {
            Pair best = null;
            long bestCount = 0;
            for (Map.Entry<Pair, Long> e : pairCounts.entrySet()) {
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && c > 0 && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best == null || bestCount < minCount) {
                break;
            }
            String[] pair = {best.left(), best.right()};
            merges.add(pair);
            for (int w : new ArrayList<>(wordsWithPair.getOrDefault(best, Set.of()))) {
                List<String> symbols = words.get(w);
                removePairs(symbols, w, counts.get(w), pairCounts, wordsWithPair);
                mergeAll(symbols, pair[0], pair[1]);
                addPairs(symbols, w, counts.get(w), pairCounts, wordsWithPair);
            }
        }
        return new BytePairEncoding(merges);
    }

    /** The pieces of {@code text}: each word's characters with the learned merges applied, lowest rank first. */
    public List<String> encode(String text) {
        List<String> out = new ArrayList<>();
        for (String w : words(text)) {
            List<String> known = cache.get(w);
            if (known != null) {
                out.addAll(known);
                continue;
            }
            List<String> symbols = new ArrayList<>(characters(w));
            while (symbols.size() > 1) {
                int bestAt = -1;
                int bestRank = Integer.MAX_VALUE;
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    Integer r = rank.get(new Pair(symbols.get(i), symbols.get(i + 1)));
                    if (r != null && r < bestRank) {
                        bestRank = r;
                        bestAt = i;
                    }
                }
                if (bestAt < 0) {
                    break;
                }
                String[] pair = merges.get(bestRank);
                mergeAll(symbols, pair[0], pair[1]);
            }
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(w, List.copyOf(symbols));
            out.addAll(symbols);
        }
        return out;
    }

    /** The text of {@code pieces}: concatenated, each {@value #SPACE} a space again. */
    public static String decode(List<String> pieces) {
        StringBuilder sb = new StringBuilder();
        for (String p : pieces) {
            sb.append(p);
        }
        return sb.toString().replace(SPACE, " ");
    }

    /** The merges learned, in order, as "left right" strings. */
    public List<String> merges() {
        return merges.stream().map(m -> m[0] + " " + m[1]).toList();
    }

    /** The words of a text: split at each space, the space kept as {@value #SPACE} on the word after it. */
    static List<String> words(String text) {
        if (text.contains(SPACE)) {
            throw new IllegalArgumentException("text holds U+2581 (" + SPACE + "), the mark byte-pair encoding writes "
                    + "for a space; replace it first");
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                String w = (start == 0 ? "" : SPACE) + text.substring(start == 0 ? 0 : start, i);
                if (!w.isEmpty()) {
                    out.add(w);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static List<String> characters(String word) {
        List<String> out = new ArrayList<>();
        word.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    /** Replaces every adjacent (left, right) in {@code symbols} by their concatenation, left to right. */
    private static void mergeAll(List<String> symbols, String left, String right) {
        for (int i = 0; i + 1 < symbols.size(); i++) {
            if (symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                symbols.set(i, left + right);
                symbols.remove(i + 1);
            }
        }
    }

    private static void addPairs(List<String> symbols, int word, int count, Map<Pair, Long> pairCounts,
                                 Map<Pair, Set<Integer>> wordsWithPair) {
        for (int i = 0; i + 1 < symbols.size(); i++) {
            Pair k = new Pair(symbols.get(i), symbols.get(i + 1));
            pairCounts.merge(k, (long) count, Long::sum);
            wordsWithPair.computeIfAbsent(k, x -> new HashSet<>()).add(word);
        }
    }

    private static void removePairs(List<String> symbols, int word, int count, Map<Pair, Long> pairCounts,
                                    Map<Pair, Set<Integer>> wordsWithPair) {
        for (int i = 0; i + 1 < symbols.size(); i++) {
            Pair k = new Pair(symbols.get(i), symbols.get(i + 1));
            long left = pairCounts.merge(k, (long) -count, Long::sum);
            if (left <= 0) {
                pairCounts.remove(k);
            }
            Set<Integer> ws = wordsWithPair.get(k);
            if (ws != null) {
                ws.remove(word);
            }
        }
    }
}
