package io.rnnkit.examples.tasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.translate.AttentionHeatMap;
import io.rnnkit.translate.Translation;
import io.rnnkit.translate.Translator;

/**
 * The notes' many-to-many example, machine translation (영어 문장 → 한글 문장): an encoder reads the English
 * sentence, a decoder writes the Korean one token by token, looking back at the English through attention. Runs
 * {@code builtin:translate-en-ko} (trained on LibreOffice's help pages in both languages) greedily and with a beam,
 * and writes the attention of the first sentence as a heat map.
 */
public final class TranslationExample {
    /** Help-page sentences like those the model was trained on (not in its training pairs). */
    public static final List<String> SENTENCES = List.of("Opens the Print dialog.", "Prints the current document.",
            "Choose Tools - Options.", "Deletes the current slide.");

    /**
     * @param greedy    each sentence decoded greedily
     * @param beam      each sentence decoded with a beam of {@code beamWidth}
     * @param beamWidth the beam width
     * @param heatMap   the PNG written, or null
     */
    public record Result(List<Translation> greedy, List<Translation> beam, int beamWidth, Path heatMap) {
        public Result {
            greedy = List.copyOf(greedy);
            beam = List.copyOf(beam);
        }
    }

    private TranslationExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        for (int i = 0; i < r.greedy().size(); i++) {
            System.out.println(r.greedy().get(i).source());
            System.out.println("  greedy: " + r.greedy().get(i).text());
            System.out.printf(Locale.ROOT, "  beam %d: %s (log P %.2f)%n", r.beamWidth(), r.beam().get(i).text(),
                    r.beam().get(i).logProb());
        }
        if (r.heatMap() != null) {
            System.out.println("attention heat map: " + r.heatMap());
        }
    }

    /** Options: {@code --text "…"} (one sentence), {@code --model FILE}, {@code --beam 4}, {@code --png FILE}. */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("TranslationExample", Set.of("text", "model", "beam", "png"), args);
        List<String> sentences = a.has("text") ? List.of(a.string("text", null)) : SENTENCES;
        Translator translator = Translator.load(a.string("model", "builtin:translate-en-ko"));
        int width = a.integer("beam", 4);
        List<Translation> greedy = translator.translateAll(sentences, 1);
        List<Translation> beam = translator.translateAll(sentences, width);
        Path png = a.has("png") ? Path.of(a.string("png", null)) : null;
        if (png != null) {
            AttentionHeatMap.writePng(beam.get(0), png);
        }
        return new Result(greedy, beam, width, png);
    }
}
