package dev.migrationworkbench.ui;

import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.report.PdfReport;
import dev.migrationworkbench.service.CloudConnection;
import dev.migrationworkbench.service.TriageService;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.service.SamplingPolicy;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.backend.DiagnosisResult;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.service.ServerPage;
import dev.migrationworkbench.ui.backend.Text;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The production {@link WorkbenchBackend}: an adapter from the views to the service layer. It
 * holds the current {@link CloudConnection} (a clouds.yaml cloud or the embedded demo cloud) and
 * turns the service's data into the views' records; connecting closes the previous connection.
 */
final class ServicesBackend implements WorkbenchBackend {

    private final Connector connector;
    private final List<String> scenarios;
    private final Path scenarioFile;
    private volatile CloudConnection connection;
    /** The demo cloud's scenario while connected to it, else null (its reports say DEMO). */
    private volatile String demoScenario;

    /**
     * @param scenarioFile a scenario file the demo cloud runs instead of a built-in one (null: the
     *                     chosen built-in scenario)
     */
    ServicesBackend(Connector connector, List<String> scenarios, Path scenarioFile) {
        this.connector = connector;
        this.scenarios = List.copyOf(scenarios);
        this.scenarioFile = scenarioFile;
    }

    /** On the user's clouds.yaml / OS_* variables and the probe agent settings in the config dir. */
    static ServicesBackend create() {
        return new ServicesBackend(Connector.standard(), Connector.builtInScenarios(), null);
    }

    @Override
    public List<ConnectTarget> targets() {
        List<ConnectTarget> targets = new ArrayList<>();
        connector.cloudNames().forEach(name -> targets.add(ConnectTarget.cloud(name)));
        scenarios.forEach(name -> targets.add(ConnectTarget.demo(name)));
        return targets;
    }

    @Override
    public List<ConnectTarget> demoTargets() {
        return scenarios.stream().map(ConnectTarget::demo).toList();
    }

    @Override
    public List<String> cloudSearchPlaces() {
        return connector.cloudSearchPlaces().stream().map(Path::toString).toList();
    }

    @Override
    public synchronized CloudInfo connect(ConnectTarget target) throws Exception {
        close();
        connection = target.isDemo()
                ? connector.demo(scenarioFile != null ? scenarioFile.toString() : target.scenario())
                : connector.cloud(target.name());
        demoScenario = target.isDemo() ? target.scenario() : null;
        return connection.info();
    }

    private CloudConnection connection() {
        CloudConnection c = connection;
        if (c == null) {
            throw new IllegalStateException("Not connected: choose a cloud in the Connect view first.");
        }
        return c;
    }

    @Override
    public ServerPage servers(String marker, int limit) {
        return connection().servers(marker, limit);
    }

    @Override
    public List<Migration> migrations() {
        return connection().migrations();
    }

    @Override
    public Map<String, String> serverNames(Collection<String> serverIds) {
        return connection().serverNames(serverIds);
    }

    @Override
    public Migration migration(String serverId, long migrationId) {
        return connection().sampler().read(serverId, migrationId);
    }

    @Override
    public DiagnosisResult diagnose(String serverQuery) throws InterruptedException {
        DiagnosisRun run = connection().diagnosis().diagnose(serverQuery, null, SamplingPolicy.standard(), s -> { });
        return result(run);
    }

    static DiagnosisResult result(DiagnosisRun run) {
        Evidence evidence = run.evidence();
        return new DiagnosisResult(evidence, run.outcome(),
                run.diagnosis().findings().stream().map(f -> item(f, evidence.calls())).toList(),
                run.diagnosis().notes().stream().map(n -> text(n.text())).toList());
    }

    @Override
    public void writeReport(Evidence evidence, Locale locale, Path file) throws Exception {
        DiagnosisRun run = connection().diagnosis().judge(evidence, null);
        new PdfReport(locale, ZoneId.systemDefault()).markedAsDemo(demoScenario).write(run.evidence(), run.diagnosis(), file);
    }

    @Override
    public Triage triage(Duration since) throws InterruptedException {
        return new TriageService(connection()).triage(since, null, SamplingPolicy.none());
    }

    @Override
    public Triage refreshTriage(Triage previous) throws InterruptedException {
        return new TriageService(connection()).refresh(previous);
    }

    @Override
    public MigrationActions migrationActions() {
        return connection().actions();
    }

    @Override
    public HostTopology hostTopology(String host) throws Exception {
        return connection().hostTopology(host);
    }

    @Override
    public List<String> computeHosts() {
        return connection().computeHosts();
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
    public ConvergenceEstimate convergence(Migration migration) {
        return connection().diagnosis().convergence(migration).map(ServicesBackend::estimate)
                .orElse(ConvergenceEstimate.ended(migration.status()));
    }

    static ConvergenceEstimate estimate(ConvergenceAnalysis a) {
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
        return comparison(source, destination, connection().hostComparison().compare(source, destination, serverId));
    }

    /** The Hosts view's rows of a NUMA/NIC diff of the two hosts, each value marked where it differs. */
    static HostComparison comparison(HostTopology source, HostTopology destination, NumaDiff diff) {
        List<HostComparison.Row> rows = new ArrayList<>();
        rows.add(row(Text.of("hosts.aspect.release"), source.release(), destination.release(), false));
        rows.add(row(Text.of("hosts.aspect.novaCompute"), source.novaComputeVersion(), destination.novaComputeVersion(), false));
        rows.add(row(Text.of("hosts.aspect.cpuModel"), source.cpuModel(), destination.cpuModel(), false));
        rows.add(row(Text.of("hosts.aspect.nodeCount"), Integer.toString(source.numaNodes().size()),
                Integer.toString(destination.numaNodes().size()), diff.harmfulTopology()));
        for (NumaDiff.NodeRow node : diff.nodes()) {
            rows.add(parts(Text.of("hosts.aspect.node", node.node()), node(node.source(), node.differing()),
                    node(node.dest(), node.differing()), diff.harmfulAtNode(node.node())));
        }
        for (NumaDiff.NicRow nic : diff.nics()) {
            rows.add(parts(Text.of(nic.usedByInstance() ? "hosts.aspect.nicUsed" : "hosts.aspect.nic", nic.name()),
                    nic(nic.source(), nic.differing()), nic(nic.dest(), nic.differing()), diff.harmfulForNic(nic.name())));
        }
        if (diff.instanceAtSource() != null || diff.instanceAtDest() != null) {
            rows.add(parts(Text.of("hosts.aspect.instance"), instance(diff.instanceAtSource()), instance(diff.instanceAtDest()),
                    false));
        }
        return new HostComparison(source, destination, rows, List.of());
    }

    private static HostComparison.Row row(Text aspect, String source, String dest, boolean harmful) {
        Map<String, String> a = new java.util.LinkedHashMap<>();
        a.put("value", source == null ? "—" : source);
        Map<String, String> b = new java.util.LinkedHashMap<>();
        b.put("value", dest == null ? "—" : dest);
        return parts(aspect, a, b, harmful);
    }

    /**
     * A row from each side's values by kind: a value differs when the other side has no value of its
     * kind or another one; the row differs only when a shown value does (harmful: a problem).
     */
    private static HostComparison.Row parts(Text aspect, Map<String, String> source, Map<String, String> dest, boolean harmful) {
        List<HostComparison.Part> a = marked(source, dest);
        List<HostComparison.Part> b = marked(dest, source);
        boolean differs = a.stream().anyMatch(HostComparison.Part::differs) || b.stream().anyMatch(HostComparison.Part::differs);
        return new HostComparison.Row(aspect, a, b, !differs ? HostComparison.Difference.SAME
                : harmful ? HostComparison.Difference.PROBLEM : HostComparison.Difference.DIFFERENT);
    }

    private static List<HostComparison.Part> marked(Map<String, String> side, Map<String, String> other) {
        if (side.isEmpty()) {
            return List.of(new HostComparison.Part("—", !other.isEmpty()));
        }
        // ★ marks where the instance is now, not a property of the host: never a difference
        return side.entrySet().stream().map(e -> new HostComparison.Part(e.getValue(),
                !"instance".equals(e.getKey()) && !e.getValue().equals(other.get(e.getKey())))).toList();
    }

    /** A node's values by kind; what differs but is not usually shown (free memory, distances) is shown then. */
    private static Map<String, String> node(NumaDiff.NodeSide side, java.util.Set<NumaDiff.Field> differing) {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        if (side == null) {
            return parts;
        }
        parts.put("cpus", "CPU " + CpuList.format(side.cpus()));
        parts.put("memory", String.format("%,d MiB", side.memoryTotalMb()));
        if (differing.contains(NumaDiff.Field.FREE_MEMORY) && side.memoryFreeMb() != null) {
            parts.put("free", String.format("free %,d MiB", side.memoryFreeMb()));
        }
        side.hugepages().forEach((size, pool) -> parts.put("hugepages " + size,
                (size >= 1048576 ? size / 1048576 + "G" : size / 1024 + "M") + " " + pool.free() + "/" + pool.total()));
        if (!side.pinnedByOthers().isEmpty()) {
            parts.put("pinned", "pinned " + CpuList.format(side.pinnedByOthers()));
        }
        if (differing.contains(NumaDiff.Field.DISTANCES)) {
            parts.put("distances", "distances " + side.distances().stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        if (side.usedByInstance()) {
            parts.put("instance", "★");
        }
        return parts;
    }

    private static Map<String, String> nic(NumaDiff.NicSide side, java.util.Set<NumaDiff.Field> differing) {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        if (side == null) {
            return parts;
        }
        parts.put("node", "node " + side.numaNode());
        if (side.pciAddress() != null) {
            parts.put("pci", side.pciAddress());
        }
        if (side.physnet() != null) {
            parts.put("physnet", side.physnet());
        }
        if (side.speedMbps() != null) {
            parts.put("speed", side.speedMbps() / 1000 + "G");
        }
        if (differing.contains(NumaDiff.Field.SRIOV)) {
            parts.put("sriov", "VFs " + (side.sriovNumVfs() == null ? "—" : side.sriovNumVfs()) + "/"
                    + (side.sriovTotalVfs() == null ? "—" : side.sriovTotalVfs()));
        }
        return parts;
    }

    private static Map<String, String> instance(NumaDiff.InstanceSide side) {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        if (side == null) {
            return parts;
        }
        parts.put("nodes", "node " + side.nodes());
        parts.put("cpus", "CPU " + CpuList.format(side.pinnedCpus()));
        parts.put("nics", String.join(", ", side.nics()));
        return parts;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
