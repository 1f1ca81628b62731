package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.ForceCompleteEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a convergence analysis as evidence, and the abort / force-complete remediations. */
final class ConvergenceEvidence {

    private ConvergenceEvidence() {
    }

    static List<EvidenceItem> items(DiagnosisContext context, ConvergenceAnalysis a) {
        List<EvidenceItem> items = new ArrayList<>(RuleSupport.migrationFacts(context));
        String source = "GET /servers/" + context.serverId() + "/migrations/" + context.migrationId();
        items.add(EvidenceItem.field(source, "memory_remaining_bytes", a.remainingBytes()));
        items.add(EvidenceItem.field(source, "memory_total_bytes", a.memoryTotalBytes()));
        items.add(EvidenceItem.derived("progress samples", a.sampleCount() + (a.fromJobStats() ? " (libvirt job stats)" : " (API)")));
        items.add(EvidenceItem.derived("transfer rate B", mibps(a.bandwidthBytesPerSecond())));
        items.add(EvidenceItem.derived("dirty rate D", (a.dirtyRateIsLowerBound() ? "≥ " : "")
                + mibps(a.dirtyRateBytesPerSecond())));
        if (a.dirtyRatio() != null) {
            items.add(EvidenceItem.derived("D / B", String.format(Locale.ROOT, "%.2f", a.dirtyRatio())));
        }
        items.add(EvidenceItem.derived("pass boundaries seen", a.passBoundaries()));
        a.passMinima().forEach(m -> items.add(new EvidenceItem(EvidenceItem.Kind.DERIVED, "diagnosis",
                "minimum remaining of pass/slice " + m.index(), m.remainingBytes() + " bytes", m.at())));
        items.add(EvidenceItem.derived("Nova max downtime now / final",
                a.currentDowntimeMs() + " ms / " + a.schedule().finalDowntimeMs() + " ms"));
        if (a.timeoutAt() != null) {
            items.add(EvidenceItem.derived("completion timeout", a.timeoutAt() + " → " + a.schedule().settings().timeoutAction()));
        }
        items.add(EvidenceItem.derived("nova.conf [libvirt] from", a.schedule().settings().fromHost() ? "source host (probe agent)"
                : "Nova defaults (no agent data)"));
        return items;
    }

    /** Abort and force-complete with their consequences, the recommended one first. */
    static List<Remediation> actions(DiagnosisContext context, ConvergenceAnalysis a) {
        String server = context.serverId();
        String migration = context.migrationId();
        Remediation abort = Remediation.of(TextRef.key("diagnosis.convergence.fix.abort"),
                Commands.migrationList(server), Commands.abort(server, migration, context.migration().map(m -> m.status()).orElse(null)));
        ForceCompleteEstimate fc = a.forceComplete();
        Remediation force = fc.path() == ForceCompleteEstimate.Path.POST_COPY
                ? Remediation.of(TextRef.key("diagnosis.convergence.fix.forcePostCopy", seconds(fc.degradedSeconds())),
                        Commands.migrationList(server), Commands.forceComplete(server, migration))
                : Remediation.of(TextRef.key("diagnosis.convergence.fix.forcePause", seconds(fc.pauseSeconds()),
                        seconds(fc.pauseUpperSeconds())), Commands.migrationList(server), Commands.forceComplete(server, migration));
        return a.recommendation().action() == ConvergenceAnalysis.Recommendation.Action.FORCE_COMPLETE
                ? List.of(force, abort) : List.of(abort, force);
    }

    /** MiB/s, the one rate unit of the workbench. */
    static String mibps(Double bytesPerSecond) {
        return bytesPerSecond == null ? "?" : String.format(Locale.ROOT, "%.1f MiB/s", bytesPerSecond / 1048576.0);
    }

    static String seconds(Double value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%.1f", value);
    }
}
