package dev.migrationworkbench.diagnosis;

import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.Migration;
import java.util.List;
import java.util.Optional;

/**
 * The result of one diagnosis: findings worst and most likely cause first, what could not be
 * checked, the migration the diagnosis focused on (null when there is none), while that
 * migration runs its convergence analysis, and its hosts' NUMA/NIC diff when agents reported both
 * (each null otherwise). {@code failedEssentialCalls} are the calls the verdict depends on that
 * failed: without findings the diagnosis is then {@link #inconclusive()}, not "no problem found".
 */
public record Diagnosis(
        Subject server,
        Migration migration,
        List<Finding> findings,
        List<Note> notes,
        ConvergenceAnalysis convergence,
        NumaDiff numaDiff,
        List<ApiCall> failedEssentialCalls) {

    public Diagnosis {
        findings = findings == null ? List.of() : List.copyOf(findings);
        notes = notes == null ? List.of() : List.copyOf(notes);
        failedEssentialCalls = failedEssentialCalls == null ? List.of() : List.copyOf(failedEssentialCalls);
    }

    /** No finding, but calls the verdict depends on failed: whether there is a problem is not known. */
    public boolean inconclusive() {
        return findings.isEmpty() && !failedEssentialCalls.isEmpty();
    }

    public boolean hasFindings() {
        return !findings.isEmpty();
    }

    public Optional<Severity> worstSeverity() {
        return findings.stream().map(Finding::severity).min(Enum::compareTo);
    }

    public List<FindingCode> codes() {
        return findings.stream().map(Finding::code).distinct().toList();
    }
}
