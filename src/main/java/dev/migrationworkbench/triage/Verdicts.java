package dev.migrationworkbench.triage;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the diagnosis of one migration into its triage verdict. It reads nothing but the
 * diagnosis and the evidence it came from, so a migration judged in the triage and the same
 * migration diagnosed alone ({@code diagnose --server S --migration ID}) get the same verdict.
 */
public final class Verdicts {

    private static final Set<String> COMPLETED = Set.of("completed", "finished", "confirmed", "done");

    private Verdicts() {
    }

    /** The verdict of the diagnosis' focus migration ({@code diagnosis.migration()} must not be null). */
    public static MigrationVerdict judge(Evidence evidence, Diagnosis diagnosis) {
        Migration m = Objects.requireNonNull(diagnosis.migration(), "the diagnosis has no migration in focus");
        Verdict verdict = verdict(evidence, diagnosis, m);
        String name = evidence.server() != null ? evidence.server().name() : null;
        return new MigrationVerdict(m, name, verdict, verdict == Verdict.FAILED ? cause(diagnosis) : null,
                diagnosis.codes(), diagnosis, evidence);
    }

    static Verdict verdict(Evidence evidence, Diagnosis diagnosis, Migration m) {
        if (m.inProgress()) {
            ConvergenceAnalysis a = diagnosis.convergence();
            if (a == null) {
                return Verdict.INCONCLUSIVE;
            }
            return switch (a.verdict()) {
                case CONVERGING, POST_COPY -> Verdict.CONVERGING;
                case SLOW -> Verdict.SLOW;
                case NOT_CONVERGING -> Verdict.NOT_CONVERGING;
                case NOT_RUNNING -> Verdict.QUEUED;
                case INSUFFICIENT_DATA -> Verdict.INCONCLUSIVE;
            };
        }
        String status = m.status() == null ? "" : m.status();
        if (COMPLETED.contains(status)) {
            return Verdict.COMPLETED;
        }
        if (m.isFailed()) {
            return Verdict.FAILED;
        }
        if ("cancelled".equals(status)) {
            // the rules tell a completion timeout from an abort (MIGRATION_TIMED_OUT / MIGRATION_ABORTED);
            // without either finding, an abort is what a cancelled migration most often is
            return diagnosis.codes().contains(FindingCode.MIGRATION_TIMED_OUT) ? Verdict.TIMED_OUT : Verdict.ABORTED;
        }
        return Verdict.INCONCLUSIVE;
    }

    /** The first cause among the findings (they come worst and most likely cause first), else the first finding. */
    static FindingCode cause(Diagnosis diagnosis) {
        return diagnosis.findings().stream().map(Finding::code)
                .filter(c -> FindingCode.FAILURE_CAUSES.contains(c) || c == FindingCode.MIGRATION_FAILED_OTHER)
                .findFirst()
                .orElse(diagnosis.findings().isEmpty() ? null : diagnosis.findings().get(0).code());
    }
}
