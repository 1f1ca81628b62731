package dev.migrationworkbench.report;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/**
 * A small flowing layout on A4 pages: headings, wrapped paragraphs (Latin words and Japanese
 * characters both break correctly), key/value rows whose labels wrap in their column, command blocks in
 * a monospaced font, vector drawings, automatic page breaks, footers that never run into the page
 * number. One embedded font (IPAex Gothic, subset) covers both languages; characters it lacks are
 * drawn, character by character, in the first bundled Noto font that has them (Latin extended,
 * Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, Armenian, Georgian), embedded only when used.
 * Commands use Courier. PDFBox does no text shaping: Arabic letters appear in their isolated
 * forms and right-to-left text in logical order.
 */
final class PdfLayout implements AutoCloseable {

    static final float MARGIN = 50;
    private static final String FONT = "/fonts/ipaexg.ttf";
    /** Fallbacks for what IPAex Gothic lacks, in the order they are tried (assets/fonts, SIL OFL 1.1). */
    private static final List<FallbackFont> FALLBACKS = java.util.stream.Stream.of("NotoSans", "NotoSansHebrew",
            "NotoSansArabic", "NotoSansDevanagari", "NotoSansThai", "NotoSansArmenian", "NotoSansGeorgian")
            .map(name -> new FallbackFont("/fonts/" + name + "-Regular.ttf")).toList();
    private static final float[] TEXT = {0.12f, 0.16f, 0.2f};
    private static final float[] MUTED = {0.35f, 0.4f, 0.45f};

    private final PDDocument document;
    private final PDType0Font font;
    /** Commands in a monospaced font: Courier (one of the PDF's standard fonts), the text font for what it cannot show. */
    private final PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private final java.util.Map<Integer, Boolean> monoShowable = new java.util.HashMap<>();
    private final Font awtFont;
    private final List<PDPage> pages = new ArrayList<>();
    private final java.util.Map<Integer, Boolean> showable = new java.util.HashMap<>();
    /** The fallback fonts loaded into this document so far, by index in {@link #FALLBACKS}. */
    private final PDType0Font[] fallbacks = new PDType0Font[FALLBACKS.size()];
    private PDPageContentStream out;
    private float y;

    PdfLayout(PDDocument document) {
        this.document = document;
        try (InputStream in = PdfLayout.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("report font missing from the classpath: " + FONT);
            }
            byte[] bytes = in.readAllBytes();
            this.font = PDType0Font.load(document, new java.io.ByteArrayInputStream(bytes), true);
            this.awtFont = Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("cannot load the report font " + FONT, e);
        }
        newPage();
    }

    float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    /** The report font for drawings, at a size (the PDF gets the same embedded font). */
    Font awtFont(float size) {
        return awtFont.deriveFont(size);
    }

    List<PDPage> pages() {
        return pages;
    }

    void heading(String text, float size) {
        space(size * 0.8f);
        paragraph(text, size, TEXT, 0);
        space(size * 0.3f);
    }

    void paragraph(String text) {
        paragraph(text, 10, TEXT, 0);
    }

    void muted(String text) {
        paragraph(text, 9, MUTED, 0);
    }

    /** A shaded block for commands the user can copy, in a monospaced font. */
    void command(String text) {
        float size = 9;
        List<String> lines = wrap(text, size, width() - 16, this::monoWidth);
        float height = lines.size() * size * 1.35f + 8;
        ensure(height);
        fill(MARGIN, y - height, width(), height, 0.93f);
        y -= 4;
        for (String line : lines) {
            monoLine(line, MARGIN + 8, size);
        }
        y -= 4;
        space(3);
    }

    /** One line in Courier, any character Courier lacks (Japanese names) in the text font, run by run. */
    private void monoLine(String text, float x, float size) {
        float lineHeight = size * 1.35f;
        ensure(lineHeight);
        try {
            out.beginText();
            out.setNonStrokingColor(TEXT[0], TEXT[1], TEXT[2]);
            out.newLineAtOffset(x, y - size);
            for (String[] run : monoRuns(oneLine(text))) {
                if (run[0] != null) {
                    out.setFont(mono, size);
                    out.showText(run[1]);
                } else {
                    show(out, run[1], size);
                }
            }
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= lineHeight;
    }

    /** The text in runs of {mono or null, text}: Courier where it can show the characters, else the text font. */
    private List<String[]> monoRuns(String text) {
        List<String[]> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean[] inMono = {true};
        text.codePoints().forEach(cp -> {
            boolean m = monoCanShow(cp);
            if (m != inMono[0] && current.length() > 0) {
                runs.add(new String[] {inMono[0] ? "mono" : null, current.toString()});
                current.setLength(0);
            }
            inMono[0] = m;
            current.appendCodePoint(cp);
        });
        if (current.length() > 0) {
            runs.add(new String[] {inMono[0] ? "mono" : null, current.toString()});
        }
        return runs;
    }

    private boolean monoCanShow(int codePoint) {
        return monoShowable.computeIfAbsent(codePoint, cp -> {
            try {
                mono.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        });
    }

    float monoWidth(String text, float size) {
        float width = 0;
        for (String[] run : monoRuns(text)) {
            try {
                width += run[0] != null ? mono.getStringWidth(run[1]) / 1000f * size : textWidth(run[1], size);
            } catch (IOException | IllegalArgumentException e) {
                width += run[1].length() * size * 0.6f;
            }
        }
        return width;
    }

    /** Rows of two columns: a label and its value, the value wrapped. */
    void keyValues(List<String[]> rows) {
        float labelWidth = 150;
        float gap = 8;
        float size = 9.5f;
        for (String[] row : rows) {
            // a long label wraps in its column instead of running under the value
            List<String> label = wrap(row[0], size, labelWidth - gap);
            List<String> value = wrap(row[1] == null ? "—" : row[1], size, width() - labelWidth);
            ensure(Math.max(label.size(), value.size()) * size * 1.35f);
            float top = y;
            for (String part : label) {
                line(part, MARGIN, size, MUTED);
            }
            float belowLabel = y;
            y = top;
            for (String part : value) {
                line(part, MARGIN + labelWidth, size, TEXT);
            }
            y = Math.min(y, belowLabel);
        }
        space(4);
    }

    void indentedParagraph(String text, float indent, float size, boolean mutedText) {
        paragraph(text, size, mutedText ? MUTED : TEXT, indent);
    }

    /** A coloured bar with white text: severity badges and section bands. */
    void badge(String text, float[] rgb) {
        float size = 9;
        // a text wider than the page wraps inside a taller bar
        List<String> lines = wrap(oneLine(text), size, width() - 10);
        float lineHeight = size * 1.35f;
        float height = (lines.size() - 1) * lineHeight + size * 1.5f;
        ensure(height + size * 0.5f);
        float widest = 0;
        for (String line : lines) {
            widest = Math.max(widest, textWidth(line, size));
        }
        try {
            out.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
            out.addRect(MARGIN, y - height, widest + 10, height);
            out.fill();
            out.setNonStrokingColor(1f, 1f, 1f);
            float baseline = y - size * 1.1f;
            for (String line : lines) {
                out.beginText();
                out.newLineAtOffset(MARGIN + 5, baseline);
                show(out, line, size);
                out.endText();
                baseline -= lineHeight;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= height + size * 0.3f;
    }

    /** Draws a vector picture of the given height at the cursor (a chart, a diagram). */
    void drawing(float height, BiConsumer<Graphics2D, Rectangle2D> painter) {
        ensure(height);
        PdfBoxGraphics2D graphics;
        try {
            graphics = new PdfBoxGraphics2D(document, width(), height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PdfBoxGraphics2DFontTextDrawer text = new PdfBoxGraphics2DFontTextDrawer();
        text.registerFont(awtFont.getFontName(), font);
        graphics.setFontTextDrawer(text);
        painter.accept(graphics, new Rectangle2D.Double(0, 0, width(), height));
        graphics.dispose();
        PDFormXObject form = graphics.getXFormObject();
        try {
            out.saveGraphicsState();
            out.transform(org.apache.pdfbox.util.Matrix.getTranslateInstance(MARGIN, y - height));
            out.drawForm(form);
            out.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= height + 6;
    }

    void space(float points) {
        y -= points;
    }

    void rule() {
        ensure(8);
        try {
            out.setStrokingColor(0.8f, 0.82f, 0.85f);
            out.setLineWidth(0.6f);
            out.moveTo(MARGIN, y - 3);
            out.lineTo(MARGIN + width(), y - 3);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= 8;
    }

    /** Starts a new page when less than {@code height} points are left. */
    void ensure(float height) {
        if (y - height < MARGIN + 20) {
            newPage();
        }
    }

    /** Writes "page n / m" and a footer line on every page; call once at the end. */
    void footers(String left, java.util.function.IntFunction<String> pageLabel) {
        closeStream();
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream footer = new PDPageContentStream(document, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true)) {
                String label = pageLabel.apply(i + 1);
                // the footer wraps (at most two lines, then "…") short of the page number, never under it
                List<String> lines = wrap(oneLine(left), 8, width() - textWidth(label, 8) - 16);
                if (lines.size() > 2) {
                    lines = List.of(lines.get(0), ellipsize(lines.get(1), 8, width() - textWidth(label, 8) - 16));
                }
                footer.setNonStrokingColor(MUTED[0], MUTED[1], MUTED[2]);
                float baseline = MARGIN - 20;
                for (String line : lines) {
                    footer.beginText();
                    footer.newLineAtOffset(MARGIN, baseline);
                    show(footer, line, 8);
                    footer.endText();
                    baseline -= 10;
                }
                footer.beginText();
                footer.newLineAtOffset(MARGIN + width() - textWidth(label, 8), MARGIN - 20);
                show(footer, label, 8);
                footer.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void paragraph(String text, float size, float[] colour, float indent) {
        for (String hardLine : clean(text).split("\n", -1)) {
            for (String line : wrap(hardLine, size, width() - indent)) {
                line(line, MARGIN + indent, size, colour);
            }
        }
    }

    private void line(String text, float x, float size, float[] colour) {
        float lineHeight = size * 1.35f;
        ensure(lineHeight);
        try {
            out.beginText();
            out.setNonStrokingColor(colour[0], colour[1], colour[2]);
            out.newLineAtOffset(x, y - size);
            show(out, oneLine(text), size);
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= lineHeight;
    }

    private void fill(float x, float yBottom, float w, float h, float grey) {
        try {
            out.setNonStrokingColor(grey, grey, grey + 0.02f);
            out.addRect(x, yBottom, w, h);
            out.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} shortened with "…" to fit {@code maxWidth}. */
    private String ellipsize(String text, float size, float maxWidth) {
        String out = text + "…";
        while (textWidth(out, size) > maxWidth && out.length() > 1) {
            out = out.substring(0, out.offsetByCodePoints(out.length() - 1, -1)) + "…";
        }
        return out;
    }

    /**
     * Greedy line breaking. Break opportunities: spaces, after '/', '-', ',' and around every CJK
     * character (Japanese has no spaces between words). A token wider than the line is cut.
     */
    List<String> wrap(String text, float size, float maxWidth) {
        return wrap(text, size, maxWidth, this::textWidth);
    }

    /** How wide a text is at a size, in the font it will be drawn in. */
    interface Measure {
        float width(String text, float size);
    }

    private List<String> wrap(String text, float size, float maxWidth, Measure measure) {
        List<String> lines = new ArrayList<>();
        for (String hardLine : clean(text).split("\n", -1)) {
            wrapLine(hardLine, size, maxWidth, lines, measure);
        }
        return lines;
    }

    private void wrapLine(String text, float size, float maxWidth, List<String> lines, Measure measure) {
        StringBuilder line = new StringBuilder();
        for (String token : tokens(text)) {
            String candidate = line + token;
            if (measure.width(candidate, size) <= maxWidth) {
                line.append(token);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            String rest = token.stripLeading();
            while (measure.width(rest, size) > maxWidth && rest.codePointCount(0, rest.length()) > 1) {
                int cut = rest.offsetByCodePoints(rest.length(), -1);
                int first = rest.offsetByCodePoints(0, 1);
                while (cut > first && measure.width(rest.substring(0, cut), size) > maxWidth) {
                    cut = rest.offsetByCodePoints(cut, -1);
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        lines.add(line.toString().stripTrailing());
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.codePoints().forEach(cp -> {
            boolean cjk = isCjk(cp);
            if (cjk || cp == ' ') {
                if (current.length() > 0 && !(cp == ' ' && current.toString().isBlank())) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                current.appendCodePoint(cp);
                if (cjk) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                // a break after '-' but not inside a number such as a date (2026-12-01)
                boolean inNumber = cp == '-' && !current.isEmpty() && current.chars().allMatch(Character::isDigit);
                current.appendCodePoint(cp);
                if (cp == '/' || cp == ',' || cp == '-' && !inNumber) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            }
        });
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }

    float textWidth(String text, float size) {
        float width = 0;
        for (Run run : runs(text)) {
            try {
                width += run.font().getStringWidth(run.text()) / 1000f * size;
            } catch (IOException | IllegalArgumentException e) {
                width += run.text().length() * size * 0.6f;
            }
        }
        return width;
    }

    /** Text in one font. */
    private record Run(PDType0Font font, String text) {
    }

    /** Shows cleaned text, each character in the first font that has it (inside beginText/endText). */
    private void show(PDPageContentStream stream, String text, float size) throws IOException {
        for (Run run : runs(text)) {
            stream.setFont(run.font(), size);
            stream.showText(run.text());
        }
    }

    /** The text in runs of one font: the report font where it can, else the first fallback that can. */
    private List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        PDType0Font[] currentFont = {null};
        text.codePoints().forEach(cp -> {
            PDType0Font f = fontFor(cp);
            if (f != currentFont[0] && current.length() > 0) {
                runs.add(new Run(currentFont[0], current.toString()));
                current.setLength(0);
            }
            currentFont[0] = f;
            current.appendCodePoint(cp);
        });
        if (current.length() > 0) {
            runs.add(new Run(currentFont[0], current.toString()));
        }
        return runs;
    }

    /** The font to draw a (cleaned, so showable) character in. */
    private PDType0Font fontFor(int cp) {
        if (primaryCanShow(cp)) {
            return font;
        }
        for (int i = 0; i < FALLBACKS.size(); i++) {
            if (FALLBACKS.get(i).has(cp)) {
                if (fallbacks[i] == null) {
                    fallbacks[i] = FALLBACKS.get(i).loadInto(document);
                }
                return fallbacks[i];
            }
        }
        return font;
    }

    /**
     * Text the font can show, line breaks kept as {@code \n}: CR LF, CR and the Unicode line and
     * paragraph separators become {@code \n}, a tab four spaces, and every other control, every
     * format character (bidi overrides, zero-width) and every character no font has (Korean, emoji, scripts without a bundled font) its code point as
     * {@code [U+001B]}, so nothing is lost or garbled.
     */
    String clean(String text) {
        String normalized = text.replace("\r\n", "\n");
        StringBuilder sb = new StringBuilder(normalized.length());
        normalized.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
                sb.append('\n');
            } else if (cp == '\t') {
                sb.append("    ");
            } else if (!Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT && canShow(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format("[U+%04X]", cp));
            }
        });
        return sb.toString();
    }

    /** {@link #clean(String)} on one line: line breaks become spaces. */
    private String oneLine(String text) {
        return clean(text).replace('\n', ' ');
    }

    private boolean canShow(int codePoint) {
        return primaryCanShow(codePoint) || FALLBACKS.stream().anyMatch(f -> f.has(codePoint));
    }

    private boolean primaryCanShow(int codePoint) {
        return showable.computeIfAbsent(codePoint, cp -> {
            try {
                font.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        });
    }

    private void newPage() {
        closeStream();
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        pages.add(page);
        try {
            out = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void closeStream() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out = null;
        }
    }

    @Override
    public void close() {
        closeStream();
    }

    /** A bundled font: its character map read once per JVM, loaded into a document only when a character needs it. */
    private static final class FallbackFont {
        private final String resource;
        private byte[] bytes;
        private org.apache.fontbox.ttf.CmapLookup cmap;

        FallbackFont(String resource) {
            this.resource = resource;
        }

        synchronized boolean has(int cp) {
            if (cmap == null) {
                try (InputStream in = PdfLayout.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("report font missing from the classpath: " + resource);
                    }
                    bytes = in.readAllBytes();
                    cmap = new org.apache.fontbox.ttf.TTFParser()
                            .parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(bytes)).getUnicodeCmapLookup();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the report font " + resource, e);
                }
            }
            return cmap.getGlyphId(cp) > 0;
        }

        synchronized PDType0Font loadInto(PDDocument document) {
            try {
                return PDType0Font.load(document, new java.io.ByteArrayInputStream(bytes), true);
            } catch (IOException e) {
                throw new IllegalStateException("cannot load the report font " + resource, e);
            }
        }
    }
}
