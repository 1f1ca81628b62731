package dev.migrationworkbench.ui.wizard;

import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.model.Migration;

/** What the wizard acts on: a server's live migration and, when known, its convergence analysis. */
public record WizardTarget(String serverId, String serverName, Migration migration, ConvergenceAnalysis analysis) {
}
