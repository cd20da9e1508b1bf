package io.rnnkit.tagger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a word into the integer features the network embeds: a lower-cased word index and hashed shape,
 * prefix and suffix indices. Index 0 is padding in every channel; word index 1 is the unknown word.
 */
final class TokenFeatures {
    /** Channels in order: word, shape, prefixes 1–3, suffixes 1–4. */
    static final int CHANNELS = 9;
    static final int PAD = 0;
    static final int UNK = 1;
    private static final int MAX_SHAPE = 8;

    private final List<String> vocabulary;       // index -> word; 0 = <pad>, 1 = <unk>
    private final Map<String, Integer> index;
    private final int buckets;

    TokenFeatures(List<String> vocabulary, int buckets) {
        this.vocabulary = List.copyOf(vocabulary);
        this.buckets = buckets;
        Map<String, Integer> idx = new HashMap<>(vocabulary.size() * 2);
        for (int i = 2; i < vocabulary.size(); i++) {
            idx.put(vocabulary.get(i), i);
        }
        this.index = Collections.unmodifiableMap(idx);
    }

    /** Builds the word vocabulary: the {@code max} most frequent lower-cased forms, ties broken alphabetically. */
    static TokenFeatures build(Map<String, Integer> lowerCaseCounts, int max, int buckets) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(lowerCaseCounts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>();
        vocab.add("<pad>");
        vocab.add("<unk>");
        for (int i = 0; i < Math.min(max, entries.size()); i++) {
            vocab.add(entries.get(i).getKey());
        }
        return new TokenFeatures(vocab, buckets);
    }

    List<String> vocabulary() {
        return vocabulary;
    }

    int vocabularySize() {
        return vocabulary.size();
    }

    int buckets() {
        return buckets;
    }

    /** Word index of a lower-cased form, {@link #UNK} when absent. */
    int wordIndex(String lower) {
        return index.getOrDefault(lower, UNK);
    }

    /**
     * Writes the {@link #CHANNELS} features of {@code word} at sentence position {@code position} into {@code out}
     * starting at {@code offset} with stride {@code stride} (callers fill a [channels, batch, time] block with stride batch*time).
     */
    void features(String word, int position, int wordIndex, float[] out, int offset, int stride) {
        String lower = word.toLowerCase(Locale.ROOT);
        out[offset] = wordIndex;
        out[offset + stride] = hash(1, (position == 0 ? "^" : "") + shape(word));
        int n = lower.length();
        for (int k = 1; k <= 3; k++) {
            out[offset + (1 + k) * stride] = hash(1 + k, n >= k ? lower.substring(0, k) : "<" + lower);
        }
        for (int k = 1; k <= 4; k++) {
            out[offset + (4 + k) * stride] = hash(4 + k, n >= k ? lower.substring(n - k) : lower + ">");
        }
    }

    /** Character classes with runs collapsed: "Google" -> "Xx", "1960s" -> "dx", "U.S." -> "X.X.". */
    static String shape(String word) {
        StringBuilder sb = new StringBuilder();
        char last = 0;
        for (int i = 0; i < word.length() && sb.length() < MAX_SHAPE; ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            char c;
            if (Character.isUpperCase(cp)) {
                c = 'X';
            } else if (Character.isLetter(cp)) {
                c = 'x';
            } else if (Character.isDigit(cp)) {
                c = 'd';
            } else if (cp < 128) {
                c = (char) cp;
            } else {
                c = '*';
            }
            if (c != last) {
                sb.append(c);
                last = c;
            }
        }
        return sb.toString();
    }

    /** A stable hash (String.hashCode is specified by the JLS) mixed and folded into [1, buckets). */
    private int hash(int channel, String s) {
        int h = s.hashCode() * 31 + channel * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return 1 + Math.floorMod(h, buckets - 1);
    }
}
