package dev.migrationworkbench.service;

import dev.migrationworkbench.action.AuditLog;
import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.cloud.MigrationPage;
import dev.migrationworkbench.cloud.MigrationQuery;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.ServerListPage;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.probe.client.HostProbes;
import dev.migrationworkbench.probe.client.ProbeClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to one cloud and everything that belongs to it: the Nova gateway, the probe
 * agents, the way time passes between samples (real time, or the demo cloud's virtual clock), the
 * progress samples collected so far, and the services built on them. Closing it releases all of
 * it; nothing of one connection survives into the next.
 */
public final class CloudConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudConnection.class);
    private static final AtomicLong GENERATIONS = new AtomicLong();

    /** How the connection waits between two samples of a running migration. */
    @FunctionalInterface
    public interface Pacer {
        void await(Duration duration) throws InterruptedException;

        Pacer REAL_TIME = d -> Thread.sleep(d.toMillis());
    }

    private final long generation = GENERATIONS.incrementAndGet();
    private final NovaGateway gateway;
    private final ProbeClient probeClient;
    private final Pacer pacer;
    private final AutoCloseable owned;
    private final boolean demo;
    private final CloudInfo info;
    private final SampleStore samples = new SampleStore();
    private final MigrationSampler sampler;
    private final DiagnosisService diagnosis;
    private final AuditLog audit;
    private final Map<String, String> serverNames = new ConcurrentHashMap<>();

    CloudConnection(NovaGateway gateway, ProbeClient probeClient, Pacer pacer, boolean demo, AuditLog audit,
            AutoCloseable owned) {
        this.gateway = gateway;
        this.probeClient = probeClient;
        this.pacer = pacer;
        this.demo = demo;
        this.audit = audit;
        this.owned = owned;
        this.info = gateway.cloudInfo();
        this.sampler = new MigrationSampler(gateway, new HostProbes(probeClient), samples);
        this.diagnosis = new DiagnosisService(gateway, new HostProbes(probeClient), sampler, pacer);
    }

    /** Distinguishes connections: a result computed on an older one is not shown on a newer one. */
    public long generation() {
        return generation;
    }

    public CloudInfo info() {
        return info;
    }

    /** The embedded demo cloud (every view says so). */
    public boolean isDemo() {
        return demo;
    }

    public DiagnosisService diagnosis() {
        return diagnosis;
    }

    /** Samples running migrations; what it samples is kept for the diagnosis of the same connection. */
    public MigrationSampler sampler() {
        return sampler;
    }

    /** The connection's gateway, for the services of this package. */
    NovaGateway gateway() {
        return gateway;
    }

    public Pacer pacer() {
        return pacer;
    }

    /** One page of {@code /servers/detail}, all projects when admin; {@code marker} null for the first page. */
    public ServerPage servers(String marker, int limit) {
        ServerListPage page = gateway.listServersPage(null, marker, limit);
        page.servers().forEach(this::rememberName);
        return new ServerPage(page.servers(), page.nextMarker());
    }

    /** Migrations cloud-wide ({@code /os-migrations}, every page), newest first. */
    public List<Migration> migrations() {
        return migrations(MigrationQuery.all());
    }

    /** The migrations a query selects, every page. */
    public List<Migration> migrations(MigrationQuery query) {
        MigrationPage page = gateway.listMigrations(query);
        List<Migration> all = new ArrayList<>(page.migrations());
        while (page.nextMarker() != null) {
            page = gateway.listMigrations(query.withPage(null, page.nextMarker()));
            all.addAll(page.migrations());
        }
        return all;
    }

    /**
     * The names of these servers, by ID, so people see names rather than UUIDs: from what this
     * connection has already listed, else one listing of all servers. A server that no longer
     * exists has no entry.
     */
    public Map<String, String> serverNames(Collection<String> serverIds) {
        if (serverIds.stream().anyMatch(id -> id != null && !serverNames.containsKey(id))) {
            gateway.listServers(null).forEach(this::rememberName);
        }
        Map<String, String> names = new HashMap<>();
        serverIds.stream().filter(id -> id != null && serverNames.containsKey(id)).forEach(id -> names.put(id, serverNames.get(id)));
        return names;
    }

    private void rememberName(Server server) {
        if (server.id() != null && server.name() != null) {
            serverNames.put(server.id(), server.name());
        }
    }

    /** Host names of the compute services, sorted. */
    public List<String> computeHosts() {
        return gateway.listComputeServices(null).stream().map(ComputeService::host).distinct().sorted().toList();
    }

    /** What the probe agent of a host reports. */
    public HostTopology hostTopology(String host) throws Exception {
        return probeClient.host(host).topology();
    }

    /** Host comparison of two probe reports for a server (null: none). */
    public HostComparisonService hostComparison() {
        return new HostComparisonService(gateway);
    }

    /** Abort / force-complete on this cloud, each written to the audit log first. */
    public MigrationActions actions() {
        return new MigrationActions(gateway, audit, Clock.systemUTC());
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            if (owned != null) {
                try {
                    owned.close();
                } catch (Exception e) {
                    LOG.debug("closing the connection's resources failed", e);
                }
            }
        }
    }
}
