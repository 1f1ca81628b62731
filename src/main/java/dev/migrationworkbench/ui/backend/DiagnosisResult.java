package dev.migrationworkbench.ui.backend;

import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.service.DiagnosisRun;
import java.util.List;

/**
 * A diagnosis as the Findings view shows it: the evidence it read, its outcome, the findings and
 * the notes on what it could not check (no agent, a refused call...).
 */
public record DiagnosisResult(Evidence evidence, DiagnosisRun.Outcome outcome, List<FindingItem> findings, List<Text> notes) {

    public DiagnosisResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }
}
