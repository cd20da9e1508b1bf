package io.rnnkit.bench.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnnkit.datasets.Datasets;
import io.rnnkit.datasets.DerivedDatasets;
import io.rnnkit.nn.runtime.NativeThreads;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.translate.SentencePair;
import io.rnnkit.translate.TranslationEvaluation;
import io.rnnkit.translate.Translator;
import io.rnnkit.translate.TranslatorConfig;
import io.rnnkit.translate.memory.TranslationMemory;
import io.rnnkit.translate.metrics.Bleu;
import io.rnnkit.translate.metrics.ChrF;
import io.rnnkit.translate.text.Subwords;

/**
 * rnnkit's encoder–decoder against its peers on the English–Korean help pairs, in one run, as JSON: copy-the-source,
 * the translation memory, rnnkit (greedy and beam) and the same network in PyTorch ({@code scripts/bench-translate-torch},
 * Debian's python3-torch), trained on the same pairs, tokens and sizes for the same wall-clock time and threads.
 *
 * <pre>
 * java -cp modules/rnnkit-cli/target/rnnkit.jar:modules/rnnkit-bench/target/classes \
 *   io.rnnkit.bench.translate.TranslationBenchmark [--minutes N] [--target char|bpe] [--target-merges N]
 *   [--source char|bpe] [--source-merges N] [--split valid|test] [--no-torch] [--out DIR] [--save FILE]
 *   [--model FILE] [--pairs en-ko-help-pairs|en-fr-help-pairs]
 * </pre>
 *
 * With {@code --model} (a model made by {@code rnnkit translate train}, e.g. {@code builtin:translate-en-ko}'s
 * file) rnnkit is not retrained: its translations and recorded training figures are compared with a PyTorch run
 * given the model's settings.
 *
 * Output files (the PyTorch peer's data and results, rnnkit's translations) go to {@code --out}
 * (default {@code target/bench-translate}).
 */
public final class TranslationBenchmark {
    private TranslationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = 10;
        String split = "test";
        boolean torch = true;
        Path out = Path.of("target/bench-translate");
        Path save = null;
        Path model = null;
        String pairsName = DerivedDatasets.EN_KO_HELP_PAIRS;
        TranslatorConfig.Builder b = TranslatorConfig.builder();
        TranslatorConfig d = TranslatorConfig.defaults();
        Subwords.Unit srcUnit = d.sourceUnit();
        Subwords.Unit tgtUnit = d.targetUnit();
        int srcMerges = d.sourceMerges();
        int tgtMerges = d.targetMerges();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--split" -> split = args[++i];
                case "--no-torch" -> torch = false;
                case "--out" -> out = Path.of(args[++i]);
                case "--save" -> save = Path.of(args[++i]);
                case "--model" -> model = Path.of(args[++i]);
                case "--pairs" -> pairsName = args[++i];
                case "--source" -> srcUnit = Subwords.Unit.parse(args[++i]);
                case "--target" -> tgtUnit = Subwords.Unit.parse(args[++i]);
                case "--source-merges" -> srcMerges = Integer.parseInt(args[++i]);
                case "--target-merges" -> tgtMerges = Integer.parseInt(args[++i]);
                case "--beam" -> b.beamWidth(Integer.parseInt(args[++i]));
                case "-h", "--help" -> {
                    System.out.println("usage: TranslationBenchmark [--minutes N] [--source char|bpe] "
                            + "[--source-merges N] [--target char|bpe] [--target-merges N] [--beam N] "
                            + "[--split valid|test] [--no-torch] [--out DIR] [--save FILE] [--model FILE] "
                            + "[--pairs en-ko-help-pairs|en-fr-help-pairs]");
                    return;
                }
                default -> {
                    System.err.println("TranslationBenchmark: unknown argument " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        TranslatorConfig config = b.source(srcUnit, srcMerges).target(tgtUnit, tgtMerges)
                .timeBudget(Duration.ofMillis((long) (minutes * 60_000))).build();
        if (!pairsName.equals(DerivedDatasets.EN_KO_HELP_PAIRS) && !pairsName.equals(DerivedDatasets.EN_FR_HELP_PAIRS)) {
            System.err.println("TranslationBenchmark: --pairs must be " + DerivedDatasets.EN_KO_HELP_PAIRS + " or "
                    + DerivedDatasets.EN_FR_HELP_PAIRS + ", got " + pairsName);
            System.exit(2);
        }
        ObjectNode result = run(config, model, pairsName, split, torch, out, save);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /**
     * Trains rnnkit with {@code config} (or, given {@code model}, reads a model trained by {@code rnnkit translate
     * train} and takes its config and training figures), trains the PyTorch peer when {@code torch} with the same
     * tokens, sizes, batch, learning rate, patience and time budget, and scores everything on {@code split}.
     */
    public static ObjectNode run(TranslatorConfig config, Path model, String pairsName, String split, boolean torch,
                                 Path out, Path save) throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<SentencePair> train = pairs(pairsName, "train");
        List<SentencePair> valid = pairs(pairsName, "valid");
        List<SentencePair> eval = pairs(pairsName, split);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("pairs_dataset", pairsName);
        json.put("split", split);
        json.put("pairs", eval.size());
        json.put("train_pairs", train.size());
        json.put("chrf", "character 6-grams, beta 2, whitespace removed, 0-100 (ChrF.STANDARD)");
        json.put("bleu", "corpus BLEU-4 on WordTokenizer tokens, no smoothing, 0-100 (Bleu.STANDARD)");
        NativeThreads.ensureConfigured();
        int threads = NativeThreads.current().openMp();
        json.put("threads", threads);

        json.set("copy_source", score(mapper, eval, eval.stream().map(SentencePair::source).toList(), 0));
        TranslationMemory memory = TranslationMemory.of(train);
        long t0 = System.nanoTime();
        List<String> tm = eval.stream().map(p -> memory.translate(p.source())).toList();
        json.set("translation_memory", score(mapper, eval, tm, (System.nanoTime() - t0) / 1e9));

        Translator translator = model != null ? Translator.load(model)
                : Translator.train(config, train, valid, TrainingConfig.Progress.QUIET,
                        new io.rnnkit.nn.train.TrainingListener() {
                            @Override
                            public void onEpochEnd(io.rnnkit.nn.train.EpochMetrics m) {
                                System.err.printf("rnnkit epoch %d: train loss %.4f, valid loss %.4f, %.0f s%n",
                                        m.epoch(), m.trainLoss(), m.validationLoss(), m.seconds());
                            }
                        });
        config = model != null ? translator.config() : config;
        json.set("config", mapper.valueToTree(config.toMap()));
        ObjectNode rn = mapper.createObjectNode();
        if (model != null) {
            rn.put("model", model.toString());
            String made = io.rnnkit.nn.io.ModelFile.readManifest(model).commandLine();
            if (made != null) {
                rn.put("made_by", made);
            }
        }
        translator.metrics().forEach(rn::put);
        rn.put("parameters", translator.parameterCount());
        rn.put("source_vocabulary", translator.sourceVocabulary().size());
        rn.put("target_vocabulary", translator.targetVocabulary().size());
        TranslationEvaluation greedy = translator.evaluate(eval, 1);
        rn.set("greedy", scoreOf(mapper, eval, greedy));
        writeLines(out.resolve("rnnkit.greedy.txt"), greedy.translations().stream().map(t -> t.text()).toList());
        if (config.beamWidth() > 1) {
            TranslationEvaluation beam = translator.evaluate(eval, config.beamWidth());
            ObjectNode bn = scoreOf(mapper, eval, beam);
            bn.put("beam_width", config.beamWidth());
            rn.set("beam", bn);
            writeLines(out.resolve("rnnkit.beam.txt"), beam.translations().stream().map(t -> t.text()).toList());
        }
        json.set("rnnkit", rn);
        if (save != null) {
            translator.save(save);
        }

        if (torch) {
            Path data = out.resolve("torch-data");
            Path result = out.resolve("torch-out");
            writePeerData(data, translator, train, valid, eval, config, threads);
            Path script = Path.of("scripts/bench-translate-torch");
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--data", data.toString(), "--out",
                    result.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(out.resolve("torch.stdout").toFile());
            int rc = pb.start().waitFor();
            if (rc != 0) {
                json.put("pytorch_error", "scripts/bench-translate-torch exited with " + rc);
            } else {
                JsonNode peer = mapper.readTree(result.resolve("result.json").toFile());
                List<String> hyp = new ArrayList<>();
                Subwords tgt = translator.targetVocabulary();
                for (String line : Files.readAllLines(result.resolve("test.hyp.ids"), StandardCharsets.UTF_8)) {
                    hyp.add(tgt.decode(ids(line)));
                }
                ObjectNode pn = (ObjectNode) peer.deepCopy();
                pn.set("greedy", score(mapper, eval, hyp, peer.path("decodeSeconds").asDouble()));
                json.set("pytorch", pn);
                writeLines(out.resolve("pytorch.greedy.txt"), hyp);
            }
        }
        return json;
    }

    /** The pairs and vocabularies in the peer's format: ids per line, source (with EOS) TAB target. */
    static void writePeerData(Path dir, Translator translator, List<SentencePair> train, List<SentencePair> valid,
                              List<SentencePair> test, TranslatorConfig c, int threads) throws IOException {
        Files.createDirectories(dir);
        Subwords src = translator.sourceVocabulary();
        Subwords tgt = translator.targetVocabulary();
        writeLines(dir.resolve("source.vocab"), src.tokens());
        writeLines(dir.resolve("target.vocab"), tgt.tokens());
        writeLines(dir.resolve("train.ids"), idLines(src, tgt, train, c, true));
        writeLines(dir.resolve("valid.ids"), idLines(src, tgt, valid, c, true));
        writeLines(dir.resolve("test.ids"), idLines(src, tgt, test, c, false));
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("embedding", c.embedding());
        cfg.put("encoderUnits", c.encoderUnits());
        cfg.put("decoderUnits", c.decoderUnits());
        cfg.put("attentionSize", c.attentionSize());
        cfg.put("batchSize", c.batchSize());
        cfg.put("learningRate", c.learningRate());
        cfg.put("clipNorm", c.clipNorm());
        cfg.put("seconds", c.timeBudget() == null ? 600 : c.timeBudget().toSeconds());
        cfg.put("maxOutputLength", c.maxOutputTokens());
        cfg.put("threads", threads);
        cfg.put("seed", c.seed());
        cfg.put("beamWidth", 1);
        cfg.put("patience", c.patience());
        cfg.put("epochs", c.epochs());
        cfg.put("maxSourceTokens", c.maxSourceTokens());
        cfg.put("maxTargetTokens", c.maxTargetTokens());
        cfg.put("maxOutputTokens", c.maxOutputTokens());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), cfg);
    }

    private static List<String> idLines(Subwords src, Subwords tgt, List<SentencePair> pairs, TranslatorConfig c,
                                        boolean filter) {
        List<String> out = new ArrayList<>();
        for (SentencePair p : pairs) {
            int[] s = src.encode(p.source());
            int[] t = tgt.encode(p.target());
            if (filter && (s.length > c.maxSourceTokens() || t.length > c.maxTargetTokens())) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (int id : s) {
                sb.append(id).append(' ');
            }
            sb.append(Subwords.EOS).append('\t');
            for (int k = 0; k < t.length; k++) {
                sb.append(k == 0 ? "" : " ").append(t[k]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static int[] ids(String line) {
        String s = line.strip();
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(" ");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static List<SentencePair> pairs(String name, String split) {
        return SentencePair.readTsv(Datasets.file(name, split + ".tsv"));
    }

    private static ObjectNode scoreOf(ObjectMapper mapper, List<SentencePair> eval, TranslationEvaluation e) {
        return score(mapper, eval, e.translations().stream().map(t -> t.text()).toList(), e.seconds());
    }

    static ObjectNode score(ObjectMapper mapper, List<SentencePair> pairs, List<String> hyp, double seconds) {
        List<String> ref = pairs.stream().map(SentencePair::target).toList();
        ObjectNode node = mapper.createObjectNode();
        node.put("chrf", ChrF.STANDARD.corpus(hyp, ref));
        node.put("chrf_mean_sentence", ChrF.STANDARD.meanSentenceScore(hyp, ref));
        node.put("bleu", Bleu.STANDARD.corpusOfTexts(hyp, ref));
        long exact = java.util.stream.IntStream.range(0, hyp.size()).filter(i -> hyp.get(i).equals(ref.get(i))).count();
        node.put("exact_match", (double) exact / Math.max(1, hyp.size()));
        node.put("seconds", seconds);
        return node;
    }

    private static void writeLines(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
