package io.rnnkit.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The text of the HTML pages rnnkit's derived corpora come from, with jsoup: LibreOffice help pages (paragraphs
 * with ids, so that the same paragraph can be found in every language of the help) and DocBook pages such as the
 * Debian FAQ (text blocks in reading order). Whitespace is collapsed as a browser shows it; scripts, styles and
 * navigation are not text. Invisible characters (Unicode's default-ignorable code points, such as the zero-width
 * space U+200B and the Hangul fillers U+115F, U+1160 and U+3164, which the Korean FAQ has twice inside words as
 * typing slips) are dropped: they have no glyph, and a stray filler would stop a jamo model from reading the text.
 */
public final class HtmlText {
    private HtmlText() {
    }

    /**
     * One paragraph of a help page.
     *
     * @param id   the element's id, the same in every language of the help (e.g. {@code par_id3150008})
     * @param text its text, whitespace collapsed, never blank
     */
    public record Paragraph(String id, String text) {
        public Paragraph {
            Objects.requireNonNull(id, "id");
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("paragraph " + id + " has no text");
            }
        }
    }

    /**
     * The paragraphs of a LibreOffice help page: every {@code p}, {@code h1}–{@code h6} and {@code td} with an
     * id inside the page's display area, in document order; a cell or heading that holds paragraphs with ids of
     * its own gives those instead, so no text is counted twice. Elements without text are left out.
     */
    public static List<Paragraph> helpParagraphs(String html) {
        Document doc = Jsoup.parse(html);
        Element area = doc.getElementById("DisplayArea");
        Element root = area != null ? area : doc.body();
        List<Paragraph> out = new ArrayList<>();
        for (Element e : root.select("p[id], h1[id], h2[id], h3[id], h4[id], h5[id], h6[id], td[id]")) {
            if (!e.select("p[id], h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]").stream().allMatch(x -> x == e)) {
                continue; // its inner paragraphs are listed themselves
            }
            String text = visible(e.text()).strip();
            if (!text.isEmpty()) {
                out.add(new Paragraph(e.id(), text));
            }
        }
        return out;
    }

    /**
     * The text blocks of a DocBook HTML page in reading order: headings, paragraphs, list items and definition
     * terms without nested paragraphs, and preformatted blocks (kept line by line). The table of contents
     * ({@code div.toc}) and navigation ({@code div.navheader}, {@code div.navfooter}) are not text.
     */
    public static List<String> blocks(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("div.toc, div.navheader, div.navfooter, script, style").remove();
        List<String> out = new ArrayList<>();
        for (Element e : doc.body().select("h1, h2, h3, h4, h5, h6, p, li, dt, pre")) {
            if ((e.tagName().equals("li") || e.tagName().equals("dt")) && !e.select("p, pre").isEmpty()) {
                continue;
            }
            if (e.parents().stream().anyMatch(p -> p.tagName().equals("pre"))) {
                continue;
            }
            String text = visible(e.tagName().equals("pre") ? e.wholeText() : e.text()).strip();
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return out;
    }

    /**
     * {@code text} without its default-ignorable code points (Unicode's DerivedCoreProperties: soft hyphen, combining
     * grapheme joiner, zero-width and bidirectional controls, Hangul fillers, variation selectors, the byte-order
     * mark and other invisible characters).
     */
    public static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (isDefaultIgnorable(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    /** Unicode 15's Default_Ignorable_Code_Point ranges. */
    static boolean isDefaultIgnorable(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160
                || (cp >= 0x17B4 && cp <= 0x17B5) || (cp >= 0x180B && cp <= 0x180F)
                || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }
}
