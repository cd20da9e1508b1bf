package io.rnnkit.translate;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import io.rnnkit.text.io.AtomicFiles;

/**
 * A translation's attention as a heat map: one row per target token, one column per source token, darker = more
 * weight; source tokens on top (rotated), target tokens on the left. Labels use the first installed font that can
 * show all of them (Debian's fonts-nanum for Hangul); {@link #labelsReadable} says whether one was found.
 */
public final class AttentionHeatMap {
    private static final int CELL = 22;

    private AttentionHeatMap() {
    }

    /** The heat map as an image. */
    public static BufferedImage render(Translation t) {
        List<String> src = t.sourceTokens();
        List<String> tgt = t.targetTokens();
        Font font = fontFor(String.join("", src) + String.join("", tgt));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int left = 10 + widest(fm, tgt);
        int top = 10 + widest(fm, src);
        pg.dispose();
        int width = left + CELL * Math.max(1, src.size()) + 10;
        int height = top + CELL * Math.max(1, tgt.size()) + 10;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(font);
        float[][] a = t.attention();
        for (int r = 0; r < tgt.size() && r < a.length; r++) {
            for (int c = 0; c < src.size() && c < a[r].length; c++) {
                float w = Math.max(0f, Math.min(1f, a[r][c]));
                int shade = Math.round(255 * (1 - w));
                g.setColor(new Color(shade, shade, 255));
                g.fillRect(left + c * CELL, top + r * CELL, CELL, CELL);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left, top, CELL * src.size(), CELL * tgt.size());
        g.setColor(Color.BLACK);
        for (int r = 0; r < tgt.size(); r++) {
            String label = display(tgt.get(r));
            g.drawString(label, left - 5 - fm.stringWidth(label), top + r * CELL + (CELL + fm.getAscent()) / 2 - 2);
        }
        AffineTransform plain = g.getTransform();
        for (int c = 0; c < src.size(); c++) {
            String label = display(src.get(c));
            g.setTransform(plain);
            g.translate(left + c * CELL + (CELL + fm.getAscent()) / 2 - 2, top - 5);
            g.rotate(-Math.PI / 2);
            g.drawString(label, 0, 0);
        }
        g.dispose();
        return img;
    }

    /** Writes the heat map as a PNG, atomically (a temporary file renamed into place). */
    public static void writePng(Translation t, Path file) {
        BufferedImage image = render(t);
        try {
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether an installed font can show every label of {@code t}. */
    public static boolean labelsReadable(Translation t) {
        String all = String.join("", t.sourceTokens()) + String.join("", t.targetTokens());
        return fontFor(all).canDisplayUpTo(all) == -1;
    }

    private static String display(String token) {
        return token.replace("\u2581", "_");
    }

    private static int widest(FontMetrics fm, List<String> labels) {
        int w = 0;
        for (String s : labels) {
            w = Math.max(w, fm.stringWidth(display(s)));
        }
        return w;
    }

    /** SansSerif when it shows the text, else the first installed font that does, else SansSerif. */
    private static Font fontFor(String text) {
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        String probe = display(text);
        if (plain.canDisplayUpTo(probe) == -1) {
            return plain;
        }
        for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
            if (f.canDisplayUpTo(probe) == -1) {
                return f.deriveFont(Font.PLAIN, 13f);
            }
        }
        return plain;
    }
}
