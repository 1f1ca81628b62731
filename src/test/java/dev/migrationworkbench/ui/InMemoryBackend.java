package dev.migrationworkbench.ui;

import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.backend.DiagnosisResult;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.service.ServerPage;
import dev.migrationworkbench.ui.backend.Text;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written backend for view-model unit tests: {@code servers} servers on four hosts, one
 * running migration whose remaining memory shrinks by a tenth on every read, and a failure switch.
 */
final class InMemoryBackend implements WorkbenchBackend {

    static final long GIB = 1024L * 1024 * 1024;
    final List<Server> servers = new ArrayList<>();
    final AtomicInteger serverCalls = new AtomicInteger();
    final AtomicInteger migrationReads = new AtomicInteger();
    volatile boolean failing;
    private final Instant start = Instant.parse("2026-01-01T10:00:00Z");

    InMemoryBackend(int count) {
        for (int i = 0; i < count; i++) {
            String status = i % 50 == 7 ? "ERROR" : "ACTIVE";
            servers.add(new Server(String.format("00000000-0000-0000-0000-%012d", i), "vm-" + i, status, status.toLowerCase(),
                    i == 1 ? "migrating" : null, 1, "compute-" + i % 4, "compute-" + i % 4, "UP", "f1",
                    i % 3 == 0 ? "m1.numa" : "m1.small",
                    i % 3 == 0 ? Map.of("hw:cpu_policy", "dedicated", "hw:numa_nodes", "1") : Map.of(),
                    "p", "u", null, false, null, start, start));
        }
    }

    @Override
    public List<ConnectTarget> targets() {
        return List.of(ConnectTarget.demo("demo"), ConnectTarget.demo("stuck-dirty-rate"));
    }

    @Override
    public CloudInfo connect(ConnectTarget target) throws Exception {
        check();
        return new CloudInfo(target.name(), "http://127.0.0.1:1/identity/v3", "admin", "RegionOne", "2.1", "2.96", true, false);
    }

    @Override
    public ServerPage servers(String marker, int limit) throws Exception {
        check();
        serverCalls.incrementAndGet();
        int from = marker == null ? 0 : Integer.parseInt(marker);
        int to = Math.min(servers.size(), from + limit);
        return new ServerPage(servers.subList(from, to), to < servers.size() ? Integer.toString(to) : null);
    }

    @Override
    public List<Migration> migrations() throws Exception {
        check();
        return List.of(running(0), migration(2, servers.get(2).id(), "error", null, null, start));
    }

    @Override
    public java.util.Map<String, String> serverNames(java.util.Collection<String> serverIds) throws Exception {
        check();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        servers.stream().filter(s -> serverIds.contains(s.id())).forEach(s -> names.put(s.id(), s.name()));
        return names;
    }

    @Override
    public Migration migration(String serverId, long migrationId) throws Exception {
        check();
        return running(migrationReads.incrementAndGet());
    }

    Migration running(int reads) {
        long total = 8 * GIB;
        long remaining = reads >= 10 ? 0 : total - total * reads / 10;
        return migration(1, servers.get(1).id(), reads >= 10 ? "completed" : "running", total, remaining,
                start.plusSeconds(5L * reads));
    }

    private Migration migration(long id, String serverId, String status, Long total, Long remaining, Instant updated) {
        return new Migration(id, "uuid-" + id, serverId, status, "live-migration", "compute-1", "compute-1", "compute-2",
                null, "compute-2", total, total == null ? null : total - remaining + GIB, remaining, 0L, 0L, 0L,
                "u", "p", start, updated);
    }

    private Evidence evidence(String serverQuery) {
        Server server = servers.stream().filter(s -> s.id().equals(serverQuery) || s.name().equals(serverQuery))
                .findFirst().orElse(null);
        return new Evidence(serverQuery, start, null, server, server == null ? List.of() : List.of(server),
                null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public HostTopology hostTopology(String host) throws Exception {
        check();
        int nicNode = host.equals("compute-2") ? 1 : 0;
        return new HostTopology(host, start, "17.1", "23.2.3", "Xeon", List.of(0, 1, 2, 3),
                List.of(new HostTopology.NumaNode(0, List.of(0, 1), 4096, 2048L, List.of(10, 21), List.of()),
                        new HostTopology.NumaNode(1, List.of(2, 3), 4096, 2048L, List.of(21, 10), List.of())),
                List.of(new HostTopology.Nic("ens1f0", "0000:3b:00.0", nicNode, List.of(), 25000, "ice", "datacentre",
                        8, 0, null, "up")),
                Map.of(), List.of());
    }

    @Override
    public List<String> computeHosts() throws Exception {
        check();
        return List.of("compute-0", "compute-1", "compute-2", "compute-3");
    }

    @Override
    public DiagnosisResult diagnose(String serverQuery) throws Exception {
        check();
        Evidence evidence = evidence(serverQuery);
        if (evidence.server() == null) {
            return new DiagnosisResult(evidence, DiagnosisRun.Outcome.FINDINGS, List.of(new FindingItem(FindingItem.Severity.HIGH, "INSTANCE_NOT_FOUND",
                    evidence.serverQuery(), Text.of("findings.title"), Text.of("findings.none"), List.of(), List.of())), List.of());
        }
        return new DiagnosisResult(evidence, DiagnosisRun.Outcome.FINDINGS, List.of(
                new FindingItem(FindingItem.Severity.LOW, "NIC_NUMA_UNKNOWN", evidence.server().name(),
                        Text.of("findings.title"), Text.of("findings.none"), List.of(), List.of()),
                new FindingItem(FindingItem.Severity.CRITICAL, "INSTANCE_IN_ERROR_STATE", evidence.server().name(),
                        Text.of("findings.title"), Text.of("findings.none"),
                        List.of(new FindingItem.Fact("GET /servers/x", "status", "ERROR", "{\"server\": {}}")),
                        List.of(new FindingItem.Step(Text.of("findings.remediation"),
                                List.of("openstack server show " + evidence.server().id()))))),
                List.of(Text.of("findings.none")));
    }

    @Override
    public ConvergenceEstimate convergence(Migration migration) {
        int samples = readings.merge(migration.id(), 1, Integer::sum);
        ConvergenceEstimate.Verdict verdict = !migration.inProgress() ? ConvergenceEstimate.Verdict.ENDED
                : samples < 2 ? ConvergenceEstimate.Verdict.UNKNOWN : ConvergenceEstimate.Verdict.CONVERGING;
        return new ConvergenceEstimate(verdict, null, null, null, null, 50L, 95L, null, null, "abort", null, List.of(), null);
    }

    @Override
    public HostComparison compareHosts(HostTopology source, HostTopology destination, String serverId) {
        int a = source.nics().get(0).numaNode();
        int b = destination.nics().get(0).numaNode();
        return new HostComparison(source, destination, List.of(
                new HostComparison.Row(Text.of("hosts.column.aspect"), "2", "2", HostComparison.Difference.SAME),
                new HostComparison.Row(Text.of("hosts.column.aspect"), "ens1f0 → " + a, "ens1f0 → " + b,
                        a == b ? HostComparison.Difference.SAME : HostComparison.Difference.PROBLEM)), List.of());
    }

    private final java.util.Map<Long, Integer> readings = new java.util.concurrent.ConcurrentHashMap<>();

    private void check() {
        if (failing) {
            throw new IllegalStateException("injected failure");
        }
    }

    @Override
    public void writeReport(Evidence evidence, java.util.Locale locale, java.nio.file.Path file) throws java.io.IOException {
        new dev.migrationworkbench.report.PdfReport(locale, java.time.ZoneOffset.UTC)
                .write(evidence, new dev.migrationworkbench.diagnosis.DiagnosisEngine().diagnose(evidence), file);
    }

    @Override
    public dev.migrationworkbench.action.MigrationActions migrationActions() {
        throw new IllegalStateException("the in-memory backend has no cloud to act on");
    }

    @Override
    public void close() {
    }

    /** No live migrations in memory: an empty triage of the period. */
    @Override
    public dev.migrationworkbench.triage.Triage triage(java.time.Duration since) {
        return dev.migrationworkbench.triage.Triage.of(java.time.Instant.now(), since, null, List.of(), Map.of(), List.of());
    }

    @Override
    public dev.migrationworkbench.triage.Triage refreshTriage(dev.migrationworkbench.triage.Triage previous) {
        return previous;
    }
}
