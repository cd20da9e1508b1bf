package io.rnnkit.examples.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.forecast.Architecture;
import io.rnnkit.sentiment.Sentiment;
import io.rnnkit.tagger.tagset.CoarseClass;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each task example on tiny settings (real data, seconds of training) and checks its result. */
class TaskExamplesTest {

    @Test
    void helloModelContinuesHWithEllo() {
        HelloCharExample.Result r = HelloCharExample.runExample();
        assertEquals(List.of("<pad>", "<unk>", "l", "e", "h", "o"), r.vocabulary());
        assertEquals("ello", r.generated());
        assertTrue(r.bpc() < 0.5, "bpc " + r.bpc());
    }

    @Test
    void taggerLabelsEachWordWithACoarseClass() {
        TaggerExample.Result r = TaggerExample.runExample("--files", "2", "--epochs", "1");
        assertEquals(List.of("I", "work", "at", "google"), r.sentence().words());
        assertEquals(4, r.coarse().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(CoarseClass.of(r.sentence().tags().get(i)), r.coarse().get(i));
        }
        assertFalse(r.googleKnown(), "a 1960s corpus has never seen 'google'");
        assertTrue(r.trainingWords() > 2_000, "words " + r.trainingWords());
    }

    @Test
    void sentimentGivesLabelsWithProbabilities() {
        SentimentExample.Result r = SentimentExample.runExample("--limit", "300", "--epochs", "2", "--units", "8");
        assertEquals(240, r.trainSize());
        assertEquals(60, r.evaluation().n());
        assertEquals(SentimentExample.REVIEWS.size(), r.predictions().size());
        for (Sentiment s : r.predictions()) {
            assertEquals(1.0, s.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
            assertTrue(List.of("0", "1").contains(s.label()), s.label());
        }
    }

    @Test
    void sentimentRejectsAnUnknownEncoder() {
        assertThrows(IllegalArgumentException.class, () -> SentimentExample.runExample("--encoder", "transformer"));
    }

    @Test
    void forecastScoresAgainstPersistenceAndPlots(@TempDir Path dir) throws Exception {
        ForecastExample.Result r = ForecastExample.runExample("--arch", "gru", "--epochs", "2", "--units", "4",
                "--horizon", "3", "--out", dir.toString());
        assertEquals(Architecture.GRU, r.architecture());
        assertEquals(3, r.evaluation().horizon());
        assertEquals(3, r.next().days().size());
        assertTrue(r.evaluation().maePersistence() > 1 && r.evaluation().maePersistence() < 4,
                r.evaluation().summary());
        assertEquals(1 - r.evaluation().mae() / r.evaluation().maePersistence(), r.evaluation().skill(), 1e-9);
        BufferedImage png = ImageIO.read(r.plot().toFile());
        assertTrue(png.getWidth() > 300, "plot width " + png.getWidth());
    }

    @Test
    void translationWritesKoreanGreedilyAndWithABeamAndDrawsTheAttention(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("attention.png");
        TranslationExample.Result r = TranslationExample.runExample("--beam", "3", "--png", png.toString());
        assertEquals(TranslationExample.SENTENCES.size(), r.greedy().size());
        var trainingEnglish = io.rnnkit.translate.SentencePair.readTsv(io.rnnkit.datasets.Datasets.file(
                io.rnnkit.datasets.DerivedDatasets.EN_KO_HELP_PAIRS, "train.tsv")).stream()
                .map(io.rnnkit.translate.SentencePair::source).collect(java.util.stream.Collectors.toSet());
        for (String english : TranslationExample.SENTENCES) {
            assertFalse(trainingEnglish.contains(english), english + " is a training sentence");
        }
        assertEquals(TranslationExample.SENTENCES.size(), r.beam().size());
        for (int i = 0; i < r.beam().size(); i++) {
            io.rnnkit.translate.Translation b = r.beam().get(i);
            assertEquals(TranslationExample.SENTENCES.get(i), b.source());
            assertTrue(b.text().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL),
                    "no Hangul in '" + b.text() + "'");
            assertEquals(b.targetTokens().size(), b.attention().length);
            assertEquals(b.sourceTokens().size(), b.attention()[0].length);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 22 * r.beam().get(0).sourceTokens().size(), "width " + image.getWidth());
        assertTrue(image.getHeight() > 22 * r.beam().get(0).targetTokens().size(), "height " + image.getHeight());
    }
}
