package dev.migrationworkbench.report;

import dev.migrationworkbench.config.SafeFiles;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.model.Server;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PDF diagnosis report a support engineer attaches to a case: what was diagnosed, on which
 * cloud, the findings with their evidence and remediation, what could not be checked, the
 * migration's progress chart, and every API call the evidence came from. English or Japanese.
 */
public final class PdfReport {

    private static final Map<Severity, float[]> SEVERITY_COLOURS = new EnumMap<>(Map.of(
            Severity.CRITICAL, new float[] {0.70f, 0f, 0.11f},
            Severity.HIGH, new float[] {0.80f, 0.30f, 0.05f},
            Severity.MEDIUM, new float[] {0.64f, 0.45f, 0f},
            Severity.LOW, new float[] {0.12f, 0.37f, 0.66f}));
    private static final long MIB = 1024L * 1024L;

    private final Messages messages;
    private final ZoneId zone;
    private final DateTimeFormatter timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final float[] DEMO_COLOUR = {0.64f, 0.37f, 0f};
    private String demoScenario;

    public PdfReport(Locale locale, ZoneId zone) {
        this.messages = Messages.forLocale(locale);
        this.zone = zone;
    }

    /**
     * A report of the embedded demo cloud running {@code scenario}: a DEMO band on the first page, DEMO
     * in every page's footer and in the document's title, so it never passes for a real cloud's.
     */
    public PdfReport markedAsDemo(String scenario) {
        this.demoScenario = scenario;
        return this;
    }

    /**
     * Writes the report to {@code file} with {@link SafeFiles}: rendered completely first, then moved
     * into place next to the target (a symbolic link is followed, a FIFO or device written to as it
     * is, nothing else replaced), so an existing report is never left half-written.
     */
    public void write(Evidence evidence, Diagnosis diagnosis, Path file) throws IOException {
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        write(evidence, diagnosis, pdf);
        SafeFiles.write(file, pdf::writeTo);
    }

    public void write(Evidence evidence, Diagnosis diagnosis, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument()) {
            try (PdfLayout layout = new PdfLayout(document)) {
                if (demoScenario != null) {
                    layout.badge(messages.get("report.demo", demoScenario), DEMO_COLOUR);
                }
                title(layout, evidence);
                summary(layout, diagnosis);
                instance(layout, evidence.server(), evidence);
                migration(layout, diagnosis.migration(), evidence.samples());
                findings(layout, diagnosis.findings());
                notes(layout, diagnosis.notes());
                calls(layout, evidence.calls());
                String footer = (demoScenario != null ? messages.get("report.demo.footer") + " — " : "")
                        + messages.get("report.footer", serverLabel(evidence), format(evidence.collectedAt()));
                layout.footers(footer, page -> messages.get("report.page", page, layout.pages().size()));
            }
            info(document, evidence);
            document.save(out);
        }
    }

    private void title(PdfLayout layout, Evidence evidence) {
        layout.heading(messages.get("report.title"), 18);
        layout.paragraph(serverLabel(evidence));
        layout.space(6);
        CloudInfo cloud = evidence.cloud();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("report.generated", format(Instant.now())));
        rows.add(row("report.collected", format(evidence.collectedAt())));
        if (cloud != null) {
            rows.add(row("report.cloud", cloud.cloudName()));
            rows.add(row("report.authUrl", cloud.authUrl()));
            rows.add(row("report.project", cloud.projectName()));
            rows.add(row("report.region", cloud.region()));
            rows.add(row("report.microversions", cloud.novaMinVersion() + " – " + cloud.novaMaxVersion()));
            rows.add(row("report.admin", messages.get(cloud.admin() ? "report.yes" : "report.no")));
        }
        layout.keyValues(rows);
        if (cloud != null && cloud.tlsVerificationDisabled()) {
            layout.badge(messages.get("report.tlsUnverified"), SEVERITY_COLOURS.get(Severity.MEDIUM));
        }
        layout.rule();
    }

    private void summary(PdfLayout layout, Diagnosis diagnosis) {
        layout.heading(messages.get("report.summary"), 14);
        if (diagnosis.inconclusive()) {
            layout.paragraph(messages.get("report.summary.inconclusive"));
            diagnosis.failedEssentialCalls().forEach(c -> layout.paragraph(messages.get("diagnose.text.inconclusiveCall",
                    c.method(), c.url(), (c.httpStatus() == null ? c.errorKind() : "HTTP " + c.httpStatus()) + " "
                            + c.errorMessage())));
        } else if (diagnosis.findings().isEmpty()) {
            layout.paragraph(messages.get("report.summary.none"));
        } else {
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            diagnosis.findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            counts.forEach((severity, count) -> parts.add(severityName(severity) + ": " + count));
            layout.paragraph(messages.get("report.summary.counts", diagnosis.findings().size(), String.join(", ", parts)));
            layout.paragraph(messages.get("report.summary.top", text(diagnosis.findings().get(0).title())));
        }
    }

    private void instance(PdfLayout layout, Server server, Evidence evidence) {
        layout.heading(messages.get("report.instance"), 14);
        if (server == null) {
            layout.paragraph(messages.get("report.instance.none", evidence.serverQuery()));
            return;
        }
        layout.keyValues(List.of(
                row("report.instance.name", server.name()),
                row("report.instance.id", server.id()),
                row("report.instance.status", server.status() + " (vm_state " + server.vmState()
                        + ", task_state " + server.taskState() + ")"),
                row("report.instance.host", server.host()),
                row("report.instance.flavor", server.flavorName() != null ? server.flavorName() : server.flavorId()),
                row("report.instance.fault", server.fault() == null ? null : server.fault().message())));
    }

    private void migration(PdfLayout layout, Migration migration, List<ProgressSample> samples) {
        if (migration == null) {
            return;
        }
        layout.heading(messages.get("report.migration"), 14);
        layout.keyValues(List.of(
                row("report.migration.id", migration.id() + (migration.uuid() == null ? "" : " (" + migration.uuid() + ")")),
                row("report.migration.status", migration.status()),
                row("report.migration.type", migration.migrationType()),
                row("report.migration.route", migration.sourceCompute() + " → " + migration.destCompute()),
                row("report.migration.memory", migration.memoryTotalBytes() == null ? null
                        : messages.get("report.migration.memory.value", mib(migration.memoryRemainingBytes()),
                        mib(migration.memoryTotalBytes()), mib(migration.memoryProcessedBytes()))),
                row("report.migration.created", format(migration.createdAt())),
                row("report.migration.updated", format(migration.updatedAt()))));
        List<ProgressSample> withBytes = samples.stream()
                .filter(s -> s.at() != null && s.memoryRemainingBytes() != null).toList();
        if (withBytes.size() >= 2) {
            layout.drawing(210, (graphics, area) -> progressChart(layout, withBytes).draw(graphics, area));
        }
    }

    private JFreeChart progressChart(PdfLayout layout, List<ProgressSample> samples) {
        XYSeries remaining = new XYSeries(messages.get("report.chart.remaining"));
        XYSeries processed = new XYSeries(messages.get("report.chart.processed"));
        Instant start = samples.get(0).at();
        for (ProgressSample sample : samples) {
            double seconds = (sample.at().toEpochMilli() - start.toEpochMilli()) / 1000.0;
            remaining.addOrUpdate(seconds, sample.memoryRemainingBytes() / (double) MIB);
            if (sample.memoryProcessedBytes() != null) {
                processed.addOrUpdate(seconds, sample.memoryProcessedBytes() / (double) MIB);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(remaining);
        data.addSeries(processed);
        JFreeChart chart = ChartFactory.createXYLineChart(messages.get("report.chart.title"),
                messages.get("report.chart.seconds"), "MiB", data);
        chart.getTitle().setFont(layout.awtFont(11));
        chart.getLegend().setItemFont(layout.awtFont(9));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(new Color(0xF7F8FA));
        plot.setDomainGridlinePaint(new Color(0xC9D1DB));
        plot.setRangeGridlinePaint(new Color(0xC9D1DB));
        plot.getDomainAxis().setLabelFont(layout.awtFont(9));
        plot.getDomainAxis().setTickLabelFont(layout.awtFont(8));
        plot.getRangeAxis().setLabelFont(layout.awtFont(9));
        plot.getRangeAxis().setTickLabelFont(layout.awtFont(8));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0xC8102E));
        renderer.setSeriesPaint(1, new Color(0x1F5FA8));
        renderer.setSeriesStroke(0, new BasicStroke(1.6f));
        renderer.setSeriesStroke(1, new BasicStroke(1.2f));
        plot.setRenderer(renderer);
        return chart;
    }

    private void findings(PdfLayout layout, List<Finding> findings) {
        layout.heading(messages.get("report.findings"), 14);
        if (findings.isEmpty()) {
            layout.paragraph(messages.get("report.summary.none"));
        }
        int index = 1;
        for (Finding finding : findings) {
            layout.ensure(90);
            layout.space(4);
            layout.badge(severityName(finding.severity()) + "  " + finding.code().name(), SEVERITY_COLOURS.get(finding.severity()));
            layout.heading(index++ + ". " + text(finding.title()), 12);
            layout.paragraph(text(finding.explanation()));
            layout.muted(messages.get("report.finding.confidence", messages.get("report.confidence." + finding.confidence().name().toLowerCase(Locale.ROOT)))
                    + (finding.isSymptom() ? "  " + messages.get("report.finding.symptomOf",
                    String.join(", ", finding.explainedBy().stream().map(Enum::name).toList())) : ""));
            if (!finding.evidence().isEmpty()) {
                layout.space(3);
                layout.paragraph(messages.get("report.finding.evidence"));
                for (EvidenceItem item : finding.evidence()) {
                    String when = item.at() == null ? "" : "  (" + format(item.at()) + ")";
                    layout.indentedParagraph("• " + item.source() + " — " + item.field() + " = " + item.value() + when, 10, 9, true);
                }
            }
            if (!finding.remediation().isEmpty()) {
                layout.space(3);
                layout.paragraph(messages.get("report.finding.remediation"));
                for (Remediation step : finding.remediation()) {
                    layout.indentedParagraph("• " + text(step.text()), 10, 9.5f, false);
                    step.commands().forEach(layout::command);
                }
            }
            layout.rule();
        }
    }

    private void notes(PdfLayout layout, List<Note> notes) {
        if (notes.isEmpty()) {
            return;
        }
        layout.heading(messages.get("report.notChecked"), 14);
        for (Note note : notes) {
            layout.indentedParagraph("• " + (note.code() == null ? "" : note.code().name() + ": ") + text(note.text()), 0, 9.5f, false);
        }
    }

    private void calls(PdfLayout layout, List<ApiCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        layout.heading(messages.get("report.calls"), 14);
        layout.muted(messages.get("report.calls.explanation"));
        for (ApiCall call : calls) {
            String outcome = call.succeeded()
                    ? "HTTP " + call.httpStatus()
                    : call.errorKind() + (call.httpStatus() == null ? "" : " HTTP " + call.httpStatus()) + ": " + call.errorMessage();
            layout.indentedParagraph(call.method() + " " + call.url()
                    + (call.microversion() == null ? "" : "  [compute " + call.microversion() + "]")
                    + "  → " + outcome + "  (" + call.durationMillis() + " ms)", 0, 8.5f, call.succeeded());
        }
    }

    private void info(PDDocument document, Evidence evidence) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle((demoScenario != null ? messages.get("report.demo.footer") + " — " : "") + messages.get("report.title")
                + " — " + serverLabel(evidence));
        info.setCreator("Migration Workbench");
        info.setProducer("Migration Workbench (Apache PDFBox)");
        Calendar created = Calendar.getInstance();
        info.setCreationDate(created);
    }

    private String serverLabel(Evidence evidence) {
        Server server = evidence.server();
        return server == null ? evidence.serverQuery() : server.name() + " (" + server.id() + ")";
    }

    private String[] row(String key, String value) {
        return new String[] {messages.get(key), value};
    }

    private String severityName(Severity severity) {
        return messages.get("report.severity." + severity.name().toLowerCase(Locale.ROOT));
    }

    private String text(TextRef ref) {
        return messages.get(ref.key(), ref.argsArray());
    }

    private String format(Instant instant) {
        return instant == null ? "—" : timeFormat.withZone(zone).format(instant);
    }

    private static String mib(Long bytes) {
        return bytes == null ? "?" : String.valueOf(bytes / MIB);
    }
}
