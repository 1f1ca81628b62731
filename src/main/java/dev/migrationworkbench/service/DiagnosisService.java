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
        Evidence evidence = collect(server, migrationId);
        Optional<Migration> focus = new DiagnosisContext(evidence, migrationId).migration().filter(Migration::inProgress);
        if (focus.isPresent() && evidence.server() != null) {
            evidence = sampleWhileRunning(server, evidence, focus.get(), migrationId, policy, onSample);
        }
        return judge(evidence, migrationId);
    }

    /** The diagnosis of evidence already collected (a report, an evidence bundle): no calls. */
    public DiagnosisRun judge(Evidence evidence, String migrationId) {
        Diagnosis diagnosis = engine.diagnose(evidence, migrationId);
        return new DiagnosisRun(evidence, diagnosis, DiagnosisRun.outcomeOf(diagnosis));
    }

    private Evidence collect(String server, String migrationId) {
        try (EvidenceCollector collector = new EvidenceCollector(gateway)) {
            Evidence evidence = collector.collect(server);
            return probes.addTo(evidence, DiagnosisContext.hostsToProbe(evidence, migrationId));
        }
    }

    private Evidence sampleWhileRunning(String server, Evidence first, Migration focus, String migrationId,
            SamplingPolicy policy, Consumer<ProgressSample> onSample) throws InterruptedException {
        String serverId = first.server().id();
        if (focus.hasProgress()) {
            sampler.record(focus);
        }
        Evidence evidence = withStoredSamples(first, focus.id());
        long rounds = policy.bound().toSeconds() / SamplingPolicy.INTERVAL.toSeconds();
        int taken = 0;
        for (long i = 0; i < rounds; i++) {
            if (policy.stopWhenConfident() && confident(evidence, migrationId)) {
                break;
            }
            pacer.await(SamplingPolicy.INTERVAL);
            Optional<Migration> now;
            try {
                now = sampler.inProgress(serverId, String.valueOf(focus.id()));
            } catch (RuntimeException e) {
                break; // the final collection below records what failed
            }
            if (now.isEmpty() || !now.get().hasProgress()) {
                break;
            }
            onSample.accept(sampler.record(now.get()));
            taken++;
            evidence = withStoredSamples(first, focus.id());
        }
        if (taken == 0) {
            return evidence;
        }
        // the state after sampling: the migration may have ended meanwhile
        return withStoredSamples(collect(server, migrationId), focus.id());
    }

    private Evidence withStoredSamples(Evidence evidence, long migrationId) {
        List<ProgressSample> stored = new ArrayList<>(sampler.samples(migrationId));
        stored.removeIf(s -> evidence.samples().stream().anyMatch(e -> e.at() != null && e.at().equals(s.at())));
        return evidence.withSamples(stored);
    }

    private static boolean confident(Evidence evidence, String migrationId) {
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
        Evidence context = watchContexts.computeIfAbsent(migration.serverId(),
                id -> collect(id, String.valueOf(migration.id())));
        Evidence evidence = new Evidence(context.serverQuery(), context.collectedAt(), context.cloud(), context.server(),
                context.nameMatches(), migration.inProgress() ? List.of(migration) : List.of(), List.of(migration),
                context.actions(), context.services(), context.hypervisors(), context.serverGroup(), context.flavor(),
                context.hostTopologies(), sampler.samples(migration.id()), context.otherServersOnHosts(), List.of());
        return new DiagnosisContext(evidence, String.valueOf(migration.id())).convergence();
    }
}
