package dev.migrationworkbench.service;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.model.Evidence;

/**
 * One diagnosis: the evidence it read (with every sample), what it found, and the outcome that
 * window, command line and report all state.
 */
public record DiagnosisRun(Evidence evidence, Diagnosis diagnosis, Outcome outcome) {

    public enum Outcome {
        /** Nothing wrong, and nothing that should have been judged was left unjudged. */
        NO_PROBLEM,
        /** At least one finding. */
        FINDINGS,
        /**
         * No finding, but no verdict either: calls the verdict depends on failed, or a running
         * migration could not be judged.
         */
        INCONCLUSIVE
    }

    /**
     * The outcome of a diagnosis: failed essential calls, or a running focus migration without a
     * convergence verdict, are never "no problem".
     */
    public static Outcome outcomeOf(Diagnosis diagnosis) {
        if (diagnosis.hasFindings()) {
            return Outcome.FINDINGS;
        }
        if (diagnosis.inconclusive()) {
            return Outcome.INCONCLUSIVE;
        }
        boolean running = diagnosis.migration() != null && diagnosis.migration().inProgress();
        boolean judged = diagnosis.convergence() != null
                && diagnosis.convergence().verdict() != dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict.INSUFFICIENT_DATA;
        return running && !judged ? Outcome.INCONCLUSIVE : Outcome.NO_PROBLEM;
    }
}
