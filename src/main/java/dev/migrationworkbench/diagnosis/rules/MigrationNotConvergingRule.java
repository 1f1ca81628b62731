package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict;
import java.util.Optional;

/**
 * A stuck live migration: the guest dirties memory faster than it can be copied, so what remains
 * does not shrink to what Nova's largest downtime allows; it runs until the timeout, an abort or a
 * force-complete. Also says when the evidence is too thin to judge.
 */
public final class MigrationNotConvergingRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.MIGRATION_NOT_CONVERGING;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        Optional<ConvergenceAnalysis> analysis = context.convergence();
        if (analysis.isEmpty()) {
            return Result.none();
        }
        ConvergenceAnalysis a = analysis.get();
        if (a.verdict() == Verdict.INSUFFICIENT_DATA) {
            return Result.notChecked(new Note(code(), TextRef.key("diagnosis.convergence.notChecked", a.sampleCount())));
        }
        if (a.verdict() != Verdict.NOT_CONVERGING) {
            return Result.none();
        }
        String timeout = a.timeoutAt() == null ? "-" : a.timeoutAt().toString();
        if (!context.migrationInProgress()) {
            return Result.of(ended(context, a));
        }
        Finding.Builder finding = Finding.of(code(), Severity.HIGH, context.migrationSubject())
                .confidence(a.confidence())
                .title(TextRef.key("diagnosis.notConverging.title", context.migrationId()))
                .explanation(a.timeoutAt() == null
                        ? TextRef.key(a.dirtyRateIsLowerBound() ? "diagnosis.notConverging.noTimeout.atLeast.explanation"
                                        : "diagnosis.notConverging.noTimeout.explanation", context.migrationId(),
                                ConvergenceEvidence.mibps(a.dirtyRateBytesPerSecond()),
                                ConvergenceEvidence.mibps(a.bandwidthBytesPerSecond()), a.schedule().finalDowntimeMs())
                        : TextRef.key(a.dirtyRateIsLowerBound() ? "diagnosis.notConverging.atLeast.explanation"
                                        : "diagnosis.notConverging.explanation", context.migrationId(),
                                ConvergenceEvidence.mibps(a.dirtyRateBytesPerSecond()),
                                ConvergenceEvidence.mibps(a.bandwidthBytesPerSecond()), a.schedule().finalDowntimeMs(),
                                timeout, a.schedule().settings().timeoutAction()))
                .evidence(ConvergenceEvidence.items(context, a));
        ConvergenceEvidence.actions(context, a).forEach(finding::remediation);
        return Result.of(finding.build());
    }

    /** Post-mortem: the migration was cancelled or failed after its progress showed it would not converge. */
    private Finding ended(DiagnosisContext context, ConvergenceAnalysis a) {
        String status = context.migration().map(m -> m.status()).orElse("?");
        return Finding.of(code(), Severity.HIGH, context.migrationSubject())
                .confidence(a.confidence())
                .title(TextRef.key("diagnosis.notConverging.ended.title", context.migrationId(), status))
                .explanation(TextRef.key("diagnosis.notConverging.ended.explanation", context.migrationId(),
                        ConvergenceEvidence.mibps(a.dirtyRateBytesPerSecond()),
                        ConvergenceEvidence.mibps(a.bandwidthBytesPerSecond()), a.schedule().finalDowntimeMs(), status,
                        a.schedule().timeoutSeconds() == null ? "-" : String.valueOf(a.schedule().timeoutSeconds())))
                .evidence(ConvergenceEvidence.items(context, a))
                .remediation(Remediation.of(TextRef.key("diagnosis.notConverging.ended.fix"),
                        Commands.liveMigrate(context.serverId(), context.destHost().orElse("<host>"))))
                .build();
    }
}
