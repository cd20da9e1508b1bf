package io.rnnkit.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.text.WordTokenizer.Contractions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code builtin:sentiment} shipped before the defaults moved to pretrained vectors (random embeddings, no
 * {@code contractions}, {@code vectors} or {@code vectorVocabulary} in its settings) still loads and answers as it
 * did: "The plot was thin but the acting saved it." negative at 0.95, as the README's demo printed.
 */
class OldModelFileTest {
    private static Path fixture() throws URISyntaxException {
        return Path.of(OldModelFileTest.class.getResource("sentiment-random-v1.rnnk").toURI());
    }

    @Test
    void theRandomEmbeddingModelOfBeforeLoadsWithItsOwnSettingsAndPredictsAsBefore() throws Exception {
        SentimentClassifier old = SentimentClassifier.load(fixture());
        assertNull(old.config().vectors(), "absent 'vectors' is random embeddings, not today's default");
        assertEquals(0, old.config().vectorVocabulary());
        assertEquals(Contractions.KEEP, old.config().contractions());
        assertEquals(2128, old.vocabulary().size());
        Sentiment s = old.predict("The plot was thin but the acting saved it.");
        assertEquals("0", s.label());
        assertEquals(0.95, s.probabilities().get("0"), 0.005);
        assertTrue(old.scores().isEmpty(), "it recorded no validation or cross-validation scores");
        assertTrue(old.summary().toString().matches("(?s).*\\(Dropout\\)\\s+\\(None, 128\\).*"), old.summary().toString());
    }
}
