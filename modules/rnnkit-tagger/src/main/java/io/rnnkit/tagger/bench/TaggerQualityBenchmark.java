package io.rnnkit.tagger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.tagger.PosTagger;
import io.rnnkit.tagger.corpus.BrownSplit;
import io.rnnkit.tagger.corpus.CorpusFormat;
import io.rnnkit.tagger.corpus.TaggedCorpus;
import io.rnnkit.tagger.eval.TagScore;
import io.rnnkit.tagger.eval.TaggingEvaluation;
import io.rnnkit.tagger.tagset.TagSet;
import io.rnnkit.text.io.TaggedSentence;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a saved tagger generalises, without tuning on what it is scored on: the held-out Brown test files
 * (the fixed {@link BrownSplit}) and a differently sourced English text, the Penn-Treebank-tagged samples of
 * Apache OpenNLP's test resources (dataset {@code opennlp-samples}: invented letters and narratives, and Wall
 * Street Journal sentences), mapped to the 12 universal tags. Per corpus: accuracy, accuracy on words the model
 * never saw in training, accuracy per tag class (the recall of each gold tag) and the most frequent confusions.
 * Stdout carries only the JSON.
 *
 * <pre>
 * java … io.rnnkit.tagger.bench.TaggerQualityBenchmark [--model builtin:tagger] [--brown DIR] [--samples DIR]
 * </pre>
 */
public final class TaggerQualityBenchmark {
    /** The sample files inside the {@code opennlp-samples} dataset; the first is ISO-8859-1 ("Kaiserstra§e"). */
    static final List<String> SAMPLE_FILES = List.of("AnnotatedSentences.txt", "trial.old.tsv");

    private TaggerQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream json = System.out;
        System.setOut(System.err);
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String model = opts.getOrDefault("model", "builtin:tagger");
        Path brown = opts.containsKey("brown") ? Path.of(opts.get("brown")) : Datasets.dir(Datasets.BROWN);
        Path samples = opts.containsKey("samples") ? Path.of(opts.get("samples"))
                : Datasets.dir(Datasets.OPENNLP_SAMPLES);
        json.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(run(PosTagger.load(model), model, brown, samples)));
    }

    /** The results as a JSON-ready map. */
    static Map<String, Object> run(PosTagger tagger, String model, Path brown, Path samples) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("model_metrics", new TreeMap<>(tagger.metrics()));
        List<TaggedSentence> brownTest = TaggedCorpus.read(BrownSplit.of(brown).test(), CorpusFormat.BROWN,
                TagSet.UNIVERSAL);
        out.put("brown_test", score(tagger, brownTest, "Brown corpus, the 50 test files of the fixed split"));
        List<TaggedSentence> opennlp = new ArrayList<>();
        Map<String, Integer> unmapped = new TreeMap<>();
        for (String file : SAMPLE_FILES) {
            PennSamples p = PennSamples.read(samples.resolve(file), StandardCharsets.ISO_8859_1);
            opennlp.addAll(p.sentences());
            p.unmapped().forEach((tag, n) -> unmapped.merge(tag, n, Integer::sum));
        }
        Map<String, Object> second = score(tagger, opennlp, "Apache OpenNLP 2.3.3 test samples (Penn Treebank tags "
                + "mapped to universal): " + String.join(", ", SAMPLE_FILES));
        // tags the Penn table lacks (HYPH, from OntoNotes) are scored as X, as NLTK maps them
        second.put("unmapped_penn_tags", unmapped);
        out.put("opennlp_samples", second);
        return out;
    }

    private static Map<String, Object> score(PosTagger tagger, List<TaggedSentence> gold, String source) {
        TaggingEvaluation e = tagger.evaluate(gold);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("sentences", gold.size());
        m.put("tokens", e.tokens());
        m.put("accuracy", e.accuracy());
        m.put("unknown_tokens", e.unknownTokens());
        m.put("unknown_accuracy", e.unknownAccuracy());
        Map<String, Object> perTag = new LinkedHashMap<>();
        for (TagScore t : e.perTag()) {
            if (t.support() > 0) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("accuracy", t.recall());
                row.put("tokens", t.support());
                perTag.put(t.tag(), row);
            }
        }
        m.put("accuracy_per_tag", perTag);
        m.put("confusions", e.toMap(8).get("confusions"));
        return m;
    }
}
