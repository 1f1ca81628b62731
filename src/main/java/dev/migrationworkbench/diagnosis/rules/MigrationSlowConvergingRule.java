package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict;

/**
 * The live migration will converge, slowly: with its expected switchover time, the Nova downtime step
 * it waits for, and when Nova's completion timeout would fire and with which action.
 */
public final class MigrationSlowConvergingRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.MIGRATION_SLOW_CONVERGING;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        ConvergenceAnalysis a = context.convergence().orElse(null);
        if (a == null || a.verdict() != Verdict.SLOW) {
            return Result.none();
        }
        String timeout = a.timeoutAt() == null ? "-" : a.timeoutAt().toString();
        boolean autoConverge = a.etaSeconds() == null;
        Finding.Builder finding = Finding.of(code(), Severity.MEDIUM, context.migrationSubject())
                .confidence(a.confidence())
                .title(TextRef.key("diagnosis.slowConverging.title", context.migrationId()))
                .explanation(autoConverge
                        // only QEMU's auto-converge throttling lets it finish: no ETA can be given
                        ? TextRef.key("diagnosis.slowConverging.autoConverge.explanation", context.migrationId(),
                                ConvergenceEvidence.mibps(a.dirtyRateBytesPerSecond()),
                                ConvergenceEvidence.mibps(a.bandwidthBytesPerSecond()), timeout,
                                a.schedule().settings().timeoutAction())
                        : TextRef.key("diagnosis.slowConverging.explanation", context.migrationId(),
                                Math.round(a.etaSeconds()), String.valueOf(a.etaAt()), a.switchoverDowntimeMs(),
                                a.currentDowntimeMs(), timeout, a.schedule().settings().timeoutAction()))
                .evidence(ConvergenceEvidence.items(context, a))
                .remediation(autoConverge
                        ? Remediation.of(TextRef.key("diagnosis.convergence.recommend.waitAutoConverge"),
                                Commands.migrationShow(context.serverId(), context.migrationId()))
                        : Remediation.of(TextRef.key("diagnosis.slowConverging.fix.wait", Math.round(a.etaSeconds())),
                                Commands.migrationShow(context.serverId(), context.migrationId())));
        ConvergenceEvidence.actions(context, a).stream()
                .filter(r -> !r.text().key().equals("diagnosis.convergence.fix.abort"))
                .forEach(finding::remediation);
        return Result.of(finding.build());
    }
}
