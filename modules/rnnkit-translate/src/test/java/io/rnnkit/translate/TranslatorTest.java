package io.rnnkit.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.train.TrainingConfig;
import io.rnnkit.translate.text.Subwords;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class TranslatorTest {
    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};
    private static final String[] KO = {"영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"};

    /** "three one four" → "삼일사": number words to Sino-Korean digits, a task a small model learns in seconds. */
    static List<SentencePair> digits(int n, long seed) {
        Random r = new Random(seed);
        List<SentencePair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 1 + r.nextInt(4);
            StringBuilder en = new StringBuilder();
            StringBuilder ko = new StringBuilder();
            for (int k = 0; k < len; k++) {
                int d = r.nextInt(10);
                en.append(k == 0 ? "" : " ").append(DIGITS[d]);
                ko.append(KO[d]);
            }
            out.add(new SentencePair(en.toString(), ko.toString()));
        }
        return out;
    }

    static TranslatorConfig small() {
        return TranslatorConfig.builder().source(Subwords.Unit.BPE, 40).target(Subwords.Unit.CHARACTERS, 0)
                .sizes(16, 24, 48, 32).epochs(40).batchSize(16).learningRate(0.01).patience(0).timeBudget(null)
                .beamWidth(3).build();
    }

    private static Translator trained;

    @BeforeAll
    static void train() {
        trained = Translator.train(small(), digits(400, 1), digits(50, 2), TrainingConfig.Progress.QUIET);
    }

    @Test
    void learnsTheDigitTask() {
        List<SentencePair> test = digits(50, 3);
        TranslationEvaluation e = trained.evaluate(test);
        long exact = 0;
        for (int i = 0; i < test.size(); i++) {
            if (e.translations().get(i).text().equals(test.get(i).target())) {
                exact++;
            }
        }
        assertTrue(exact >= 40, "exact translations: " + exact + " of 50, chrF " + e.chrF());
        assertTrue(e.chrF() > 80, "chrF " + e.chrF());
        assertEquals("삼일사", trained.translate("three one four").text());
    }

    @Test
    void engineEqualsTheTrainingGraphOnAPaddedBatch() {
        Subwords src = trained.sourceVocabulary();
        Subwords tgt = trained.targetVocabulary();
        List<SentencePair> pairs = List.of(new SentencePair("one", "일이삼사"),
                new SentencePair("nine eight seven six five", "구"), new SentencePair("two two", "이이"));
        List<PairBatches.Encoded> enc = new ArrayList<>();
        for (SentencePair p : pairs) {
            int[] s = src.encode(p.source());
            int[] withEos = java.util.Arrays.copyOf(s, s.length + 1);
            withEos[s.length] = Subwords.EOS;
            enc.add(new PairBatches.Encoded(withEos, tgt.encode(p.target())));
        }
        MultiDataSet ds = PairBatches.toDataSet(enc, tgt.size());
        ComputationGraph g = trained.network();
        INDArray out = g.output(false, ds.getFeatures(), ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays())[0]
                .castTo(DataType.FLOAT);
        TranslationEngine engine = TranslationEngine.of(g);
        for (int i = 0; i < enc.size(); i++) {
            int[] tg = enc.get(i).target();
            int[] in = new int[tg.length + 1];
            in[0] = Subwords.BOS;
            System.arraycopy(tg, 0, in, 1, tg.length);
            float[][] probs = engine.teacherForced(enc.get(i).source(), in);
            for (int t = 0; t < in.length; t++) {
                for (int k = 0; k < tgt.size(); k++) {
                    assertEquals(out.getFloat(i, k, t), probs[t][k], 2e-5f, "pair " + i + " step " + t + " token " + k);
                }
            }
        }
    }

    @Test
    void greedyFollowsTheArgmaxAndBeamScoresAreTheModelsLogProbability() {
        TranslationEngine engine = TranslationEngine.of(trained.network());
        Subwords src = trained.sourceVocabulary();
        for (String text : List.of("seven", "one two three four", "zero zero")) {
            int[] s = src.encode(text);
            int[] withEos = java.util.Arrays.copyOf(s, s.length + 1);
            withEos[s.length] = Subwords.EOS;
            for (int beam : new int[] {1, 3}) {
                TranslationEngine.Decoded d = engine.decode(new int[][] {withEos}, beam, 1.0, 50).get(0);
                int[] in = new int[d.tokens().length + 1];
                in[0] = Subwords.BOS;
                System.arraycopy(d.tokens(), 0, in, 1, d.tokens().length);
                float[][] probs = engine.teacherForced(withEos, in);
                double logp = 0;
                for (int t = 0; t < in.length; t++) {
                    int next = t < d.tokens().length ? d.tokens()[t] : Subwords.EOS;
                    logp += Math.log(probs[t][next]);
                    if (beam == 1) {
                        int arg = Subwords.EOS;
                        for (int k = Subwords.EOS; k < probs[t].length; k++) {
                            if (probs[t][k] > probs[t][arg]) {
                                arg = k;
                            }
                        }
                        assertEquals(arg, next, text + ": greedy step " + t);
                    }
                }
                assertTrue(d.finished());
                assertEquals(logp, d.logProb(), 1e-3, text + " beam " + beam);
                assertEquals(in.length, d.attention().length);
                for (float[] row : d.attention()) {
                    assertEquals(withEos.length, row.length);
                    double sum = 0;
                    for (float a : row) {
                        sum += a;
                    }
                    assertEquals(1.0, sum, 1e-4);
                }
            }
        }
    }

    @Test
    void batchedTranslationEqualsOneByOne() {
        List<String> texts = List.of("one", "", "five six seven eight", "two", "nine nine", "   ");
        List<Translation> all = trained.translateAll(texts, 3);
        for (int i = 0; i < texts.size(); i++) {
            Translation one = trained.translate(texts.get(i), 3);
            assertEquals(one.text(), all.get(i).text(), texts.get(i));
            assertEquals(one.logProb(), all.get(i).logProb(), 1e-5);
        }
        assertEquals("", all.get(1).text());
        assertEquals(List.of(), all.get(5).targetTokens());
        Translation t = all.get(2);
        assertEquals(t.targetTokens().size(), t.attention().length);
        assertEquals("</s>", t.sourceTokens().get(t.sourceTokens().size() - 1));
        assertEquals(t.sourceTokens().size(), t.attention()[0].length);
    }

    @Test
    void savesAndLoadsOneFileThatTranslatesTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("digits.rnnk");
        trained.save(file);
        Translator back = Translator.load(file);
        assertEquals(trained.config(), back.config());
        assertEquals(trained.sourceVocabulary().tokens(), back.sourceVocabulary().tokens());
        assertEquals(trained.sourceVocabulary().merges(), back.sourceVocabulary().merges());
        assertEquals(trained.targetVocabulary().tokens(), back.targetVocabulary().tokens());
        for (String text : List.of("three one four", "eight", "zero one two three")) {
            Translation a = trained.translate(text);
            Translation b = back.translate(text);
            assertEquals(a.text(), b.text());
            assertEquals(a.logProb(), b.logProb(), 1e-6);
            assertArrayEquals(a.attention()[0], b.attention()[0], 1e-6f);
        }
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> io.rnnkit.nn.io.ModelFile.load(file, "tagger"));
        assertTrue(e.getMessage().contains("translate"), e.getMessage());
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void fourThreadsSharingOneTranslatorGetTheSingleThreadedTranslations() throws Exception {
        List<String> texts = digits(60, 9).stream().map(SentencePair::source).toList();
        List<Translation> alone = trained.translateAll(texts, 2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<Translation>>> runs = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                runs.add(pool.submit(() -> {
                    List<Translation> out = new ArrayList<>();
                    for (String t : texts) {
                        out.add(trained.translate(t, 2));
                    }
                    return out;
                }));
            }
            for (var run : runs) {
                List<Translation> got = run.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertEquals(alone.get(i).text(), got.get(i).text(), texts.get(i));
                    assertEquals(alone.get(i).logProb(), got.get(i).logProb(), 1e-5, texts.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsTheAttentionsParametersToo() {
        // sizes 16/24/48/32: the four attention projections are 48·32 + 2·(48·32) + 32·32 (keys and values read 2·24).
        long attention = 48 * 32 + 2 * (48 * 32) + 32 * 32;
        assertEquals(trained.network().numParams() + attention, trained.parameterCount());
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> trained.translate("one", 0));
        assertThrows(IllegalArgumentException.class,
                () -> Translator.train(small(), List.of(), List.of(), TrainingConfig.Progress.QUIET));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TranslatorConfig.builder().beamWidth(0).build());
        assertEquals("beamWidth must be >= 1, got 0", e.getMessage());
    }
}
