package dev.migrationworkbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * Long footers, labels and badges read back from the PDF with their positions: no two glyphs of
 * different lines or columns overprint, and commands are set in a monospaced font.
 */
class PdfLayoutOverlapTest {

    private static final String LONG = "db-primary-eu-west-1-availability-zone-b-very-long-instance-name-with-uuid "
            + "(5e8f8d1c-0b7a-4d0e-9f0e-3f1f2b9c7a11) — evidence collected 2026-11-20 10:00:00 UTC — ライブマイグレーション診断";

    @Test
    void longFootersLabelsAndBadgesNeverOverprint() throws IOException {
        byte[] pdf;
        try (PDDocument document = new PDDocument()) {
            try (PdfLayout layout = new PdfLayout(document)) {
                layout.keyValues(List.of(
                        new String[] {"A label far longer than its column of one hundred and fifty points", "a value"},
                        new String[] {"移行先コンピュートノードのハイパーバイザーのバージョン", "QEMU 8.2"}));
                layout.badge("A warning badge whose text is much wider than the page it is printed on, "
                        + "so that it has to wrap onto a second line inside its bar: " + LONG, new float[] {0.6f, 0.4f, 0f});
                layout.command("openstack server migration force complete 5e8f8d1c-0b7a-4d0e-9f0e-3f1f2b9c7a11 42 "
                        + "--os-compute-api-version 2.22 # サーバー db-東京-1");
                layout.paragraph("after");
                layout.footers(LONG + " " + LONG, page -> "page " + page + " / 1");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }

        List<TextPosition> glyphs = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    glyphs.add(text);
                    super.processTextPosition(text);
                }
            };
            stripper.getText(document);
        }
        assertThat(glyphs).hasSizeGreaterThan(200);
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < glyphs.size(); i++) {
            for (int j = i + 1; j < glyphs.size(); j++) {
                TextPosition a = glyphs.get(i);
                TextPosition b = glyphs.get(j);
                if (a.getUnicode().isBlank() || b.getUnicode().isBlank()) {
                    continue;
                }
                // shrink each box a little: neighbouring glyphs of one word may touch
                double ax0 = a.getXDirAdj() + 0.5, ax1 = a.getXDirAdj() + a.getWidthDirAdj() - 0.5;
                double bx0 = b.getXDirAdj() + 0.5, bx1 = b.getXDirAdj() + b.getWidthDirAdj() - 0.5;
                double ay1 = a.getYDirAdj(), ay0 = ay1 - a.getHeightDir() + 0.5;
                double by1 = b.getYDirAdj(), by0 = by1 - b.getHeightDir() + 0.5;
                if (ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1) {
                    overlaps.add("'" + a.getUnicode() + "'@" + Math.round(a.getXDirAdj()) + "," + Math.round(ay1) + " × '"
                            + b.getUnicode() + "'@" + Math.round(b.getXDirAdj()) + "," + Math.round(by1));
                }
            }
        }
        assertThat(overlaps).as("glyphs printed over each other").isEmpty();

        // every glyph inside the page (nothing runs off the right edge)
        assertThat(glyphs).allSatisfy(g -> assertThat(g.getXDirAdj() + g.getWidthDirAdj()).isLessThanOrEqualTo(595.3f));
        // the footer's end is elided, the page number whole
        String all = glyphs.stream().map(TextPosition::getUnicode).reduce("", String::concat);
        assertThat(all).contains("page 1 / 1").contains("…");
        // the command in Courier, its Japanese in the text font
        assertThat(glyphs.stream().filter(g -> g.getUnicode().equals("#")).map(g -> g.getFont().getName()))
                .containsOnly("Courier");
        assertThat(glyphs.stream().filter(g -> g.getUnicode().equals("東")).map(g -> g.getFont().getName()))
                .allMatch(name -> name.contains("IPAex"));
    }
}
