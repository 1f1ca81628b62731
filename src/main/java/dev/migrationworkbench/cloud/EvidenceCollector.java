package dev.migrationworkbench.cloud;

import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.Hypervisor;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.model.ServerGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Gathers, for one server, everything a diagnosis reads into one immutable {@link Evidence}:
 * the server, its in-progress and past migrations, its instance actions with events, the compute
 * services and hypervisors of the hosts involved, its server group and flavor, and the other
 * servers on those hosts. Calls run in parallel on at most {@code parallelism} threads, in two
 * dependent rounds (a server given by name costs one lookup more). Every call is kept as an
 * {@link ApiCall}; a failed one leaves its part empty and does not stop the others.
 */
public final class EvidenceCollector implements AutoCloseable {

    public static final int DEFAULT_PARALLELISM = 4;
    /** How many of the newest migration-related instance actions are fetched with their events. */
    public static final int MAX_ACTION_DETAILS = 10;

    private static final Set<String> MIGRATION_ACTIONS = Set.of("live-migration", "live_migration_cancel",
            "live_migration_force_complete", "migrate", "resize", "confirmResize", "revertResize", "evacuate");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private final NovaGateway gateway;
    private final ExecutorService pool;

    public EvidenceCollector(NovaGateway gateway) {
        this(gateway, DEFAULT_PARALLELISM);
    }

    public EvidenceCollector(NovaGateway gateway, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.gateway = gateway;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "evidence-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Collects the evidence of the server named or identified by {@code serverQuery}. Never throws
     * for a cloud failure: an unknown or ambiguous server gives evidence without a server (with
     * the name matches), and failed calls are in {@link Evidence#calls()}.
     */
    public Evidence collect(String serverQuery) {
        Instant collectedAt = Instant.now();
        List<ApiCall> calls = Collections.synchronizedList(new ArrayList<>());
        NovaGateway g = gateway.recordingTo(calls::add);
        Run run = new Run(calls);

        // round 1: what needs only the query (and the server ID when the query is one)
        CompletableFuture<List<ComputeService>> services = run.async("os-services.list",
                () -> g.listComputeServices(null), List.of());
        ServerDetail detail;
        List<Server> nameMatches = List.of();
        CompletableFuture<List<Migration>> live;
        CompletableFuture<MigrationPage> history;
        CompletableFuture<List<InstanceAction>> actionList;
        boolean byId = UUID.matcher(serverQuery).matches();
        if (byId) {
            CompletableFuture<ServerDetail> server = run.async("servers.show", () -> g.getServer(serverQuery), null);
            live = run.async("server-migrations.list", () -> g.listInProgressLiveMigrations(serverQuery), List.of());
            history = run.async("os-migrations.list", () -> g.listMigrations(MigrationQuery.ofServer(serverQuery)),
                    null);
            actionList = run.async("instance-actions.list", () -> g.listInstanceActions(serverQuery), List.of());
            detail = server.join();
        } else {
            List<ServerDetail> matches = run.sync("servers.search", () -> g.findServersByName(serverQuery), List.of());
            nameMatches = matches.stream().map(ServerDetail::server).toList();
            detail = matches.size() == 1 ? matches.get(0) : null;
            String id = detail == null ? null : detail.server().id();
            live = id == null ? done(List.of())
                    : run.async("server-migrations.list", () -> g.listInProgressLiveMigrations(id), List.of());
            history = id == null ? done(null)
                    : run.async("os-migrations.list", () -> g.listMigrations(MigrationQuery.ofServer(id)), null);
            actionList = id == null ? done(List.of())
                    : run.async("instance-actions.list", () -> g.listInstanceActions(id), List.of());
        }
        if (detail == null) {
            // a server asked for by ID that is gone (deleted) still has its migrations and, from 2.21, its actions
            MigrationPage past = history.join();
            live.join(); // its (failed) call belongs in the evidence's calls, copied below
            return new Evidence(serverQuery, collectedAt, g.cloudInfo(), null, nameMatches, List.of(),
                    past == null ? List.of() : past.migrations(), actionList.join(), services.join(), List.of(), null,
                    null, Map.of(), List.of(), List.of(), snapshot(calls));
        }
        Server server = detail.server();
        List<Migration> liveMigrations = live.join();
        List<Migration> migrations = history.join() == null ? List.of() : history.join().migrations();
        List<InstanceAction> actions = actionList.join();

        // round 2: what needs the server, its migrations and its actions
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> nodes = new LinkedHashSet<>();
        hosts.add(server.host());
        nodes.add(server.hypervisorHostname());
        for (Migration m : concat(liveMigrations, migrations.stream().filter(Migration::inProgress).toList(),
                migrations.isEmpty() ? List.of() : List.of(migrations.get(0)))) {
            hosts.add(m.sourceCompute());
            hosts.add(m.destCompute());
            nodes.add(m.sourceNode());
            nodes.add(m.destNode());
        }
        hosts.remove(null);
        nodes.remove(null);

        Map<String, CompletableFuture<InstanceAction>> details = new LinkedHashMap<>();
        actions.stream().filter(a -> MIGRATION_ACTIONS.contains(a.action())).limit(MAX_ACTION_DETAILS)
                .forEach(a -> details.put(a.requestId(), run.async("instance-actions.show",
                        () -> g.getInstanceAction(server.id(), a.requestId()), a)));
        List<CompletableFuture<List<Hypervisor>>> hypervisors = new ArrayList<>();
        if (g.maxMicroversion().atLeast(53)) {
            nodes.forEach(node -> hypervisors.add(run.async("os-hypervisors.detail",
                    () -> g.listHypervisors(node), List.of())));
        } else {
            hypervisors.add(run.async("os-hypervisors.detail", () -> g.listHypervisors(null).stream()
                    .filter(h -> nodes.contains(h.hostname())).toList(), List.of()));
        }
        // GET /servers/{id} names the groups from 2.71; a server from a list or an older cloud does not
        CompletableFuture<ServerGroup> group;
        if (byId && g.maxMicroversion().atLeast(71)) {
            group = detail.serverGroupIds().isEmpty() ? done(null)
                    : run.async("os-server-groups.show", () -> g.getServerGroup(detail.serverGroupIds().get(0)), null);
        } else {
            group = run.async("os-server-groups.list", () -> g.listServerGroups().stream()
                    .filter(sg -> sg.members().contains(server.id())).findFirst().orElse(null), null);
        }
        // the image's hw_* properties give a NUMA topology as the flavor's do (hardware.py numa_get_constraints)
        CompletableFuture<Map<String, String>> image = detail.embeddedImageProperties() != null
                ? done(detail.embeddedImageProperties())
                : detail.imageId() == null ? done(Map.of())
                : run.async("images.show", () -> g.getImageProperties(detail.imageId()), Map.of());
        CompletableFuture<Flavor> flavor = detail.embeddedFlavor() != null ? done(detail.embeddedFlavor())
                : server.flavorId() == null ? done(null)
                : run.async("flavors.show", () -> g.getFlavor(server.flavorId()), null);
        List<CompletableFuture<List<Server>>> neighbours = new ArrayList<>();
        if (g.cloudInfo().admin()) {
            hosts.forEach(host -> neighbours.add(run.async("servers.list", () -> g.listServers(host), List.of())));
        }

        List<InstanceAction> actionsWithEvents = actions.stream()
                .map(a -> details.containsKey(a.requestId()) ? details.get(a.requestId()).join() : a).toList();
        List<Hypervisor> hypervisorList = hypervisors.stream().flatMap(f -> f.join().stream()).distinct().toList();
        List<Server> others = neighbours.stream().flatMap(f -> f.join().stream())
                .filter(s -> !s.id().equals(server.id())).distinct().toList();
        List<ProgressSample> samples = liveMigrations.stream().filter(Migration::hasProgress)
                .map(Migration::toSample).toList();
        // every call joined before the calls are copied, so none is missing from the evidence
        Map<String, String> imageProperties = image.join();
        return new Evidence(serverQuery, collectedAt, g.cloudInfo(), server, nameMatches, liveMigrations, migrations,
                actionsWithEvents, services.join(), hypervisorList, group.join(), flavor.join(), Map.of(), samples,
                others, snapshot(calls), imageProperties);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** A snapshot of the calls, in the order they completed. */
    private static List<ApiCall> snapshot(List<ApiCall> calls) {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @SafeVarargs
    private static List<Migration> concat(List<Migration>... lists) {
        List<Migration> out = new ArrayList<>();
        for (List<Migration> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** One collection: runs calls on the pool, turning a failure into the fallback value. */
    private final class Run {
        private final List<ApiCall> calls;

        Run(List<ApiCall> calls) {
            this.calls = Objects.requireNonNull(calls);
        }

        <T> CompletableFuture<T> async(String name, Supplier<T> call, T fallback) {
            return CompletableFuture.supplyAsync(() -> sync(name, call, fallback), pool);
        }

        <T> T sync(String name, Supplier<T> call, T fallback) {
            try {
                return call.get();
            } catch (CloudException e) {
                if (e.kind() == CloudException.Kind.NOT_AVAILABLE) {
                    // refused before any request was sent, so the gateway recorded nothing
                    calls.add(new ApiCall(name, null, null, null, null, 0, null, e.kind().name(), e.getMessage()));
                }
                return fallback;
            }
        }
    }
}
