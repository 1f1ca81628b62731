package dev.migrationworkbench.triage;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One live migration of the triage: the migration record as last read, the server's name, the
 * verdict, the failure's cause code (null unless FAILED and a rule named one), every finding code
 * of its diagnosis (the same as {@code diagnose --server S --migration ID} gives), and the
 * diagnosis itself (findings, notes, convergence analysis) with the evidence it read.
 */
public record MigrationVerdict(Migration migration, String serverName, Verdict verdict, FindingCode cause,
        List<FindingCode> codes, Diagnosis diagnosis, Evidence evidence) {

    public MigrationVerdict {
        codes = List.copyOf(codes);
    }

    public String serverId() {
        return migration.serverId();
    }

    public Optional<ConvergenceAnalysis> convergence() {
        return Optional.ofNullable(diagnosis.convergence());
    }

    public Optional<Severity> worstSeverity() {
        return diagnosis.worstSeverity();
    }

    /** Seconds to the expected switchover, while it converges. */
    public Optional<Double> etaSeconds() {
        return convergence().map(ConvergenceAnalysis::etaSeconds);
    }

    public Optional<Instant> etaAt() {
        return convergence().map(ConvergenceAnalysis::etaAt);
    }

    public Long remainingBytes() {
        return migration.memoryRemainingBytes();
    }

    /** What to do: from the convergence analysis' recommendation while it runs, fix-and-retry once it failed. */
    public Suggestion suggestion() {
        return switch (verdict) {
            case FAILED, TIMED_OUT -> Suggestion.FIX_CAUSE_AND_RETRY;
            case CONVERGING, SLOW, QUEUED -> Suggestion.WAIT;
            case NOT_CONVERGING -> convergence().map(a -> switch (a.recommendation().action()) {
                case FORCE_COMPLETE -> Suggestion.FORCE_COMPLETE;
                case ABORT -> Suggestion.ABORT_AND_RETRY_LATER;
                case WAIT -> Suggestion.WAIT;
            }).orElse(Suggestion.NONE);
            case INCONCLUSIVE, ABORTED, COMPLETED -> Suggestion.NONE;
        };
    }

    /** The pause force-complete would cost now (seconds), when it would pause the guest. */
    public Optional<Double> forceCompletePauseSeconds() {
        return convergence().map(ConvergenceAnalysis::forceComplete).map(ConvergenceAnalysis.ForceCompleteEstimate::pauseSeconds);
    }
}
