package io.rnnkit.translate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of translations against references: corpus chrF (character 6-grams, β = 2) and corpus BLEU-4 (over
 * rnnkit's word tokens), both 0–100.
 *
 * @param sentences    pairs scored
 * @param chrF         corpus chrF
 * @param bleu         corpus BLEU
 * @param seconds      wall-clock time the translations took
 * @param translations the translations, in input order
 */
public record TranslationEvaluation(int sentences, double chrF, double bleu, double seconds,
                                    List<Translation> translations) {

    /** The scores as JSON-ready values (without the translations). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sentences", sentences);
        m.put("chrF", round(chrF));
        m.put("bleu", round(bleu));
        m.put("seconds", round(seconds));
        m.put("sentencesPerSecond", seconds > 0 ? round(sentences / seconds) : null);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
