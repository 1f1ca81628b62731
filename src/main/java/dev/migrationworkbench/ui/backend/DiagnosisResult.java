package dev.migrationworkbench.ui.backend;

import java.util.List;

/** The findings of a diagnosis and the notes on what it could not check (no agent, a refused call...). */
public record DiagnosisResult(List<FindingItem> findings, List<Text> notes) {

    public DiagnosisResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }
}
