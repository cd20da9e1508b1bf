package io.rnnkit.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Datasets that rnnkit derives from fetched ones (text extracted from HTML), written by this code so that the
 * derivation is tested and its output pinned by checksum in {@code datasets/manifest.tsv} like any fetched file.
 * {@code scripts/fetch-datasets} runs {@link #main} for the manifest's {@code derived} rows.
 *
 * <ul>
 *   <li>{@value #KO_HELP_TEXT}: Korean prose from the LibreOffice help ({@code libreoffice-help-ko}): every
 *       paragraph of every page ({@link HtmlText#helpParagraphs}) that has Korean in it (at least one Hangul
 *       syllable: the Korean help leaves some pages, e.g. on Python macros, in English), one per line, a blank
 *       line after each page,
 *       split <em>by page</em> into {@code train.txt}, {@code valid.txt} and {@code test.txt} (about 80/10/10 by
 *       the SHA-256 of the page's path, so near-identical paragraphs of one page never straddle two files). A
 *       paragraph already written (the help repeats many, e.g. "Choose Format - Character") is written once, where
 *       it first occurs in path order: the test text measures unseen paragraphs, not recall of boilerplate.</li>
 *   <li>{@value #EN_KO_HELP_PAIRS}: English–Korean paragraph pairs of the same help
 *       ({@code libreoffice-help-en-us} and {@code libreoffice-help-ko}), joined on page and paragraph id
 *       ({@link #helpPairs}), as {@code train.tsv}, {@code valid.tsv} and {@code test.tsv} split by page exactly as
 *       {@value #KO_HELP_TEXT} is (so a translation model's test pages are the character model's test pages).</li>
 *   <li>{@value #EN_FR_HELP_PAIRS}: the same for the French help ({@code libreoffice-help-fr}), a paragraph kept
 *       when its French differs from its English: the translator's second language pair.</li>
 *   <li>{@value #KO_FAQ_TEXT}: the Korean Debian FAQ ({@code debian-faq-ko}), its pages' text blocks
 *       ({@link HtmlText#blocks}) with Korean in them, in chapter order, as {@code faq.txt}: a test text from
 *       another domain.</li>
 * </ul>
 */
public final class DerivedDatasets {
    /** Korean help text, split by page. */
    public static final String KO_HELP_TEXT = "ko-help-text";
    /** English–Korean help paragraph pairs, split by page. */
    public static final String EN_KO_HELP_PAIRS = "en-ko-help-pairs";
    /** English–French help paragraph pairs, split by page: the second language pair of the translator. */
    public static final String EN_FR_HELP_PAIRS = "en-fr-help-pairs";
    /** The header line of the English–Korean pairs files. */
    public static final String PAIRS_HEADER = "en\tko\tsource";
    /** The Korean Debian FAQ as text. */
    public static final String KO_FAQ_TEXT = "ko-faq-text";

    /** The FAQ's chapters in reading order (the files' names sort otherwise). */
    private static final List<String> FAQ_CHAPTERS = List.of("index", "basic-defs", "getting-debian", "choosing",
            "compatibility", "software", "nextrelease", "ftparchives", "pkg-basics", "pkgtools", "uptodate",
            "kernel", "customizing", "support", "contributing", "redistributing", "faqinfo");

    private DerivedDatasets() {
    }

    /** {@code DerivedDatasets NAME SOURCE_DIR OUT_DIR}: derives one dataset from its fetched source. */
    public static void main(String[] args) throws IOException {
        boolean pairs = args.length > 0 && (args[0].equals(EN_KO_HELP_PAIRS) || args[0].equals(EN_FR_HELP_PAIRS));
        if (args.length != (pairs ? 4 : 3)) {
            System.err.println("usage: DerivedDatasets " + KO_HELP_TEXT + "|" + KO_FAQ_TEXT + " SOURCE_DIR OUT_DIR\n"
                    + "       DerivedDatasets " + EN_KO_HELP_PAIRS + "|" + EN_FR_HELP_PAIRS
                    + " ENGLISH_TEXT_DIR OTHER_TEXT_DIR OUT_DIR");
            System.exit(2);
        }
        Path source = Path.of(args[1]);
        Path out = Path.of(args[args.length - 1]);
        switch (args[0]) {
            case EN_KO_HELP_PAIRS -> helpPairs(source, Path.of(args[2]), out);
            case EN_FR_HELP_PAIRS -> helpPairs(source, Path.of(args[2]), "fr", out);
            case KO_HELP_TEXT -> helpText(source, out);
            case KO_FAQ_TEXT -> faqText(source, out);
            default -> {
                System.err.println("DerivedDatasets: unknown dataset '" + args[0] + "'");
                System.exit(2);
            }
        }
    }

    /**
     * Writes {@code train.txt}, {@code valid.txt} and {@code test.txt} of the help pages under {@code textDir}
     * (the help's {@code text/} folder) into {@code out}.
     *
     * @return how many paragraphs went into each file
     */
    public static Map<String, Integer> helpText(Path textDir, Path out) throws IOException {
        List<Path> pages = htmlFiles(textDir);
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no help pages (*.html) under " + textDir);
        }
        Map<String, StringBuilder> texts = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String part : List.of("train", "valid", "test")) {
            texts.put(part, new StringBuilder());
            counts.put(part, 0);
        }
        Set<String> seen = new HashSet<>();
        for (Path page : pages) {
            String relative = textDir.relativize(page).toString().replace('\\', '/');
            String part = partOf(relative);
            StringBuilder text = texts.get(part);
            int written = 0;
            for (HtmlText.Paragraph p : HtmlText.helpParagraphs(Files.readString(page, StandardCharsets.UTF_8))) {
                if (hasHangul(p.text()) && seen.add(p.text())) {
                    text.append(p.text()).append('\n');
                    written++;
                }
            }
            if (written > 0) {
                text.append('\n');
                counts.merge(part, written, Integer::sum);
            }
        }
        Files.createDirectories(out);
        for (Map.Entry<String, StringBuilder> e : texts.entrySet()) {
            Files.writeString(out.resolve(e.getKey() + ".txt"), e.getValue(), StandardCharsets.UTF_8);
        }
        return counts;
    }

    /**
     * Writes {@code train.tsv}, {@code valid.tsv} and {@code test.tsv} of aligned help paragraphs into {@code out}:
     * a header ({@value #PAIRS_HEADER}), then one {@code english<TAB>korean<TAB>page#id} line per pair. A pair is
     * a paragraph id present once in the English page and once in the Korean page of the same path (an id found
     * twice in either page is ambiguous and left out) whose Korean has Hangul in it (the Korean help leaves some
     * pages in English). An English paragraph already written is not written again, wherever it occurs (the help
     * repeats many, e.g. "Choose Format - Character"), so no test English is seen in training. Pages are read in
     * path order and split as {@link #helpText} splits them.
     *
     * @return how many pairs went into each file
     */
    public static Map<String, Integer> helpPairs(Path englishTextDir, Path koreanTextDir, Path out)
            throws IOException {
        return helpPairs(englishTextDir, koreanTextDir, "ko", out);
    }

    /**
     * {@link #helpPairs(Path, Path, Path)} for the help in another language {@code language} ({@code ko},
     * {@code fr}, …): the header names it ({@code en<TAB>fr<TAB>source}), and a paragraph counts as translated when
     * it has Hangul in it (Korean) or, for other languages, when it differs from the English.
     */
    public static Map<String, Integer> helpPairs(Path englishTextDir, Path otherTextDir, String language, Path out)
            throws IOException {
        boolean hangul = language.equals("ko");
        String header = "en\t" + language + "\tsource";
        List<Path> pages = htmlFiles(englishTextDir);
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no help pages (*.html) under " + englishTextDir);
        }
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String part : List.of("train", "valid", "test")) {
            files.put(part, new StringBuilder(header).append('\n'));
            counts.put(part, 0);
        }
        Set<String> seenEnglish = new HashSet<>();
        for (Path page : pages) {
            String relative = englishTextDir.relativize(page).toString().replace('\\', '/');
            Path otherPage = otherTextDir.resolve(relative);
            if (!Files.isRegularFile(otherPage)) {
                continue;
            }
            Map<String, String> other = uniqueIds(HtmlText.helpParagraphs(
                    Files.readString(otherPage, StandardCharsets.UTF_8)));
            Map<String, String> english = uniqueIds(HtmlText.helpParagraphs(
                    Files.readString(page, StandardCharsets.UTF_8)));
            String part = partOf(relative);
            for (Map.Entry<String, String> e : english.entrySet()) {
                String translation = other.get(e.getKey());
                boolean translated = translation != null
                        && (hangul ? hasHangul(translation) : !translation.equals(e.getValue()));
                if (!translated || !seenEnglish.add(e.getValue())) {
                    continue;
                }
                files.get(part).append(oneField(e.getValue())).append('\t').append(oneField(translation)).append('\t')
                        .append(relative).append('#').append(e.getKey()).append('\n');
                counts.merge(part, 1, Integer::sum);
            }
        }
        Files.createDirectories(out);
        for (Map.Entry<String, StringBuilder> e : files.entrySet()) {
            Files.writeString(out.resolve(e.getKey() + ".tsv"), e.getValue(), StandardCharsets.UTF_8);
        }
        return counts;
    }

    /** The paragraphs by id in document order, without the ids that occur more than once. */
    private static Map<String, String> uniqueIds(List<HtmlText.Paragraph> paragraphs) {
        Map<String, String> byId = new LinkedHashMap<>();
        Set<String> repeated = new HashSet<>();
        for (HtmlText.Paragraph p : paragraphs) {
            if (byId.putIfAbsent(p.id(), p.text()) != null) {
                repeated.add(p.id());
            }
        }
        byId.keySet().removeAll(repeated);
        return byId;
    }

    /** A paragraph as one TSV field: tabs and line breaks (none in extracted text, but never trusted) as spaces. */
    private static String oneField(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** Writes {@code faq.txt} of the FAQ pages in {@code faqDir} into {@code out}; returns its block count. */
    public static int faqText(Path faqDir, Path out) throws IOException {
        StringBuilder text = new StringBuilder();
        int blocks = 0;
        for (String chapter : FAQ_CHAPTERS) {
            Path page = faqDir.resolve(chapter + ".ko.html");
            if (!Files.isRegularFile(page)) {
                throw new IllegalArgumentException("the FAQ has no chapter " + page);
            }
            for (String block : HtmlText.blocks(Files.readString(page, StandardCharsets.UTF_8))) {
                if (hasHangul(block)) {
                    text.append(block).append('\n');
                    blocks++;
                }
            }
            text.append('\n');
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("faq.txt"), text, StandardCharsets.UTF_8);
        return blocks;
    }

    private static boolean hasHangul(String text) {
        return io.rnnkit.text.Hangul.countSyllables(text) > 0;
    }

    /** The part a help page belongs to: {@code test} and {@code valid} one tenth each, by its path's SHA-256. */
    static String partOf(String relativePath) {
        int bucket;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(relativePath.getBytes(StandardCharsets.UTF_8));
            bucket = Math.floorMod(h[0] & 0xFF, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        return bucket == 0 ? "test" : bucket == 1 ? "valid" : "train";
    }

    private static List<Path> htmlFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = new ArrayList<>(s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".html")).toList());
            files.sort((a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
