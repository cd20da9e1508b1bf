package io.rnnkit.tagger.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.tagger.Tagger;
import io.rnnkit.text.io.TaggedSentence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Token-level results of a tagger on a gold corpus: accuracy, accuracy on words unseen in training, per-tag
 * precision/recall/F1 and the most frequent confusions.
 *
 * @param tokens          gold tokens scored
 * @param correct         tokens tagged correctly
 * @param unknownTokens   tokens whose word form never occurred in training
 * @param unknownCorrect  unknown tokens tagged correctly
 * @param perTag          scores per tag, sorted by tag
 * @param confusions      gold→predicted errors, most frequent first
 */
public record TaggingEvaluation(long tokens, long correct, long unknownTokens, long unknownCorrect,
                                List<TagScore> perTag, List<Confusion> confusions) {
    /** Copies the lists. */
    public TaggingEvaluation {
        perTag = List.copyOf(perTag);
        confusions = List.copyOf(confusions);
    }

    /**
     * Tags {@code gold}'s words with {@code tagger} (all sentences in one {@link Tagger#tagAll} call) and scores the result.
     *
     * @param knownWords word forms seen in training (exact, case-sensitive), for the unknown-word accuracy
     */
    public static TaggingEvaluation evaluate(Tagger tagger, List<TaggedSentence> gold, Set<String> knownWords) {
        List<List<String>> words = gold.stream().map(TaggedSentence::words).toList();
        return score(gold, tagger.tagAll(words), knownWords);
    }

    /**
     * Scores predicted tags against gold ones.
     *
     * @throws IllegalArgumentException if a prediction has the wrong number of tags
     */
    public static TaggingEvaluation score(List<TaggedSentence> gold, List<List<String>> predicted, Set<String> knownWords) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold sentences but " + predicted.size() + " predictions");
        }
        long tokens = 0;
        long correct = 0;
        long unknown = 0;
        long unknownCorrect = 0;
        Map<String, long[]> perTag = new TreeMap<>(); // support, predicted, correct
        Map<String, Long> confusion = new HashMap<>();
        for (int s = 0; s < gold.size(); s++) {
            TaggedSentence g = gold.get(s);
            List<String> p = predicted.get(s);
            if (p.size() != g.size()) {
                throw new IllegalArgumentException(g.location() + ": " + g.size() + " words but "
                        + p.size() + " predicted tags");
            }
            for (int i = 0; i < g.size(); i++) {
                String gt = g.tags().get(i);
                String pt = p.get(i);
                boolean ok = gt.equals(pt);
                boolean isUnknown = !knownWords.contains(g.words().get(i));
                tokens++;
                perTag.computeIfAbsent(gt, t -> new long[3])[0]++;
                perTag.computeIfAbsent(pt, t -> new long[3])[1]++;
                if (ok) {
                    correct++;
                    perTag.get(gt)[2]++;
                } else {
                    confusion.merge(gt + "\t" + pt, 1L, Long::sum);
                }
                if (isUnknown) {
                    unknown++;
                    if (ok) {
                        unknownCorrect++;
                    }
                }
            }
        }
        List<TagScore> scores = new ArrayList<>();
        perTag.forEach((tag, c) -> scores.add(new TagScore(tag, c[0], c[1], c[2])));
        List<Confusion> confusions = new ArrayList<>();
        confusion.forEach((k, v) -> {
            String[] parts = k.split("\t", 2);
            confusions.add(new Confusion(parts[0], parts[1], v));
        });
        confusions.sort(Comparator.comparingLong(Confusion::count).reversed()
                .thenComparing(Confusion::gold).thenComparing(Confusion::predicted));
        return new TaggingEvaluation(tokens, correct, unknown, unknownCorrect, scores, confusions);
    }

    /** The set of word forms in {@code training}, for {@link #evaluate}. */
    public static Set<String> vocabulary(List<TaggedSentence> training) {
        Set<String> words = new TreeSet<>();
        for (TaggedSentence s : training) {
            words.addAll(s.words());
        }
        return words;
    }

    /** Share of tokens tagged correctly. */
    public double accuracy() {
        return tokens == 0 ? 0 : (double) correct / tokens;
    }

    /** Share of unknown-word tokens tagged correctly (0 when there are none). */
    public double unknownAccuracy() {
        return unknownTokens == 0 ? 0 : (double) unknownCorrect / unknownTokens;
    }

    /** Unweighted mean F1 over the tags that occur in the gold data. */
    public double macroF1() {
        return perTag.stream().filter(t -> t.support() > 0).mapToDouble(TagScore::f1).average().orElse(0);
    }

    /**
     * The results as an ordered map: {@code accuracy}, {@code unknown_accuracy}, {@code tokens},
     * {@code correct}, {@code unknown_tokens}, {@code macro_f1}, {@code per_tag} (tag → precision, recall, f1,
     * support) and {@code confusions} (the {@code maxConfusions} most frequent).
     */
    public Map<String, Object> toMap(int maxConfusions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("unknown_accuracy", unknownAccuracy());
        m.put("tokens", tokens);
        m.put("correct", correct);
        m.put("unknown_tokens", unknownTokens);
        m.put("macro_f1", macroF1());
        Map<String, Object> tags = new LinkedHashMap<>();
        for (TagScore t : perTag) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("precision", t.precision());
            row.put("recall", t.recall());
            row.put("f1", t.f1());
            row.put("support", t.support());
            tags.put(t.tag(), row);
        }
        m.put("per_tag", tags);
        List<Map<String, Object>> conf = new ArrayList<>();
        for (Confusion c : confusions.subList(0, Math.min(maxConfusions, confusions.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("gold", c.gold());
            row.put("predicted", c.predicted());
            row.put("count", c.count());
            conf.add(row);
        }
        m.put("confusions", conf);
        return m;
    }

    /** {@link #toMap(int)} with the 10 most frequent confusions. */
    public Map<String, Object> toMap() {
        return toMap(10);
    }

    /** {@link #toMap()} as pretty-printed JSON. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write evaluation as JSON", e);
        }
    }

    /** A human-readable report: accuracy lines, a per-tag table and the top confusions. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "accuracy %.2f %% on %,d tokens; unknown words %.2f %% on %,d tokens%n",
                100 * accuracy(), tokens, 100 * unknownAccuracy(), unknownTokens));
        sb.append(String.format(java.util.Locale.ROOT, "%-8s %9s %9s %9s %9s%n", "tag", "precision", "recall", "f1", "support"));
        for (TagScore t : perTag) {
            sb.append(String.format(java.util.Locale.ROOT, "%-8s %9.4f %9.4f %9.4f %9d%n",
                    t.tag(), t.precision(), t.recall(), t.f1(), t.support()));
        }
        sb.append("most frequent confusions (gold -> predicted):\n");
        for (Confusion c : confusions.subList(0, Math.min(10, confusions.size()))) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-6s -> %-6s %,d%n", c.gold(), c.predicted(), c.count()));
        }
        return sb.toString();
    }
}
