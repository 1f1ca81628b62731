package dev.migrationworkbench.cli;

import dev.migrationworkbench.cloud.CloudProfile;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.cloud.EvidenceCollector;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.OpenStackNovaGateway;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.probe.client.CertificatePins;
import dev.migrationworkbench.probe.client.HostProbes;
import dev.migrationworkbench.probe.client.ProbeClient;
import dev.migrationworkbench.probe.client.ProbeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One diagnosis run against a cloud (a clouds.yaml profile or the embedded demo cloud): collects the
 * evidence, the probe agents' reports of the hosts involved, and, when watching, progress samples
 * of the running migration every 5 seconds (virtual seconds on the demo cloud, whose clock it steps).
 */
final class DiagnosisSession implements AutoCloseable {

    static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);

    private final NovaGateway gateway;
    private final EvidenceCollector collector;
    private final HostProbes probes;
    private final Consumer<Duration> waiter;
    private final AutoCloseable resources;

    private DiagnosisSession(NovaGateway gateway, HostProbes probes, Consumer<Duration> waiter, AutoCloseable resources) {
        this.gateway = gateway;
        this.collector = new EvidenceCollector(gateway);
        this.probes = probes;
        this.waiter = waiter;
        this.resources = resources;
    }

    /** A real cloud: the clouds.yaml / OS_* profile, the probe agents of the user's settings. */
    static DiagnosisSession cloud(CloudProfiles profiles, String cloudName, AppDirs dirs) throws IOException {
        CloudProfile profile = profiles.resolve(cloudName);
        NovaGateway gateway = OpenStackNovaGateway.connect(profile);
        ProbeClient client = new ProbeClient(ProbeSettings.load(dirs.config()), CertificatePins.load(dirs.config()));
        return new DiagnosisSession(gateway, new HostProbes(client), DiagnosisSession::sleep, () -> { });
    }

    /**
     * The embedded demo cloud with a built-in scenario (or a scenario file), its clock stepped by
     * {@code settle} before the first collection so the scenario reaches its described state.
     */
    static DiagnosisSession demo(String scenario, Duration settle, Path workDir) throws IOException {
        Path file = Path.of(scenario);
        DemoCloudOptions options = scenario.endsWith(".yaml") || scenario.endsWith(".yml") || Files.isRegularFile(file)
                ? DemoCloudOptions.defaults().withScenario(file) : DemoCloudOptions.defaults().withScenario(scenario);
        DemoCloud demo = DemoCloud.start(options.withSpeed(0));
        try {
            demo.clock().advance(settle);
            return demo(demo, workDir, demo);
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    /**
     * A running demo cloud (its clock stepped while watching) over its real HTTP API and its
     * simulated probe agents; {@code owned} is closed with the session (null: the caller closes it).
     */
    static DiagnosisSession demo(DemoCloud demo, Path workDir, AutoCloseable owned) throws IOException {
        Path token = Files.createTempFile(workDir, "demo-probe-token", "");
        Files.writeString(token, demo.probeToken());
        Map<String, URI> agents = new LinkedHashMap<>();
        demo.hostNames().forEach(h -> agents.put(h, URI.create(demo.probeUrl(h))));
        ProbeClient client = new ProbeClient(new ProbeSettings(null, agents, token, null, null, null),
                CertificatePins.load(workDir));
        CloudProfile profile = CloudProfile.password("demo", demo.authUrl(), demo.username(), demo.password(),
                demo.userDomainName(), demo.projectName(), demo.projectDomainName(), demo.regionName());
        NovaGateway gateway = OpenStackNovaGateway.connect(profile);
        return new DiagnosisSession(gateway, new HostProbes(client), d -> demo.clock().advance(d), () -> {
            Files.deleteIfExists(token);
            if (owned != null) {
                owned.close();
            }
        });
    }

    /**
     * The evidence of {@code server}; with {@code watchSeconds} > 0 and a live migration in progress,
     * its progress is sampled every 5 s for that long ({@code onSample} sees each sample) and the
     * evidence is collected again at the end.
     */
    Evidence gather(String server, String migrationId, int watchSeconds, Consumer<ProgressSample> onSample) {
        Evidence first = withHosts(collector.collect(server), migrationId);
        if (watchSeconds <= 0 || first.server() == null) {
            return first;
        }
        String id = first.server().id();
        List<ProgressSample> watched = new ArrayList<>();
        for (long waited = 0; waited + SAMPLE_INTERVAL.toSeconds() <= watchSeconds; waited += SAMPLE_INTERVAL.toSeconds()) {
            waiter.accept(SAMPLE_INTERVAL);
            Optional<Migration> live;
            try {
                live = pick(gateway.listInProgressLiveMigrations(id), migrationId);
            } catch (RuntimeException e) {
                break;
            }
            if (live.isEmpty() || !live.get().hasProgress()) {
                break;
            }
            Migration m = live.get();
            ProgressSample s = m.toSample();
            ProgressSample sample = probes.jobStats(m.sourceCompute(), id)
                    .map(stats -> new ProgressSample(s.at(), s.status(), s.memoryTotalBytes(), s.memoryProcessedBytes(),
                            s.memoryRemainingBytes(), s.diskTotalBytes(), s.diskProcessedBytes(), s.diskRemainingBytes(), stats))
                    .orElse(s);
            watched.add(sample);
            onSample.accept(sample);
        }
        Evidence last = withHosts(collector.collect(server), migrationId);
        List<ProgressSample> all = new ArrayList<>(first.samples());
        all.addAll(watched);
        all.addAll(last.samples());
        return new Evidence(last.serverQuery(), last.collectedAt(), last.cloud(), last.server(), last.nameMatches(),
                last.liveMigrations(), last.migrations(), last.actions(), last.services(), last.hypervisors(),
                last.serverGroup(), last.flavor(), last.hostTopologies(), all, last.otherServersOnHosts(), last.calls());
    }

    /** Adds the probe reports of the server's host and the focus migration's source and destination. */
    private Evidence withHosts(Evidence evidence, String migrationId) {
        return probes.addTo(evidence, DiagnosisContext.hostsToProbe(evidence, migrationId));
    }

    private static Optional<Migration> pick(List<Migration> live, String migrationId) {
        return live.stream()
                .filter(m -> migrationId == null || migrationId.equals(String.valueOf(m.id())) || migrationId.equalsIgnoreCase(m.uuid()))
                .findFirst();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching", e);
        }
    }

    @Override
    public void close() {
        collector.close();
        try {
            gateway.close();
            resources.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
