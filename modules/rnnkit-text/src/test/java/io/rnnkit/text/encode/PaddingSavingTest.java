package io.rnnkit.text.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rnnkit.datasets.Datasets;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PaddingSavingTest {
    @Test
    void bucketingCutsPaddingOnTheSentimentSentences() throws IOException {
        assumeTrue(Datasets.isPresent(Datasets.UCI_SENTENCES), "uci-sentences not fetched (scripts/fetch-datasets)");
        PaddingSavingReport.Result r = PaddingSavingReport.measure();
        System.out.println(r.summary());
        assertEquals(3000, r.sentences());
        assertEquals(3, r.skipped());
        assertTrue(r.bucketed() < 0.05, r.summary());
        assertTrue(r.shuffled() > 0.4, r.summary());
        assertTrue(r.fixedWidth() > r.shuffled(), r.summary());
    }
}
