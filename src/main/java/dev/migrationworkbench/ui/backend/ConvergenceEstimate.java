package dev.migrationworkbench.ui.backend;

import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The convergence analysis of a running live migration, as the Migrations view shows it. Any
 * figure the samples cannot support yet is null.
 *
 * @param verdict              will it converge
 * @param explanation          why (bundle message)
 * @param eta                  time left until switchover when converging
 * @param transferRateBytesPerSecond estimated bandwidth
 * @param dirtyRateBytesPerSecond    estimated dirty rate
 * @param currentMaxDowntimeMillis   Nova's current max downtime
 * @param nextDowntimeStepMillis     Nova's next max downtime step, and when it comes
 * @param nextDowntimeStepAt   when that step is applied
 * @param timeoutAt            when Nova's completion timeout fires (null: disabled)
 * @param timeoutAction        {@code abort} or {@code force_complete}
 * @param forceCompleteDowntime downtime if force-completed now (pause path)
 * @param passBoundaries       instants at which a pass over guest memory ended (its lowest remaining)
 * @param analysis             the full analysis (recommendation, force-complete path) for the wizard; may be null
 */
public record ConvergenceEstimate(
        Verdict verdict,
        Text explanation,
        Duration eta,
        Double transferRateBytesPerSecond,
        Double dirtyRateBytesPerSecond,
        Long currentMaxDowntimeMillis,
        Long nextDowntimeStepMillis,
        Instant nextDowntimeStepAt,
        Instant timeoutAt,
        String timeoutAction,
        Duration forceCompleteDowntime,
        List<Instant> passBoundaries,
        ConvergenceAnalysis analysis) {

    public ConvergenceEstimate {
        passBoundaries = passBoundaries == null ? List.of() : List.copyOf(passBoundaries);
    }

    public enum Verdict {
        UNKNOWN,
        CONVERGING,
        SLOW,
        NOT_CONVERGING,
        /** in post-copy: the guest already runs on the destination */
        POST_COPY,
        ENDED
    }

    /** A migration that is no longer running: no forecast, no downtime schedule, no next step. */
    public static ConvergenceEstimate ended(String status) {
        return new ConvergenceEstimate(Verdict.ENDED, Text.of("migrations.verdict.endedWith", status), null, null, null,
                null, null, null, null, null, null, List.of(), null);
    }
}
