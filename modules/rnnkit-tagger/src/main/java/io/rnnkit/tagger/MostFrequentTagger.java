package io.rnnkit.tagger;

import io.rnnkit.text.io.TaggedSentence;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most-frequent-tag baseline: each word gets the tag it had most often in training; a word never seen
 * gets the tag most frequent overall. Ties go to the alphabetically first tag, so the result is deterministic.
 */
public final class MostFrequentTagger implements Tagger {
    private final Map<String, String> best;
    private final String fallback;

    private MostFrequentTagger(Map<String, String> best, String fallback) {
        this.best = Collections.unmodifiableMap(best);
        this.fallback = fallback;
    }

    /** Counts word/tag pairs in {@code training}. */
    public static MostFrequentTagger train(List<TaggedSentence> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training sentences");
        }
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Map<String, Integer> tagCounts = new HashMap<>();
        for (TaggedSentence s : training) {
            for (int i = 0; i < s.size(); i++) {
                counts.computeIfAbsent(s.words().get(i), w -> new HashMap<>()).merge(s.tags().get(i), 1, Integer::sum);
                tagCounts.merge(s.tags().get(i), 1, Integer::sum);
            }
        }
        Map<String, String> best = new HashMap<>();
        counts.forEach((word, c) -> best.put(word, argmax(c)));
        return new MostFrequentTagger(best, argmax(tagCounts));
    }

    private static String argmax(Map<String, Integer> counts) {
        String bestTag = null;
        int bestCount = -1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int c = e.getValue();
            if (c > bestCount || (c == bestCount && e.getKey().compareTo(bestTag) < 0)) {
                bestTag = e.getKey();
                bestCount = c;
            }
        }
        return bestTag;
    }

    @Override
    public List<String> tag(List<String> words) {
        return words.stream().map(w -> best.getOrDefault(w, fallback)).toList();
    }

    /** The tag given to words never seen in training. */
    public String fallbackTag() {
        return fallback;
    }
}
