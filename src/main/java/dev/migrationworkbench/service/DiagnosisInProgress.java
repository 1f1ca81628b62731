package dev.migrationworkbench.service;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import java.util.Optional;

/**
 * One diagnosis while its running focus migration is sampled: collected at the start, sampled a
 * step at a time (whoever owns the clock waits {@link SamplingPolicy#INTERVAL} between steps),
 * collected again when sampling ends, then judged. {@code diagnose} steps one; the triage steps
 * all running migrations of a cloud on one clock, so each gets the samples it would get alone.
 */
final class DiagnosisInProgress {

    private final DiagnosisService service;
    private final String server;
    private final String migrationId;
    private final SamplingPolicy policy;
    private final Evidence first;
    private final Migration focus;
    private final long rounds;
    private Evidence evidence;
    private long round;
    private int taken;
    private boolean stopped;
    private RuntimeException failure;

    DiagnosisInProgress(DiagnosisService service, String server, String migrationId, SamplingPolicy policy) {
        this.service = service;
        this.server = server;
        this.migrationId = migrationId;
        this.policy = policy;
        this.first = service.collect(server, migrationId);
        this.focus = first.server() == null ? null
                : new DiagnosisContext(first, migrationId).migration().filter(Migration::inProgress).orElse(null);
        this.rounds = policy.bound().toSeconds() / SamplingPolicy.INTERVAL.toSeconds();
        if (focus != null && focus.hasProgress()) {
            service.sampler().record(focus);
        }
        this.evidence = focus == null ? first : service.withStoredSamples(first, focus.id());
    }

    /** Does it want another sample (running, within the policy's bound, not yet confident when that is enough)? */
    boolean wantsSample() {
        return focus != null && !stopped && round < rounds
                && !(policy.stopWhenConfident() && DiagnosisService.confident(evidence, migrationId));
    }

    /**
     * Takes the next sample (after the clock moved on); empty once the migration stopped running,
     * or when the sample could not be taken ({@link #failure()}): sampling goes on, a cloud that
     * failed a moment may answer at the next interval, and the final collection records what still fails.
     */
    Optional<ProgressSample> sample() {
        round++;
        failure = null;
        Optional<Migration> now;
        try {
            now = service.sampler().inProgress(first.server().id(), String.valueOf(focus.id()));
        } catch (RuntimeException e) {
            failure = e;
            return Optional.empty();
        }
        if (now.isEmpty() || !now.get().hasProgress()) {
            stopped = true;
            return Optional.empty();
        }
        ProgressSample sample = service.sampler().record(now.get());
        taken++;
        evidence = service.withStoredSamples(first, focus.id());
        return Optional.of(sample);
    }

    /** Why the last {@link #sample()} took none, if it failed. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Which sample the last {@link #sample()} was, and how many there will be at most. */
    long round() {
        return round;
    }

    long rounds() {
        return rounds;
    }

    /** Judges it: on the evidence collected again after sampling (the migration may have ended meanwhile). */
    DiagnosisRun finish() {
        Evidence last = taken == 0 ? evidence : service.withStoredSamples(service.collect(server, migrationId), focus.id());
        return service.judge(last, migrationId);
    }
}
