package dev.migrationworkbench.ui.backend;

import java.util.List;

/**
 * The findings of a diagnosis and the notes on what it could not check (no agent, a refused call...);
 * {@code inconclusive}: no finding, but calls the verdict depends on failed, so "no problem" cannot be said.
 */
public record DiagnosisResult(List<FindingItem> findings, List<Text> notes, boolean inconclusive) {

    public DiagnosisResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public DiagnosisResult(List<FindingItem> findings, List<Text> notes) {
        this(findings, notes, false);
    }
}
