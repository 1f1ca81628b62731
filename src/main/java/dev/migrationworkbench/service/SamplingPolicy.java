package dev.migrationworkbench.service;

import java.time.Duration;

/**
 * How long a diagnosis samples its running migration before judging it.
 *
 * @param bound          at most this long
 * @param stopWhenConfident stop as soon as the convergence verdict is confident (else: sample for the whole bound)
 */
public record SamplingPolicy(Duration bound, boolean stopWhenConfident) {

    /** Nova saves a running migration's progress every 5 s (libvirt driver's monitor loop). */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);

    public SamplingPolicy {
        if (bound == null || bound.isNegative()) {
            throw new IllegalArgumentException("sampling bound must be zero or positive, not " + bound);
        }
    }

    /** The default: until the verdict is confident, at most 30 s. */
    public static SamplingPolicy standard() {
        return new SamplingPolicy(DEFAULT_BOUND, true);
    }

    /** Exactly this long (or until the migration ends): the user asked to watch. */
    public static SamplingPolicy watch(Duration duration) {
        return new SamplingPolicy(duration, false);
    }

    /** No sampling: judge from what is already known. */
    public static SamplingPolicy none() {
        return new SamplingPolicy(Duration.ZERO, false);
    }
}
