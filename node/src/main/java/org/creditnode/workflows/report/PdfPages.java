package org.creditnode.workflows.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A top-to-bottom writer over A4 pages: wrapped lines of Chinese text in one embedded font, a new
 * page when the next block does not fit, and a page number on each. Characters the font lacks are
 * drawn as "?" rather than failing the whole report.
 */
final class PdfPages implements AutoCloseable {
    static final float MARGIN = 50;
    private static final PDRectangle SIZE = PDRectangle.A4;

    private final PDDocument doc;
    private final PDType0Font font;
    private final Map<Integer, Float> widths = new HashMap<>();
    private PDPageContentStream cs;
    private float y;
    private int pages;

    PdfPages(PDDocument doc, PDType0Font font) throws IOException {
        this.doc = doc;
        this.font = font;
        newPage();
    }

    float width() { return SIZE.getWidth() - 2 * MARGIN; }

    /** Room for {@code height} points below the cursor, else a new page. */
    void need(float height) throws IOException {
        if (y - height < MARGIN) newPage();
    }

    /** A wrapped paragraph at {@code indent}; returns nothing, moves the cursor down. */
    void text(String s, float size, float indent) throws IOException {
        for (String line : wrap(clean(s), size, width() - indent)) {
            need(size * 1.5f);
            y -= size * 1.5f;
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(MARGIN + indent, y);
            cs.showText(line);
            cs.endText();
        }
    }

    void gap(float points) {
        y -= points;
    }

    /** A text at an absolute place on the current page (chart labels). */
    void textAt(String s, float size, float x, float atY) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, atY);
        cs.showText(clean(s));
        cs.endText();
    }

    float y() { return y; }

    PDPageContentStream canvas() { return cs; }

    float textWidth(String s, float size) {
        float w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += charWidth(cp) * size / 1000f;
            i += Character.charCount(cp);
        }
        return w;
    }

    private List<String> wrap(String s, float size, float max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            float cw = charWidth(cp) * size / 1000f;
            if (w + cw > max && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                w = 0;
            }
            line.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        if (line.length() > 0 || lines.isEmpty()) lines.add(line.toString());
        return lines;
    }

    /** Control characters become spaces and characters without a glyph "?" (their width is -1 in the cache). */
    private String clean(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) out.append(' ');
            else if (charWidth(cp) < 0) out.append('?');
            else out.appendCodePoint(cp);
        });
        return out.toString();
    }

    /** The glyph's advance in 1/1000 of the font size; -1 when the font has no glyph for it. */
    private float charWidth(int cp) {
        Float w = widths.get(cp);
        if (w == null) {
            try {
                w = font.getStringWidth(new String(Character.toChars(cp)));
            } catch (IOException | IllegalArgumentException e) {
                w = -1f;
            }
            widths.put(cp, w);
        }
        return w;
    }

    private void newPage() throws IOException {
        if (cs != null) cs.close();
        PDPage page = new PDPage(SIZE);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        pages++;
        cs.beginText();
        cs.setFont(font, 8);
        cs.newLineAtOffset(SIZE.getWidth() / 2 - 10, MARGIN / 2);
        cs.showText("第 " + pages + " 页");
        cs.endText();
        y = SIZE.getHeight() - MARGIN;
    }

    @Override
    public void close() throws IOException {
        if (cs != null) cs.close();
        cs = null;
    }
}
