package io.rnnkit.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void helpParagraphsAreTheElementsWithIdsOfTheDisplayAreaEachOnce() {
        String html = "<html><body><nav><p id=\"nav1\">메뉴</p></nav><div id=\"DisplayArea\">"
                + "<h1 id=\"hd_id1\">폰트워크 맞춤</h1>"
                + "<p id=\"par_id2\">[폰트워크 맞춤] 창을   엽니다.</p>"
                + "<table><tr><td id=\"cell\"><p id=\"par_id3\">셀 안의 문단</p></td><td id=\"par_id4\">셀 <b>텍스트</b></td></tr></table>"
                + "<p id=\"empty\"> </p><p>id 없는 문단</p></div></body></html>";
        assertEquals(List.of(new HtmlText.Paragraph("hd_id1", "폰트워크 맞춤"),
                new HtmlText.Paragraph("par_id2", "[폰트워크 맞춤] 창을 엽니다."),
                new HtmlText.Paragraph("par_id3", "셀 안의 문단"),
                new HtmlText.Paragraph("par_id4", "셀 텍스트")), HtmlText.helpParagraphs(html));
    }

    @Test
    void docbookBlocksSkipTheTableOfContentsAndNavigationAndNestedParagraphs() {
        String html = "<html><body><div class=\"navheader\">이전 다음</div><div class=\"toc\"><dl><dt>1.1 목차</dt></dl></div>"
                + "<h2>1.1. 이 FAQ는 무엇인가요?</h2><p>\n이 문서는\n질문을 드립니다.\n</p>"
                + "<ul><li><p>목록 문단</p></li><li>짧은 항목</li></ul><pre>apt-get install\n  x</pre>"
                + "<div class=\"navfooter\">위로</div></body></html>";
        assertEquals(List.of("1.1. 이 FAQ는 무엇인가요?", "이 문서는 질문을 드립니다.", "목록 문단", "짧은 항목",
                "apt-get install\n  x"), HtmlText.blocks(html));
    }

    @Test
    void invisibleCharactersAreDropped() {
        // The FAQ's slip: a Hangul choseong filler inside a word ("줄ᅟ인").
        String html = "<html><body><p>이름을 줄\u115F인 것\u200B입니다\uFEFF.</p><pre>a\u00ADb\n  \u3164c</pre></body></html>";
        assertEquals(List.of("이름을 줄인 것입니다.", "ab\n  c"), HtmlText.blocks(html));
        assertEquals("😀 ok", HtmlText.visible("😀\uDB40\uDC01 ok"));   // U+E0001, a language tag
        assertEquals("한국어", HtmlText.visible("한국어"));
        assertEquals(List.of(new HtmlText.Paragraph("p1", "셀")), HtmlText.helpParagraphs(
                "<div id=\"DisplayArea\"><p id=\"p1\">\u1160셀</p></div>"));
    }

    @Test
    void helpTextIsSplitByPageDeduplicatedAndKoreanOnly() throws IOException {
        Path text = Files.createDirectories(dir.resolve("text/shared"));
        // Find page names for each part, so the test does not depend on where SHA-256 happens to put them.
        Map<String, String> pageOf = new java.util.HashMap<>();
        for (int i = 0; pageOf.size() < 3; i++) {
            pageOf.putIfAbsent(DerivedDatasets.partOf("shared/p" + i + ".html"), "p" + i);
        }
        page(text, pageOf.get("train"), "<p id=\"a\">첫 문단</p><p id=\"b\">반복되는 문단</p><p id=\"c\">English only</p>");
        page(text, pageOf.get("test"), "<p id=\"a\">반복되는 문단</p><p id=\"b\">시험 문단 2</p>");
        page(text, pageOf.get("valid"), "<p id=\"a\">검증 문단</p>");
        Path out = dir.resolve("out");
        Map<String, Integer> counts = DerivedDatasets.helpText(dir.resolve("text"), out);
        boolean trainFirst = pageOf.get("train").compareTo(pageOf.get("test")) < 0;
        String train = Files.readString(out.resolve("train.txt"));
        String test = Files.readString(out.resolve("test.txt"));
        assertFalse(train.contains("English only") || test.contains("English only"), "no Korean: left out");
        assertEquals("검증 문단\n\n", Files.readString(out.resolve("valid.txt")));
        // A repeated paragraph is written where it first occurs in path order.
        assertEquals(trainFirst ? "첫 문단\n반복되는 문단\n\n" : "첫 문단\n\n", train);
        assertEquals(trainFirst ? "시험 문단 2\n\n" : "반복되는 문단\n시험 문단 2\n\n", test);
        assertEquals(trainFirst ? Map.of("train", 2, "valid", 1, "test", 1) : Map.of("train", 1, "valid", 1, "test", 2),
                counts);
    }

    @Test
    void helpPairsJoinOnPageAndIdKeepKoreanOnlyWriteEachEnglishOnceAndSplitByPage() throws IOException {
        Path en = Files.createDirectories(dir.resolve("en/text/shared"));
        Path ko = Files.createDirectories(dir.resolve("ko/text/shared"));
        Map<String, String> pageOf = new java.util.HashMap<>();
        for (int i = 0; pageOf.size() < 3; i++) {
            pageOf.putIfAbsent(DerivedDatasets.partOf("shared/p" + i + ".html"), "p" + i);
        }
        String train = pageOf.get("train");
        String test = pageOf.get("test");
        page(en, train, "<p id=\"a\">Opens the Print dialog.</p><p id=\"b\">Untranslated</p><p id=\"c\">Only in English</p>"
                + "<p id=\"d\">Twice</p><p id=\"d\">Twice again</p><h2 id=\"h\">Print</h2>");
        page(ko, train, "<p id=\"b\">Untranslated</p><p id=\"a\">[인쇄] 대화 상자를 엽니다.</p><p id=\"d\">두 번</p>"
                + "<p id=\"e\">한국어에만</p><h2 id=\"h\">인쇄</h2>");
        page(en, test, "<p id=\"x\">Print</p><p id=\"y\">Opens\tthe page.</p>");
        page(ko, test, "<p id=\"x\">인쇄하기</p><p id=\"y\">페이지를 엽니다.</p>");
        page(en, pageOf.get("valid"), "<p id=\"v\">No Korean page</p>");
        Path out = dir.resolve("out");
        Map<String, Integer> counts = DerivedDatasets.helpPairs(dir.resolve("en/text"), dir.resolve("ko/text"), out);

        boolean trainFirst = train.compareTo(test) < 0;
        String header = DerivedDatasets.PAIRS_HEADER + "\n";
        // Joined on the id, not the position; "b" has no Hangul, "c" and "e" no partner, "d" is ambiguous.
        assertEquals(header + "Opens the Print dialog.\t[인쇄] 대화 상자를 엽니다.\tshared/" + train + ".html#a\n"
                        + (trainFirst ? "Print\t인쇄\tshared/" + train + ".html#h\n" : ""),
                Files.readString(out.resolve("train.tsv")));
        // "Print" is written once, where it first occurs in path order; a tab inside a paragraph became a space.
        assertEquals(header + (trainFirst ? "" : "Print\t인쇄하기\tshared/" + test + ".html#x\n")
                        + "Opens the page.\t페이지를 엽니다.\tshared/" + test + ".html#y\n",
                Files.readString(out.resolve("test.tsv")));
        assertEquals(header, Files.readString(out.resolve("valid.tsv")));
        assertEquals(trainFirst ? Map.of("train", 2, "valid", 0, "test", 1) : Map.of("train", 1, "valid", 0, "test", 2),
                counts);
    }

    @Test
    void theFetchedHelpPairsAreDerivedAgainByteForByte() throws Exception {
        Assumptions.assumeTrue(Datasets.isPresent(Datasets.LIBREOFFICE_HELP_KO)
                && Datasets.isPresent(Datasets.LIBREOFFICE_HELP_EN_US),
                "scripts/fetch-datasets libreoffice-help-en-us libreoffice-help-ko");
        Path pairs = dir.resolve("pairs");
        Map<String, Integer> counts = DerivedDatasets.helpPairs(
                Datasets.dir(Datasets.LIBREOFFICE_HELP_EN_US).resolve("text"),
                Datasets.dir(Datasets.LIBREOFFICE_HELP_KO).resolve("text"), pairs);
        assertEquals(pinned(DerivedDatasets.EN_KO_HELP_PAIRS), contentSha(pairs));
        assertEquals(Map.of("train", 14232, "valid", 1790, "test", 2105), counts);
        assertTrue(Files.readString(pairs.resolve("train.tsv")).contains(
                "Opens the Fontwork Alignment window.\t[폰트워크 맞춤] 창을 엽니다.\tshared/fontwork_toolbar.html#"));
    }

    @Test
    void otherLanguagesKeepTheParagraphsThatDifferFromTheEnglish() throws IOException {
        Path en = Files.createDirectories(dir.resolve("en2/text/shared"));
        Path fr = Files.createDirectories(dir.resolve("fr2/text/shared"));
        String page = "p0";
        String part = DerivedDatasets.partOf("shared/p0.html");
        page(en, page, "<p id=\"a\">Opens the Print dialog.</p><p id=\"b\">LibreOffice Basic</p>");
        page(fr, page, "<p id=\"a\">Ouvre la boîte de dialogue Imprimer.</p><p id=\"b\">LibreOffice Basic</p>");
        Path out = dir.resolve("out-fr");
        Map<String, Integer> counts = DerivedDatasets.helpPairs(dir.resolve("en2/text"), dir.resolve("fr2/text"), "fr",
                out);
        assertEquals("en\tfr\tsource\nOpens the Print dialog.\tOuvre la boîte de dialogue Imprimer.\tshared/p0.html#a\n",
                Files.readString(out.resolve(part + ".tsv")));
        assertEquals(1, counts.get(part));
    }

    @Test
    void theFetchedFrenchPairsAreDerivedAgainByteForByte() throws Exception {
        Assumptions.assumeTrue(Datasets.isPresent(Datasets.LIBREOFFICE_HELP_FR)
                && Datasets.isPresent(Datasets.LIBREOFFICE_HELP_EN_US),
                "scripts/fetch-datasets libreoffice-help-en-us libreoffice-help-fr");
        Path pairs = dir.resolve("pairs-fr");
        Map<String, Integer> counts = DerivedDatasets.helpPairs(
                Datasets.dir(Datasets.LIBREOFFICE_HELP_EN_US).resolve("text"),
                Datasets.dir(Datasets.LIBREOFFICE_HELP_FR).resolve("text"), "fr", pairs);
        assertEquals(pinned(DerivedDatasets.EN_FR_HELP_PAIRS), contentSha(pairs));
        assertEquals(Map.of("train", 26712, "valid", 3324, "test", 3419), counts);
    }

    @Test
    void theFetchedKoreanTextsAreDerivedAgainByteForByte() throws Exception {
        Assumptions.assumeTrue(Datasets.isPresent(Datasets.LIBREOFFICE_HELP_KO) && Datasets.isPresent(Datasets.DEBIAN_FAQ_KO),
                "scripts/fetch-datasets libreoffice-help-ko debian-faq-ko");
        Path help = dir.resolve("help");
        Map<String, Integer> counts = DerivedDatasets.helpText(Datasets.dir(Datasets.LIBREOFFICE_HELP_KO).resolve("text"), help);
        assertEquals(pinned(DerivedDatasets.KO_HELP_TEXT), contentSha(help));
        assertTrue(counts.get("train") > 8 * counts.get("test") / 2, counts.toString());
        Path faq = dir.resolve("faq");
        DerivedDatasets.faqText(Datasets.dir(Datasets.DEBIAN_FAQ_KO), faq);
        assertEquals(pinned(DerivedDatasets.KO_FAQ_TEXT), contentSha(faq));
    }

    private static void page(Path dir, String name, String body) throws IOException {
        Files.writeString(dir.resolve(name + ".html"), "<html><body><div id=\"DisplayArea\">" + body + "</div></body></html>");
    }

    /** The checksum datasets/manifest.tsv pins for {@code name}. */
    private static String pinned(String name) throws IOException {
        for (String line : Files.readAllLines(Datasets.root().resolve("manifest.tsv"))) {
            String[] f = line.split("\t");
            if (f[0].equals(name)) {
                return f[5];
            }
        }
        throw new AssertionError("no row " + name + " in the manifest");
    }

    /** scripts/fetch-datasets' content checksum: one file's sha256, else that of the sorted sha256sum listing. */
    private static String contentSha(Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted((a, b) -> ("./" + dir.relativize(a)).compareTo("./" + dir.relativize(b))).toList();
        }
        if (files.size() == 1) {
            return sha(Files.readAllBytes(files.get(0)));
        }
        StringBuilder listing = new StringBuilder();
        for (Path f : files) {
            listing.append(sha(Files.readAllBytes(f))).append("  ./").append(dir.relativize(f)).append('\n');
        }
        return sha(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
