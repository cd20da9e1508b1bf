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
 * navigation are not text.
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
            String text = e.text().strip();
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
            String text = e.tagName().equals("pre") ? e.wholeText().strip() : e.text().strip();
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return out;
    }
}
