package dev.migrationworkbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.DiagnosisEngine;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.model.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes reports and reads them back: the text a support case gets must really be in the PDF. */
class PdfReportTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void englishReportCarriesFindingsEvidenceCommandsAndCalls() throws IOException {
        Evidence evidence = errorEvidence();
        Diagnosis diagnosis = new DiagnosisEngine().diagnose(evidence);
        assertThat(diagnosis.findings()).isNotEmpty();

        Path pdf = dir.resolve("report-en.pdf");
        new PdfReport(Locale.ENGLISH, ZoneOffset.UTC).write(evidence, diagnosis, pdf);
        String text = readText(pdf);

        Messages en = Messages.forLocale(Locale.ENGLISH);
        assertThat(text).contains(en.get("report.title"))
                .contains("db-1").contains(evidence.server().id())
                .contains("GET /servers/detail")
                .contains(en.get("report.calls"));
        for (Finding finding : diagnosis.findings()) {
            assertThat(text).contains(finding.code().name());
            assertThat(squash(text)).contains(squash(en.get(finding.title().key(), finding.title().argsArray())));
            finding.remediation().forEach(r -> r.commands().forEach(c -> assertThat(squash(text)).contains(squash(c))));
        }
    }

    @Test
    void japaneseReportUsesTheGuidesTermsAndEmbedsItsFont() throws IOException {
        Evidence evidence = errorEvidence();
        Diagnosis diagnosis = new DiagnosisEngine().diagnose(evidence);
        Path pdf = dir.resolve("report-ja.pdf");
        new PdfReport(Locale.JAPANESE, ZoneOffset.UTC).write(evidence, diagnosis, pdf);

        String text = readText(pdf);
        Messages ja = Messages.forLocale(Locale.JAPANESE);
        assertThat(text).contains("ライブマイグレーション診断レポート").contains(ja.get("report.findings"));
        Finding first = diagnosis.findings().get(0);
        assertThat(squash(text)).contains(squash(ja.get(first.title().key(), first.title().argsArray())));

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFont font = document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("IPAexGothic");
        }
    }

    @Test
    void progressChartIsDrawnWhenSamplesExist() throws IOException {
        Evidence evidence = errorEvidence().withSamples(samples());
        Diagnosis diagnosis = new DiagnosisEngine().diagnose(evidence);
        Path withChart = dir.resolve("chart.pdf");
        new PdfReport(Locale.ENGLISH, ZoneOffset.UTC).write(evidence, diagnosis, withChart);
        String text = readText(withChart);
        if (diagnosis.migration() != null) {
            assertThat(text).contains(Messages.forLocale(Locale.ENGLISH).get("report.chart.title"));
        }
    }

    @Test
    void aFailedWriteLeavesTheExistingReportIntact() throws IOException {
        Path pdf = dir.resolve("kept.pdf");
        Files.writeString(pdf, "previous report");
        Evidence broken = errorEvidence();
        Diagnosis diagnosis = new DiagnosisEngine().diagnose(broken);
        Path readOnlyDir = dir.resolve("ro");
        Files.createDirectories(readOnlyDir);
        // a target whose parent is a file cannot be written: the error surfaces, nothing is lost
        Path impossible = pdf.resolve("inside-a-file.pdf");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new PdfReport(Locale.ENGLISH, ZoneOffset.UTC).write(broken, diagnosis, impossible))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(pdf)).isEqualTo("previous report");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aDemoCloudReportSaysDemoOnEveryPage() throws IOException {
        Evidence evidence = errorEvidence();
        Diagnosis diagnosis = new DiagnosisEngine().diagnose(evidence);
        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            Path pdf = dir.resolve("demo-" + locale + ".pdf");
            new PdfReport(locale, ZoneOffset.UTC).markedAsDemo("stuck-dirty-rate").write(evidence, diagnosis, pdf);
            Messages messages = Messages.forLocale(locale);
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                assertThat(document.getDocumentInformation().getTitle()).startsWith(messages.get("report.demo.footer"));
                for (int page = 1; page <= document.getNumberOfPages(); page++) {
                    PDFTextStripper stripper = new PDFTextStripper();
                    stripper.setStartPage(page);
                    stripper.setEndPage(page);
                    assertThat(stripper.getText(document)).as("page %d", page).contains(messages.get("report.demo.footer") + " — ");
                }
                PDFTextStripper first = new PDFTextStripper();
                first.setEndPage(1);
                assertThat(squash(first.getText(document))).contains(squash(messages.get("report.demo", "stuck-dirty-rate")));
            }
        }
        Path real = dir.resolve("real.pdf");
        new PdfReport(Locale.ENGLISH, ZoneOffset.UTC).write(evidence, diagnosis, real);
        assertThat(readText(real)).doesNotContain("DEMO");
    }

    private static String readText(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getNumberOfPages()).isGreaterThan(0);
            return new PDFTextStripper().getText(document);
        }
    }

    /** Line breaks of the layout split long strings; compare without white space. */
    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void textOfAnyShapeRendersAndNothingIsLost() throws IOException {
        // Nova's fault of a failed pre_live_migration on iSCSI is several lines; names and texts are anyone's
        String iscsi = "Command: iscsiadm -m node -T iqn.2010-10.org.openstack:volume-1 -p 10.0.0.5:3260 --login\n"
                + "Exit code: 24\r\nStdout: ''\rStderr: 'iscsiadm: Could not login to [iface: default]\t(target)\n'";
        String scripts = "Ошибка миграции — 迁移失败 — 마이그레이션 실패 — فشل الترحيل — הגירה נכשלה — การย้ายล้มเหลว — 🚀";
        String controls = "ctl:\u0000\u0007\u001b[31mred\u001b[0m\u007f\u0085\u2028next\u2029para\u202eevil\u200b.";
        Evidence evidence = errorEvidence();
        Server s = evidence.server();
        Server odd = new Server(s.id(), "db\t1\nsecond\u001b[2J", s.status(), s.vmState(), s.taskState(), s.powerState(),
                s.host(), s.hypervisorHostname(), s.hostStatus(), s.flavorId(), s.flavorName(), s.flavorExtraSpecs(),
                s.projectId(), s.userId(), s.progress(), s.locked(),
                new Server.Fault(500, iscsi + "\n" + scripts + "\n" + controls, null, T0), s.created(), s.updated());
        List<ApiCall> calls = new ArrayList<>(evidence.calls());
        calls.add(new ApiCall("servers.show", "GET", "/servers/" + s.id() + "\n", "2.93", 503, 3, "<html>\n<body>\n",
                "SERVER_ERROR", "line one\nline two\twith a tab\u001b[0m"));
        Evidence weird = new Evidence(evidence.serverQuery() + "\n", T0, evidence.cloud(), odd, List.of(odd),
                List.of(), evidence.migrations(), List.of(), List.of(), List.of(), null, null, Map.of(), List.of(),
                List.of(), calls);
        Diagnosis diagnosis = new DiagnosisEngine().diagnose(weird);

        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            Path pdf = dir.resolve("weird-" + locale + ".pdf");
            new PdfReport(locale, ZoneOffset.UTC).write(weird, diagnosis, pdf);
            String text = readText(pdf);
            assertThat(text).contains("Exit code: 24").contains("Stderr: 'iscsiadm: Could not login to [iface: default]")
                    .contains("Ошибка миграции").contains("迁移失").contains("line two")
                    // what no embedded font has a glyph for is written as its code point, not dropped
                    .contains("[U+8D25]").contains("[U+B9C8][U+C774]").contains("[U+1F680]")
                    .doesNotContain("[U+0641]").doesNotContain("[U+05D4]").doesNotContain("[U+0E01]")
                    .contains("[U+001B][31mred").contains("[U+0000]").contains("[U+202E]evil")
                    .contains("second[U+001B][2J");
            // every line of the multi-line texts is there, none glued to the next
            assertThat(text).contains("Command: iscsiadm -m node").doesNotContain("--loginExit code");
        }
    }

    /**
     * Names and Nova texts in any script the bundled fonts cover are drawn in a fallback font, not
     * written as code points (before, everything but Latin, Greek, Cyrillic and Japanese was
     * {@code [U+XXXX]}); read back with PDFBox.
     */
    @Test
    void everyScriptWithABundledFontIsDrawn() throws IOException {
        Map<String, String> samples = new java.util.LinkedHashMap<>();
        samples.put("Latin extended", "Di chuyển thất bại; Migracja nie powiodła się; Taşıma başarısız; Ærø Øst");
        samples.put("Greek", "Η μετεγκατάσταση απέτυχε");
        samples.put("Cyrillic", "Міграція не вдалася; Ошибка миграции");
        samples.put("Hebrew", "הגירה נכשלה");
        samples.put("Arabic", "فشل الترحيل");
        samples.put("Thai", "การย้ายล้มเหลว");
        samples.put("Devanagari", "माइग्रेशन विफल");
        samples.put("Armenian", "Միգրացիան ձախողվեց");
        samples.put("Georgian", "მიგრაცია ვერ მოხერხდა");
        Evidence evidence = errorEvidence();
        Server s = evidence.server();
        String all = String.join("\n", samples.values());
        Server named = new Server(s.id(), "vm-" + samples.get("Thai"), s.status(), s.vmState(), s.taskState(), s.powerState(),
                s.host(), s.hypervisorHostname(), s.hostStatus(), s.flavorId(), s.flavorName(), s.flavorExtraSpecs(),
                s.projectId(), s.userId(), s.progress(), s.locked(), new Server.Fault(500, all, null, T0), s.created(),
                s.updated());
        Evidence ev = new Evidence(evidence.serverQuery(), T0, evidence.cloud(), named, List.of(named), List.of(),
                evidence.migrations(), List.of(), List.of(), List.of(), null, null, Map.of(), List.of(), List.of(),
                evidence.calls());
        Path pdf = dir.resolve("scripts.pdf");
        new PdfReport(Locale.ENGLISH, ZoneOffset.UTC).write(ev, new DiagnosisEngine().diagnose(ev), pdf);
        String text = readText(pdf);
        assertThat(text).doesNotContain("[U+");
        for (var e : samples.entrySet()) {
            // right-to-left and Devanagari text come back in another order (no shaping); their glyphs are checked below
            if (!List.of("Hebrew", "Arabic", "Devanagari").contains(e.getKey())) {
                assertThat(text).as(e.getKey()).contains(e.getValue());
            }
        }
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            java.util.Set<String> fonts = new java.util.TreeSet<>();
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name).getName().replaceFirst("^[A-Z]{6}\\+", ""));
                }
            }
            assertThat(fonts).contains("NotoSans-Regular", "NotoSansHebrew-Regular", "NotoSansArabic-Regular",
                    "NotoSansThai-Regular", "NotoSansDevanagari-Regular", "NotoSansArmenian-Regular",
                    "NotoSansGeorgian-Regular");
        }
        System.out.printf("PDF with every bundled script: %d bytes%n", java.nio.file.Files.size(pdf));
    }

    private static Evidence errorEvidence() {
        String id = "5e8f8d1c-0b7a-4d0e-9f0e-3f1f2b9c7a11";
        Server server = new Server(id, "db-1", "ERROR", "error", null, 1, "compute-0", "compute-0.example", "UP",
                "f1", "m1.numa", Map.of("hw:cpu_policy", "dedicated"), "p1", "u1", 0, false,
                new Server.Fault(500, "Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance " + id + ".", null, T0),
                T0.minusSeconds(86400), T0);
        Migration migration = new Migration(42, "6a4c1f0e-8d2b-4b8e-a1c3-0f7e9d2b5c44", id, "error", "live-migration",
                "compute-0", "compute-0.example", "compute-1", null, "compute-1.example",
                8 * GIB, 2 * GIB, 6 * GIB, 0L, 0L, 0L, "u1", "p1", T0.minusSeconds(600), T0.minusSeconds(300));
        List<ApiCall> calls = List.of(
                new ApiCall("servers", "GET", "/servers/detail", "2.93", 200, 31, "{}", null, null),
                new ApiCall("hypervisors", "GET", "/os-hypervisors/detail", "2.93", 403, 12, "{}", "forbidden",
                        "Policy doesn't allow os_compute_api:os-hypervisors:list-detail to be performed."));
        return new Evidence("db-1", T0, new CloudInfo("demo", "http://127.0.0.1:5000/v3", "admin", "RegionOne",
                "2.1", "2.93", true, false), server, List.of(server), List.of(), List.of(migration), List.of(),
                List.of(), List.of(), null, null, Map.of(), List.of(), List.of(), calls);
    }

    private static List<ProgressSample> samples() {
        List<ProgressSample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long remaining = (8 * GIB) - i * (GIB / 4) + (i % 5 == 0 ? GIB / 2 : 0);
            samples.add(new ProgressSample(T0.plusSeconds(5L * i), "running", 8 * GIB, i * (GIB / 3), remaining,
                    0L, 0L, 0L, null));
        }
        return samples;
    }
}
