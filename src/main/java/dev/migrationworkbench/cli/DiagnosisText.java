package dev.migrationworkbench.cli;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.service.DiagnosisRun;
import java.util.Locale;

/** The diagnosis for people: findings worst first, each with its evidence and what to do. */
final class DiagnosisText {

    private final Messages messages;

    DiagnosisText(Messages messages) {
        this.messages = messages;
    }

    String render(DiagnosisRun run) {
        Evidence evidence = run.evidence();
        Diagnosis d = run.diagnosis();
        StringBuilder out = new StringBuilder();
        out.append(messages.get("diagnose.text.server", d.server().name(), d.server().id())).append('\n');
        if (evidence.cloud() != null && evidence.cloud().novaMaxVersion() == null && "offline".equals(evidence.cloud().cloudName())) {
            out.append(messages.get("diagnose.text.offline", evidence.cloud().authUrl())).append('\n');
        } else if (evidence.cloud() != null) {
            out.append(messages.get("diagnose.text.cloud", evidence.cloud().cloudName(), evidence.cloud().novaMaxVersion()))
                    .append('\n');
        }
        Migration m = d.migration();
        if (m != null) {
            out.append(messages.get("diagnose.text.migration", String.valueOf(m.id()), m.status(),
                    orUnknown(m.sourceCompute()), orUnknown(m.destCompute()))).append('\n');
        }
        out.append('\n');
        switch (run.outcome()) {
            case NO_PROBLEM -> out.append(messages.get(m != null && m.inProgress()
                    ? "diagnose.text.runningNoProblem" : "diagnose.text.noFindings")).append('\n');
            case INCONCLUSIVE -> {
                if (d.inconclusive()) {
                    out.append(messages.get("diagnose.text.inconclusive")).append('\n');
                    d.failedEssentialCalls().forEach(c -> out.append(messages.get("diagnose.text.inconclusiveCall", c.method(),
                            c.url(), (c.httpStatus() == null ? c.errorKind() : "HTTP " + c.httpStatus()) + " " + c.errorMessage()))
                            .append('\n'));
                } else {
                    out.append(messages.get("diagnose.text.notJudged")).append('\n');
                }
                out.append('\n');
            }
            case FINDINGS -> { }
        }
        int n = 0;
        for (Finding f : d.findings()) {
            out.append(messages.get("diagnose.text.finding", ++n, f.severity().name(), f.code().name(), text(f.title()),
                    f.confidence().name())).append('\n');
            if (!f.explainedBy().isEmpty()) {
                out.append("   ").append(messages.get("diagnose.text.explainedBy", f.explainedBy().toString())).append('\n');
            }
            out.append("   ").append(text(f.explanation())).append('\n');
            if (!f.evidence().isEmpty()) {
                out.append("   ").append(messages.get("diagnose.text.evidence")).append('\n');
                for (EvidenceItem e : f.evidence()) {
                    out.append("     - ").append(e.source()).append("  ").append(e.field()).append(" = ").append(e.value());
                    if (e.at() != null) {
                        out.append("  (").append(e.at()).append(')');
                    }
                    out.append('\n');
                }
            }
            if (!f.remediation().isEmpty()) {
                out.append("   ").append(messages.get("diagnose.text.remediation")).append('\n');
                int k = 0;
                for (Remediation r : f.remediation()) {
                    out.append("     ").append(++k).append(". ").append(text(r.text())).append('\n');
                    r.commands().forEach(c -> out.append("        $ ").append(c).append('\n'));
                }
            }
            out.append('\n');
        }
        ConvergenceAnalysis c = d.convergence();
        if (c != null) {
            out.append(messages.get("diagnose.text.convergence", c.verdict().name(), c.sampleCount(),
                    c.recommendation().action().name())).append('\n');
            c.reasons().forEach(r -> out.append("   - ").append(text(r)).append('\n'));
            c.recommendation().reasons().forEach(r -> out.append("   > ").append(text(r)).append('\n'));
            out.append('\n');
        }
        NumaDiff diff = d.numaDiff();
        if (diff != null && !diff.differences().isEmpty()) {
            out.append(messages.get("diagnose.text.numaDiff", diff.sourceHost(), diff.destHost())).append('\n');
            diff.differences().forEach(x -> out.append(x.harmful() ? "   ! " : "   - ").append(x.subject()).append(' ')
                    .append(x.field().name().toLowerCase(Locale.ROOT)).append(": ").append(x.sourceValue()).append(" | ")
                    .append(x.destValue()).append('\n'));
            out.append('\n');
        }
        if (!d.notes().isEmpty()) {
            out.append(messages.get("diagnose.text.notes")).append('\n');
            for (Note note : d.notes()) {
                out.append("   - ").append(text(note.text())).append('\n');
            }
        }
        return out.toString();
    }

    private static String orUnknown(String host) {
        return host == null || host.isBlank() ? "?" : host;
    }

    String text(TextRef ref) {
        return messages.get(ref.key(), ref.argsArray());
    }
}
