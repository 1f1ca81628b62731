package dev.migrationworkbench.ui;

import dev.migrationworkbench.action.AuditLog;
import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.report.PdfReport;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import dev.migrationworkbench.cloud.CloudProfile;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.cloud.EvidenceCollector;
import dev.migrationworkbench.cloud.MigrationPage;
import dev.migrationworkbench.cloud.MigrationQuery;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.OpenStackNovaGateway;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.DiagnosisEngine;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalyzer;
import dev.migrationworkbench.diagnosis.convergence.LiveMigrationSettings;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.diagnosis.numa.NumaDiffer;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.probe.client.CertificatePins;
import dev.migrationworkbench.probe.client.HostProbes;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.probe.client.ProbeClient;
import dev.migrationworkbench.probe.client.ProbeSettings;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.backend.DiagnosisResult;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.backend.ServerPage;
import dev.migrationworkbench.ui.backend.Text;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The production {@link WorkbenchBackend}: the Nova gateway (on a clouds.yaml profile or the
 * embedded demo cloud), the evidence collector, the probe client and the diagnosis.
 */
final class ServicesBackend implements WorkbenchBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ServicesBackend.class);

    private final CloudProfiles profiles;
    private final List<String> scenarios;
    private final Path scenarioFile;
    private final Path configDir;
    private final AuditLog audit;
    private ProbeClient probes;
    private Path demoToken;
    private final DiagnosisEngine engine = new DiagnosisEngine();
    private final ConvergenceAnalyzer analyzer = new ConvergenceAnalyzer();
    private volatile NovaGateway gateway;
    private volatile DemoCloud demo;

    /**
     * @param scenarioFile a scenario file the demo cloud runs instead of a built-in one (null: the
     *                     chosen built-in scenario)
     */
    ServicesBackend(CloudProfiles profiles, List<String> scenarios, Path scenarioFile, AppDirs dirs) {
        this.profiles = profiles;
        this.configDir = dirs.config();
        this.audit = new AuditLog(dirs.data());
        this.scenarios = List.copyOf(scenarios);
        this.scenarioFile = scenarioFile;
    }

    /** On the user's clouds.yaml / OS_* variables and the probe agent settings in the config dir. */
    static ServicesBackend create(AppDirs dirs) {
        return new ServicesBackend(CloudProfiles.standard(), builtInScenarios(), null, dirs);
    }

    /** The demo cloud's built-in scenarios: {@code demo}, then one per finding code (those shipped). */
    static List<String> builtInScenarios() {
        List<String> names = new ArrayList<>();
        names.add("demo");
        for (FindingCode code : FindingCode.values()) {
            names.add(code.scenarioName());
        }
        return names.stream().filter(n -> DemoCloud.class.getResource("/scenarios/" + n + ".yaml") != null).toList();
    }

    @Override
    public List<ConnectTarget> targets() {
        List<ConnectTarget> targets = new ArrayList<>();
        profiles.cloudNames().forEach(name -> targets.add(ConnectTarget.cloud(name)));
        scenarios.forEach(name -> targets.add(ConnectTarget.demo(name)));
        return targets;
    }

    @Override
    public synchronized CloudInfo connect(ConnectTarget target) throws Exception {
        close();
        CloudProfile profile;
        if (target.isDemo()) {
            DemoCloudOptions options = scenarioFile != null ? DemoCloudOptions.defaults().withScenario(scenarioFile)
                    : DemoCloudOptions.defaults().withScenario(target.scenario());
            demo = DemoCloud.start(options.withPort(0));
            probes = demoProbes(demo);
            profile = CloudProfile.password("demo", demo.authUrl(), demo.username(), demo.password(),
                    demo.userDomainName(), demo.projectName(), demo.projectDomainName(), demo.regionName());
        } else {
            profile = profiles.load(target.name());
            probes = null;
        }
        gateway = OpenStackNovaGateway.connect(profile);
        return gateway.cloudInfo();
    }

    private NovaGateway gateway() {
        NovaGateway g = gateway;
        if (g == null) {
            throw new IllegalStateException("Not connected: choose a cloud in the Connect view first.");
        }
        return g;
    }

    @Override
    public ServerPage servers(String marker, int limit) {
        var page = gateway().listServersPage(null, marker, limit);
        return new ServerPage(page.servers(), page.nextMarker());
    }

    @Override
    public List<Migration> migrations() {
        MigrationPage page = gateway().listMigrations(MigrationQuery.all());
        List<Migration> all = new ArrayList<>(page.migrations());
        while (page.nextMarker() != null) {
            page = gateway().listMigrations(MigrationQuery.all().withPage(null, page.nextMarker()));
            all.addAll(page.migrations());
        }
        return all;
    }

    @Override
    public Migration migration(String serverId, long migrationId) {
        return gateway().currentMigration(serverId, migrationId);
    }

    @Override
    public Evidence evidence(String serverQuery) throws IOException {
        Evidence evidence;
        try (EvidenceCollector collector = new EvidenceCollector(gateway())) {
            evidence = collector.collect(serverQuery);
        }
        return withTopologies(evidence);
    }

    /**
     * Adds what the probe agents of the hosts involved report; an agent that cannot be asked is
     * recorded as a failed call, so the diagnosis says what it could not check.
     */
    private Evidence withTopologies(Evidence e) throws IOException {
        return new HostProbes(probes()).addTo(e, DiagnosisContext.hostsToProbe(e, null));
    }

    @Override
    public void writeReport(Evidence evidence, Locale locale, Path file) throws IOException {
        new PdfReport(locale, ZoneId.systemDefault()).write(evidence, engine.diagnose(evidence), file);
    }

    @Override
    public MigrationActions migrationActions() {
        return new MigrationActions(gateway(), audit, Clock.systemUTC());
    }

    @Override
    public HostTopology hostTopology(String host) throws Exception {
        return probes().host(host).topology();
    }

    /** The demo cloud's simulated agents (plain HTTP on loopback) with its per-start token. */
    private ProbeClient demoProbes(DemoCloud cloud) throws IOException {
        Map<String, URI> urls = new LinkedHashMap<>();
        cloud.hostNames().forEach(host -> urls.put(host, URI.create(cloud.probeUrl(host))));
        demoToken = Files.createTempFile("mw-demo-probe", ".token");
        Files.writeString(demoToken, cloud.probeToken());
        return new ProbeClient(new ProbeSettings(null, urls, demoToken, null, null, null), CertificatePins.load(configDir));
    }

    private synchronized ProbeClient probes() throws IOException {
        if (probes == null) {
            probes = new ProbeClient(ProbeSettings.load(configDir), CertificatePins.load(configDir));
        }
        return probes;
    }

    @Override
    public List<String> computeHosts() {
        return gateway().listComputeServices(null).stream().map(ComputeService::host).distinct().sorted().toList();
    }

    @Override
    public DiagnosisResult diagnose(Evidence evidence) {
        Diagnosis diagnosis = engine.diagnose(evidence);
        return new DiagnosisResult(diagnosis.findings().stream().map(f -> item(f, evidence.calls())).toList(),
                diagnosis.notes().stream().map(n -> text(n.text())).toList(), diagnosis.inconclusive());
    }

    static FindingItem item(Finding f, List<ApiCall> calls) {
        return new FindingItem(FindingItem.Severity.valueOf(f.severity().name()), f.code().name(),
                f.subject() == null ? null : f.subject().name(), text(f.title()), text(f.explanation()),
                f.evidence().stream().map(e -> new FindingItem.Fact(e.source(), e.field(), e.value(), raw(e, calls))).toList(),
                f.remediation().stream().map(r -> new FindingItem.Step(text(r.text()), r.commands())).toList());
    }

    /** The raw response of the call a fact was read from: "GET /os-services" matches a GET whose URL holds that path. */
    static String raw(EvidenceItem fact, List<ApiCall> calls) {
        String source = fact.source() == null ? "" : fact.source();
        int space = source.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String method = source.substring(0, space);
        String path = source.substring(space + 1).split("\\?")[0];
        return calls.stream()
                .filter(c -> method.equalsIgnoreCase(c.method()) && c.url() != null && c.url().split("\\?")[0].endsWith(path))
                .map(ApiCall::responseBody).filter(b -> b != null && !b.isBlank()).findFirst().orElse(null);
    }

    static Text text(TextRef ref) {
        return new Text(ref.key(), ref.args());
    }

    @Override
    public ConvergenceEstimate convergence(Migration migration, List<ProgressSample> samples) {
        long ram = migration.memoryTotalBytes() == null ? 0 : migration.memoryTotalBytes();
        ConvergenceAnalysis a = analyzer.analyze(samples, new ConvergenceAnalyzer.MigrationFacts(migration.status(),
                migration.createdAt(), ram, 0, LiveMigrationSettings.defaults(), null));
        ConvergenceEstimate.Verdict verdict = switch (a.verdict()) {
            case CONVERGING -> ConvergenceEstimate.Verdict.CONVERGING;
            case SLOW -> ConvergenceEstimate.Verdict.SLOW;
            case NOT_CONVERGING -> ConvergenceEstimate.Verdict.NOT_CONVERGING;
            case POST_COPY -> ConvergenceEstimate.Verdict.POST_COPY;
            case NOT_RUNNING -> ConvergenceEstimate.Verdict.ENDED;
            case INSUFFICIENT_DATA -> ConvergenceEstimate.Verdict.UNKNOWN;
        };
        var fc = a.forceComplete();
        Double pause = fc == null ? null : fc.path() == ConvergenceAnalysis.ForceCompleteEstimate.Path.PAUSE ? fc.pauseSeconds() : null;
        return new ConvergenceEstimate(verdict, a.reasons().isEmpty() ? null : text(a.reasons().get(0)),
                a.etaSeconds() == null ? null : Duration.ofMillis((long) (a.etaSeconds() * 1000)),
                a.bandwidthBytesPerSecond(), a.dirtyRateBytesPerSecond(), (long) a.currentDowntimeMs(),
                a.nextStep() == null ? null : (long) a.nextStep().downtimeMs(), a.nextStepAt(), a.timeoutAt(),
                a.schedule() == null ? null : a.schedule().settings().timeoutAction(),
                pause == null ? null : Duration.ofMillis((long) (pause * 1000)),
                a.passMinima().stream().map(ConvergenceAnalysis.PassMinimum::at).toList(), a);
    }

    @Override
    public HostComparison compareHosts(HostTopology source, HostTopology destination, String serverId) {
        // after the migration the instance's placement is on the destination, before it on the source
        boolean numaBound = serverId != null && java.util.stream.Stream.concat(source.instances().stream(),
                destination.instances().stream()).anyMatch(p -> serverId.equals(p.instanceUuid())
                && (!p.pinnedCpus().isEmpty() || !p.memoryNodes().isEmpty()));
        NumaDiff diff = new NumaDiffer().diff(source, destination, serverId, numaBound);
        List<HostComparison.Row> rows = new ArrayList<>();
        rows.add(row(Text.of("hosts.aspect.release"), source.release(), destination.release(), false));
        rows.add(row(Text.of("hosts.aspect.novaCompute"), source.novaComputeVersion(), destination.novaComputeVersion(), false));
        rows.add(row(Text.of("hosts.aspect.cpuModel"), source.cpuModel(), destination.cpuModel(), false));
        rows.add(row(Text.of("hosts.aspect.nodeCount"), Integer.toString(source.numaNodes().size()),
                Integer.toString(destination.numaNodes().size()), harmful(diff, "NUMA nodes")));
        for (NumaDiff.NodeRow node : diff.nodes()) {
            rows.add(new HostComparison.Row(Text.of("hosts.aspect.node", node.node()), node(node.source()), node(node.dest()),
                    difference(!node.differing().isEmpty(), harmful(diff, "node " + node.node()))));
        }
        for (NumaDiff.NicRow nic : diff.nics()) {
            rows.add(new HostComparison.Row(Text.of(nic.usedByInstance() ? "hosts.aspect.nicUsed" : "hosts.aspect.nic", nic.name()),
                    nic(nic.source()), nic(nic.dest()), difference(!nic.differing().isEmpty(), harmful(diff, nic.name()))));
        }
        if (diff.instanceAtSource() != null || diff.instanceAtDest() != null) {
            rows.add(row(Text.of("hosts.aspect.instance"), instance(diff.instanceAtSource()), instance(diff.instanceAtDest()),
                    false));
        }
        return new HostComparison(source, destination, rows, List.of());
    }

    private static boolean harmful(NumaDiff diff, String subject) {
        return diff.harmful().stream().anyMatch(d -> d.subject().equals(subject) || d.subject().startsWith(subject + " "));
    }

    private static HostComparison.Row row(Text aspect, String source, String dest, boolean harmful) {
        String a = source == null ? "—" : source;
        String b = dest == null ? "—" : dest;
        return new HostComparison.Row(aspect, a, b, difference(!a.equals(b), harmful));
    }

    private static HostComparison.Difference difference(boolean different, boolean harmful) {
        return harmful ? HostComparison.Difference.PROBLEM
                : different ? HostComparison.Difference.DIFFERENT : HostComparison.Difference.SAME;
    }

    private static String node(NumaDiff.NodeSide side) {
        if (side == null) {
            return "—";
        }
        StringBuilder text = new StringBuilder("CPU ").append(CpuList.format(side.cpus()))
                .append(String.format(" · %,d MiB", side.memoryTotalMb()));
        side.hugepages().forEach((size, pool) -> text.append(" · ").append(size >= 1048576 ? size / 1048576 + "G" : size / 1024 + "M").append(" ").append(pool.free())
                .append("/").append(pool.total()));
        if (!side.pinnedByOthers().isEmpty()) {
            text.append(" · pinned ").append(CpuList.format(side.pinnedByOthers()));
        }
        if (side.usedByInstance()) {
            text.append(" · ★");
        }
        return text.toString();
    }

    private static String nic(NumaDiff.NicSide side) {
        if (side == null) {
            return "—";
        }
        return "node " + side.numaNode() + " · " + side.pciAddress() + (side.physnet() == null ? "" : " · " + side.physnet())
                + (side.speedMbps() == null ? "" : " · " + side.speedMbps() / 1000 + "G");
    }

    private static String instance(NumaDiff.InstanceSide side) {
        if (side == null) {
            return "—";
        }
        return "node " + side.nodes() + " · CPU " + CpuList.format(side.pinnedCpus()) + " · " + String.join(", ", side.nics());
    }

    @Override
    public synchronized void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (demo != null) {
            demo.close();
            demo = null;
        }
        if (demoToken != null) {
            try {
                Files.deleteIfExists(demoToken);
            } catch (IOException e) {
                LOG.debug("could not delete {}", demoToken, e);
            }
            demoToken = null;
        }
    }
}
