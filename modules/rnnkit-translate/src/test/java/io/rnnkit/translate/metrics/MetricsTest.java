package io.rnnkit.translate.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * chrF and BLEU: hand-computed cases, and agreement with NLTK 3.8 on 300 real help sentences
 * ({@code scripts/make-metric-fixtures} writes the reference values).
 */
class MetricsTest {
    private static final ChrF CHRF = ChrF.STANDARD;

    @Test
    void chrFCountsCodePointNGramsWithoutWhitespace() {
        // "파일을 열기" vs "파일 열기": hypothesis 파일열기 (4 chars), reference 파일을열기 (5 chars).
        ChrF.Statistics s = CHRF.statistics("파일 열기", "파일을 열기");
        assertArrayEquals(new long[] {4, 3, 2, 1, 0, 0}, s.hypothesis());
        assertArrayEquals(new long[] {5, 4, 3, 2, 1, 0}, s.reference());
        assertArrayEquals(new long[] {4, 2, 0, 0, 0, 0}, s.matches());
        // Orders 1-4 have n-grams on both sides; F_2 = 5PR / (4P + R).
        double f1 = 5 * 1.0 * 0.8 / (4 * 1.0 + 0.8);
        double f2 = 5 * (2 / 3.0) * 0.5 / (4 * (2 / 3.0) + 0.5);
        assertEquals(100 * (f1 + f2 + 0 + 0) / 4, CHRF.sentence("파일 열기", "파일을 열기"), 1e-12);
        assertEquals(100, CHRF.sentence("인쇄", "인쇄"), 1e-12, "an exact match scores 100 whatever its length");
        assertEquals(0, CHRF.sentence("", "인쇄"));
        assertEquals(0, CHRF.sentence("abc", "xyz"));
        // Clipped: "aaaa" against "a" matches one unigram, not four.
        assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0}, CHRF.statistics("aaaa", "a").matches());
        // Recall weighs more than precision with beta 2: a short, precise hypothesis scores below a long, complete one.
        assertTrue(CHRF.sentence("파일", "파일을 엽니다") < CHRF.sentence("파일을 엽니다 지금 바로", "파일을 엽니다"));
    }

    @Test
    void corpusChrFSumsStatisticsWhileTheMeanAveragesSentences() {
        List<String> hyp = List.of("파일을 엽니다", "창");
        List<String> ref = List.of("파일을 엽니다", "대화 상자");
        ChrF.Statistics sum = CHRF.statistics(hyp.get(0), ref.get(0)).plus(CHRF.statistics(hyp.get(1), ref.get(1)));
        assertEquals(CHRF.score(sum), CHRF.corpus(hyp, ref), 1e-12);
        assertEquals((100 + 0) / 2.0, CHRF.meanSentenceScore(hyp, ref), 1e-12);
        assertTrue(CHRF.corpus(hyp, ref) > 50, "the long exact match dominates the summed counts");
        var e = assertThrows(IllegalArgumentException.class, () -> CHRF.corpus(hyp, List.of("x")));
        assertEquals("2 hypotheses for 1 references: give one hypothesis per reference", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChrF(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new ChrF(6, Double.NaN));
    }

    /** Per order on every pair, and per sentence where both sides have six characters or more (see ChrF). */
    @Test
    void chrFAgreesWithNltkOnRealHelpSentences() throws IOException {
        int compared = 0;
        int sentences = 0;
        List<String> longHyp = new ArrayList<>();
        List<String> longRef = new ArrayList<>();
        for (String[] row : fixture("nltk-chrf.tsv")) {
            String hyp = row[1];
            String ref = row[2];
            ChrF.Statistics s = CHRF.statistics(hyp, ref);
            for (int n = 1; n <= 6; n++) {
                double nltk = Double.parseDouble(row[2 + n]);
                if (s.hypothesis()[n - 1] > 0 && s.reference()[n - 1] > 0) {
                    // NLTK gives 1e-16 instead of 0 when nothing matches.
                    assertEquals(nltk < 1e-15 ? 0 : nltk, CHRF.fScore(n - 1, s), 1e-12, row[0] + " order " + n + ": " + hyp);
                    compared++;
                } else {
                    assertEquals(1e-16, nltk, 0, "NLTK's value for an order one side lacks");
                }
            }
            if (ChrF.characters(hyp).length >= 6 && ChrF.characters(ref).length >= 6) {
                assertEquals(100 * Double.parseDouble(row[9]), CHRF.sentence(hyp, ref), 1e-9, hyp);
                longHyp.add(hyp);
                longRef.add(ref);
                sentences++;
            }
        }
        assertEquals(300 * 6, compared + missingOrders(), "every order of every pair was looked at");
        assertTrue(sentences > 150, "only " + sentences + " long pairs");
        assertTrue(compared > 1_200, "only " + compared + " orders compared");
        // NLTK's corpus_chrf is the mean of its sentence scores: the same as ours on these pairs.
        double nltkMean = 0;
        for (String[] row : fixture("nltk-chrf.tsv")) {
            if (ChrF.characters(row[1]).length >= 6 && ChrF.characters(row[2]).length >= 6) {
                nltkMean += 100 * Double.parseDouble(row[9]);
            }
        }
        assertEquals(nltkMean / sentences, CHRF.meanSentenceScore(longHyp, longRef), 1e-9);
    }

    private int missingOrders() throws IOException {
        int missing = 0;
        for (String[] row : fixture("nltk-chrf.tsv")) {
            ChrF.Statistics s = CHRF.statistics(row[1], row[2]);
            for (int n = 0; n < 6; n++) {
                missing += s.hypothesis()[n] == 0 || s.reference()[n] == 0 ? 1 : 0;
            }
        }
        return missing;
    }

    @Test
    void bleuMatchesAHandComputedCase() {
        List<String> hyp = List.of("the", "cat", "sat", "on", "the", "mat");
        List<String> ref = List.of("the", "cat", "sat", "on", "a", "mat", "today");
        // Clipped precisions 5/6, 3/5, 2/4, 1/3; c = 6 < r = 7: brevity exp(1 - 7/6).
        double expected = 100 * Math.exp(1 - 7 / 6.0)
                * Math.exp((Math.log(5 / 6.0) + Math.log(3 / 5.0) + Math.log(2 / 4.0) + Math.log(1 / 3.0)) / 4);
        assertEquals(expected, Bleu.STANDARD.corpus(List.of(hyp), List.of(ref)), 1e-12);
        assertEquals(100, Bleu.STANDARD.corpus(List.of(ref), List.of(ref)), 1e-12);
        assertEquals(0, Bleu.STANDARD.corpus(List.of(List.of("a", "b", "c")), List.of(List.of("a", "b", "c", "d"))),
                "no 4-gram can match: 0 without smoothing");
        // Korean words keep their particles: "창을" and "창" are different tokens.
        assertEquals(0, new Bleu(1).corpusOfTexts(List.of("창을"), List.of("창")));
        assertEquals(100, Bleu.STANDARD.corpusOfTexts(List.of("[인쇄] 대화 상자를 엽니다."),
                List.of("[인쇄] 대화 상자를 엽니다.")), 1e-12);
    }

    @Test
    void bleuAgreesWithNltkOnRealHelpSentences() throws IOException {
        List<String[]> rows = fixture("nltk-chrf.tsv");
        int nonZero = 0;
        for (String[] expected : fixture("nltk-bleu.tsv")) {
            boolean longOnly = expected[0].endsWith("_long");
            String kind = expected[0].replace("_long", "");
            List<List<String>> hyp = new ArrayList<>();
            List<List<String>> ref = new ArrayList<>();
            for (String[] row : rows) {
                List<String> h = whitespaceTokens(row[1]);
                if ((kind.equals("all") || kind.equals(row[0])) && (!longOnly || h.size() >= 4)) {
                    hyp.add(h);
                    ref.add(whitespaceTokens(row[2]));
                }
            }
            double nltk = Double.parseDouble(expected[1]);
            // Without smoothing NLTK 3.8 returns a number near 1e-155 (not 0) when some order has no match.
            double reference = nltk < 1e-100 ? 0 : 100 * nltk;
            double ours = Bleu.STANDARD.corpus(hyp, ref);
            if (longOnly) {
                assertEquals(reference, ours, 1e-9, expected[0]);
                nonZero += ours > 0 ? 1 : 0;
            } else {
                // NLTK counts a hypothesis shorter than n tokens as one n-gram of order n: never above ours.
                assertTrue(reference <= ours + 1e-9, expected[0] + ": NLTK " + reference + " > " + ours);
            }
        }
        assertTrue(nonZero >= 2, "the comparison needs subsets with matches of every order");
    }

    private static List<String> whitespaceTokens(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("(?U)\\s+"));
    }

    /** The rows of a fixture file after its comment and header lines. */
    private static List<String[]> fixture(String name) throws IOException {
        try (InputStream in = MetricsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name + " (scripts/make-metric-fixtures)");
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
            return lines.subList(1, lines.size()).stream().map(l -> l.split("\t", -1)).toList();
        }
    }
}
