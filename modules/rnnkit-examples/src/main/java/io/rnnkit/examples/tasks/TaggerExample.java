package io.rnnkit.examples.tasks;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.examples.ExampleArgs;
import io.rnnkit.tagger.PosTagger;
import io.rnnkit.tagger.TaggedText;
import io.rnnkit.tagger.TaggedToken;
import io.rnnkit.tagger.TaggerConfig;
import io.rnnkit.tagger.corpus.CorpusFormat;
import io.rnnkit.tagger.corpus.TaggedCorpus;
import io.rnnkit.text.io.TaggedSentence;
import io.rnnkit.tagger.tagset.CoarseClass;
import io.rnnkit.tagger.tagset.TagSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The notes' running example, "I work at google": a recurrent tagger reads the sentence word by word and labels
 * each word with one of four coarse classes — pronoun, noun, verb, preposition (everything else is "other") —
 * here derived from the universal part-of-speech tags of a BiLSTM tagger trained on the Brown corpus.
 *
 * <p>With {@code --model FILE} a saved tagger is used; otherwise one is trained on the first {@code --files}
 * Brown files (sorted by name) for {@code --epochs} epochs. A 1960s corpus has never seen "google": the tagger
 * has to infer NOUN from the word's shape and its context.
 */
public final class TaggerExample {

    /**
     * @param sentence      the tagged sentence
     * @param coarse        the four-class view of each word
     * @param trainingWords words in the training corpus (0 when a saved model was loaded)
     * @param googleKnown   whether "google" occurs in the tagger's training data
     */
    public record Result(TaggedText sentence, List<CoarseClass> coarse, long trainingWords, boolean googleKnown) {
        public Result {
            coarse = List.copyOf(coarse);
        }
    }

    private TaggerExample() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.println(r.sentence().toSlashFormat());
        for (TaggedToken t : r.sentence().tokens()) {
            System.out.printf(Locale.ROOT, "  %-8s %-5s %-12s p=%.2f%n", t.word(), t.tag(), t.coarseClass().label(),
                    t.probability());
        }
        System.out.println("'google' seen in training: " + r.googleKnown());
    }

    /**
     * Options: {@code --text "I work at google"}, {@code --model FILE}, or training settings {@code --files 40},
     * {@code --epochs 3}, {@code --seed 42}.
     */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse("TaggerExample", Set.of("text", "model", "files", "epochs", "seed"), args);
        String text = a.string("text", "I work at google");
        PosTagger tagger;
        long words = 0;
        if (a.has("model")) {
            tagger = PosTagger.load(Path.of(a.string("model", null)));
        } else {
            List<TaggedSentence> training = brown(a.integer("files", 40));
            words = training.stream().mapToLong(TaggedSentence::size).sum();
            TaggerConfig config = TaggerConfig.defaults().withEpochs(a.integer("epochs", 3))
                    .withSeed(a.integer("seed", 42));
            tagger = PosTagger.train(config, training);
        }
        TaggedText tagged = tagger.tag(text);
        return new Result(tagged, tagged.coarseClasses(), words, tagger.knownWords().contains("google"));
    }

    /** The first {@code files} Brown files in name order, with universal tags. */
    private static List<TaggedSentence> brown(int files) {
        if (files < 1) {
            throw new IllegalArgumentException("TaggerExample: --files must be >= 1, got " + files);
        }
        List<TaggedSentence> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Datasets.dir(Datasets.BROWN))) {
            List<Path> paths = s.filter(p -> p.getFileName().toString().matches("c[a-r]\\d\\d")).sorted()
                    .limit(files).toList();
            for (Path p : paths) {
                out.addAll(TaggedCorpus.read(p, CorpusFormat.BROWN, TagSet.UNIVERSAL));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Brown corpus: " + e.getMessage(), e);
        }
        return out;
    }
}
