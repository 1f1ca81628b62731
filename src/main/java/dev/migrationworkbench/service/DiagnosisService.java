package dev.migrationworkbench.service;

import dev.migrationworkbench.cloud.EvidenceCollector;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.DiagnosisEngine;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.probe.client.HostProbes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Diagnoses a server: collects the evidence (Nova and the probe agents of the hosts involved),
 * adds every progress sample this connection already has of the focus migration, and, while that
 * migration runs, samples it by itself until the convergence verdict is confident or the policy's
 * bound is reached; then runs the diagnosis engine.
 */
public final class DiagnosisService {

    private final NovaGateway gateway;
    private final HostProbes probes;
    private final MigrationSampler sampler;
    private final CloudConnection.Pacer pacer;
    private final DiagnosisEngine engine = new DiagnosisEngine();
    /**
     * A watch context collected while calls failed (the source host's agent down: its nova.conf
     * unread, so Nova's defaults stand in) is collected again after this long, so the watch pane
     * judges on the host's settings once the fault ends rather than for the rest of the connection.
     */
    static final java.time.Duration RECOLLECT_INCOMPLETE = java.time.Duration.ofSeconds(10);

    private final Map<String, Evidence> watchContexts = new ConcurrentHashMap<>();

    DiagnosisService(NovaGateway gateway, HostProbes probes, MigrationSampler sampler, CloudConnection.Pacer pacer) {
        this.gateway = gateway;
        this.probes = probes;
        this.sampler = sampler;
        this.pacer = pacer;
    }

    /**
     * @param server      name or ID
     * @param migrationId the migration (ID or UUID) to focus on; null: the one in progress, else the newest
     * @param onSample    sees each new sample while sampling (e.g. to print progress)
     */
    public DiagnosisRun diagnose(String server, String migrationId, SamplingPolicy policy, Consumer<ProgressSample> onSample)
            throws InterruptedException {
        return diagnose(server, migrationId, policy, onSample, failed -> { });
    }

    /** @param onFailedSample sees each sample that could not be taken (sampling goes on) */
    public DiagnosisRun diagnose(String server, String migrationId, SamplingPolicy policy, Consumer<ProgressSample> onSample,
            Consumer<FailedSample> onFailedSample) throws InterruptedException {
        DiagnosisInProgress run = start(server, migrationId, policy);
        while (run.wantsSample()) {
            pacer.await(SamplingPolicy.INTERVAL);
            Optional<ProgressSample> sample = run.sample();
            sample.ifPresent(onSample);
            run.failure().ifPresent(e -> onFailedSample.accept(new FailedSample(run.round(), run.rounds(),
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())));
        }
        return run.finish();
    }

    /** Sample {@code round} of at most {@code rounds} could not be taken: the call failed ({@code reason}). */
    public record FailedSample(long round, long rounds, String reason) {
    }

    /**
     * A diagnosis that samples its running migration step by step (the triage steps many at once,
     * with one clock): the evidence collected now, the migration's current reading stored.
     */
    DiagnosisInProgress start(String server, String migrationId, SamplingPolicy policy) {
        return new DiagnosisInProgress(this, server, migrationId, policy);
    }

    /**
     * The same diagnosis over another gateway (a triage's shared lookups), sharing samples and
     * clock, each host's agent report asked once until {@link #forgetHostReports()}.
     */
    DiagnosisService over(NovaGateway other) {
        return new DiagnosisService(other, probes.rememberingReports(), sampler, pacer);
    }

    /** Host reports are asked again from now on (time has passed since they were asked). */
    void forgetHostReports() {
        probes.forgetReports();
    }

    MigrationSampler sampler() {
        return sampler;
    }

    /**
     * The diagnosis of earlier evidence with a newer reading of its migration and every sample this
     * connection has of it: no calls (the Overview's live refresh).
     */
    public DiagnosisRun rejudge(Evidence earlier, Migration now) {
        List<Migration> live = new ArrayList<>(earlier.liveMigrations());
        live.removeIf(m -> m.id() == now.id());
        if (now.inProgress()) {
            live.add(0, now);
        }
        List<Migration> history = new ArrayList<>(earlier.migrations());
        history.replaceAll(m -> m.id() == now.id() ? now : m);
        Evidence e = new Evidence(earlier.serverQuery(), earlier.collectedAt(), earlier.cloud(), earlier.server(),
                earlier.nameMatches(), live, history, earlier.actions(), earlier.services(), earlier.hypervisors(),
                earlier.serverGroup(), earlier.flavor(), earlier.hostTopologies(), List.of(),
                earlier.otherServersOnHosts(), earlier.calls());
        // the samples are the store's alone: the earlier evidence's already hold every sample of the refresh
        // before, so carrying them on would keep every sample of hours of watching (past the store's bound)
        return judge(withStoredSamples(e, now.id()), String.valueOf(now.id()));
    }

    /** The diagnosis of evidence already collected (a report, an evidence bundle): no calls. */
    public DiagnosisRun judge(Evidence evidence, String migrationId) {
        Diagnosis diagnosis = engine.diagnose(evidence, migrationId);
        return new DiagnosisRun(evidence, diagnosis, DiagnosisRun.outcomeOf(diagnosis));
    }

    private static boolean recollect(Evidence context) {
        return !context.failedCalls().isEmpty()
                && context.collectedAt().plus(RECOLLECT_INCOMPLETE).isBefore(java.time.Instant.now());
    }

    Evidence collect(String server, String migrationId) {
        try (EvidenceCollector collector = new EvidenceCollector(gateway)) {
            Evidence evidence = collector.collect(server);
            return probes.addTo(evidence, DiagnosisContext.hostsToProbe(evidence, migrationId));
        }
    }

    Evidence withStoredSamples(Evidence evidence, long migrationId) {
        List<ProgressSample> stored = new ArrayList<>(sampler.samples(migrationId));
        stored.removeIf(s -> evidence.samples().stream().anyMatch(e -> e.at() != null && e.at().equals(s.at())));
        return evidence.withSamples(stored);
    }

    static boolean confident(Evidence evidence, String migrationId) {
        Optional<ConvergenceAnalysis> a = new DiagnosisContext(evidence, migrationId).convergence();
        return a.isPresent() && a.get().verdict() != ConvergenceAnalysis.Verdict.INSUFFICIENT_DATA
                && a.get().confidence() != Confidence.LOW;
    }

    /**
     * The convergence analysis of a watched migration from the samples this connection has of it,
     * with the same inputs as a diagnosis (the flavor's RAM, the source host's nova.conf as its
     * agent reports it), so the watch pane and the wizard agree with {@code diagnose}. The server's
     * evidence is collected once per connection for this.
     */
    public Optional<ConvergenceAnalysis> convergence(Migration migration) {
        Evidence context = watchContexts.compute(migration.serverId(), (id, held) -> held != null && !recollect(held)
                ? held : collect(id, String.valueOf(migration.id())));
        Evidence evidence = new Evidence(context.serverQuery(), context.collectedAt(), context.cloud(), context.server(),
                context.nameMatches(), migration.inProgress() ? List.of(migration) : List.of(), List.of(migration),
                context.actions(), context.services(), context.hypervisors(), context.serverGroup(), context.flavor(),
                context.hostTopologies(), sampler.samples(migration.id()), context.otherServersOnHosts(), List.of());
        return new DiagnosisContext(evidence, String.valueOf(migration.id())).convergence();
    }
}
