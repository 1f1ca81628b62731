package dev.migrationworkbench.diagnosis.convergence;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.TextRef;
import java.time.Instant;
import java.util.List;

/**
 * Will a running live migration converge, when, and what would aborting or force-completing it
 * cost now. Rates in bytes per second, times in seconds; a null figure could not be estimated.
 *
 * @param dirtyRateIsLowerBound the remaining memory sits at the guest's working set (every page is dirty
 *                          again before it is sent): the guest dirties at least {@code dirtyRateBytesPerSecond}
 * @param passMinima        the lowest remaining bytes of each pass (or time slice when passes cannot be told apart)
 * @param minimaChangePerMinute relative change of those minima per minute (−0.3: shrinking 30 % a minute)
 * @param etaSeconds        seconds from {@code now} to the expected switchover, null when it will not happen
 * @param switchoverDowntimeMs the Nova max downtime at which the switchover is expected
 * @param reasons           why the verdict, in plain words (message keys)
 */
public record ConvergenceAnalysis(
        Verdict verdict,
        Confidence confidence,
        Instant now,
        int sampleCount,
        boolean fromJobStats,
        Double bandwidthBytesPerSecond,
        Double dirtyRateBytesPerSecond,
        boolean dirtyRateIsLowerBound,
        Long remainingBytes,
        Long memoryTotalBytes,
        int passBoundaries,
        List<PassMinimum> passMinima,
        Double minimaChangePerMinute,
        double elapsedSeconds,
        NovaSchedule schedule,
        int currentDowntimeMs,
        NovaSchedule.Step nextStep,
        Instant nextStepAt,
        Instant timeoutAt,
        Double etaSeconds,
        Instant etaAt,
        Integer switchoverDowntimeMs,
        ForceCompleteEstimate forceComplete,
        Recommendation recommendation,
        List<TextRef> reasons) {

    public ConvergenceAnalysis {
        passMinima = passMinima == null ? List.of() : List.copyOf(passMinima);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public enum Verdict {
        CONVERGING,
        SLOW,
        NOT_CONVERGING,
        /** in post-copy: it completes, the guest already runs on the destination */
        POST_COPY,
        /** not running (queued, completed, failed, ...) */
        NOT_RUNNING,
        /** too few samples to judge */
        INSUFFICIENT_DATA
    }

    public record PassMinimum(int index, Instant at, long remainingBytes) {
    }

    /** ρ = dirty rate / bandwidth, when both are known. */
    public Double dirtyRatio() {
        if (dirtyRateIsLowerBound) {
            return null;
        }
        return bandwidthBytesPerSecond == null || dirtyRateBytesPerSecond == null || bandwidthBytesPerSecond <= 0 ? null
                : dirtyRateBytesPerSecond / bandwidthBytesPerSecond;
    }

    /**
     * What force-complete would cost now. PAUSE: the guest is paused until the rest is copied
     * ({@code pauseSeconds}, up to {@code pauseUpperSeconds}). POST_COPY: a short switchover, then the
     * guest runs on the destination with degraded performance for {@code degradedSeconds}, and a
     * network failure in that window loses it. {@code pathFromHostConfig} is false when the host's
     * nova.conf was not known and Nova's default (no post-copy: pause) was assumed.
     */
    public record ForceCompleteEstimate(Path path, boolean pathFromHostConfig, Double pauseSeconds,
            Double pauseUpperSeconds, Double degradedSeconds) {

        public enum Path {
            PAUSE,
            POST_COPY
        }
    }

    public record Recommendation(Action action, List<TextRef> reasons) {

        public Recommendation {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        public enum Action {
            WAIT,
            ABORT,
            FORCE_COMPLETE
        }
    }
}
