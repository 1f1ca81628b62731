package dev.migrationworkbench.service;

import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.cloud.Microversion;
import dev.migrationworkbench.cloud.MigrationPage;
import dev.migrationworkbench.cloud.MigrationQuery;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.ServerDetail;
import dev.migrationworkbench.cloud.ServerListPage;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.Hypervisor;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.model.ServerGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A gateway for one triage: the cloud-wide lookups every server's evidence repeats (compute
 * services, hypervisors, server groups, flavors, the servers on a host) are asked once and
 * answered from memory afterwards, until {@link #forget()} (images' properties too), so diagnosing 200 servers costs the server-specific calls plus
 * a constant. A remembered answer is handed to each evidence as the call that fetched it (failed
 * ones included), so the diagnosis reads exactly what a diagnosis of that server alone would.
 * Everything else goes straight to the cloud.
 */
final class SharedLookupGateway implements NovaGateway {

    /** One remembered call: its result or failure and the calls it made. */
    private record Answer(Object value, CloudException failure, List<ApiCall> calls) {
    }

    private final NovaGateway cloud;
    private final Map<String, CompletableFuture<Answer>> answers;
    private final Consumer<ApiCall> sink;

    SharedLookupGateway(NovaGateway cloud) {
        this(cloud, new ConcurrentHashMap<>(), null);
    }

    private SharedLookupGateway(NovaGateway cloud, Map<String, CompletableFuture<Answer>> answers, Consumer<ApiCall> sink) {
        this.cloud = cloud;
        this.answers = answers;
        this.sink = sink;
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(String key, Function<NovaGateway, T> call) {
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> existing = answers.putIfAbsent(key, mine);
        if (existing == null) {
            List<ApiCall> calls = java.util.Collections.synchronizedList(new ArrayList<>());
            try {
                mine.complete(new Answer(call.apply(cloud.recordingTo(calls::add)), null, List.copyOf(calls)));
            } catch (CloudException e) {
                mine.complete(new Answer(null, e, List.copyOf(calls)));
            } catch (RuntimeException e) {
                answers.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        Answer answer;
        try {
            answer = (existing == null ? mine : existing).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (sink != null) {
            answer.calls().forEach(sink);
        }
        if (answer.failure() != null) {
            throw answer.failure();
        }
        return (T) answer.value();
    }

    /** Every lookup is asked again from now on (time has passed: servers may have moved). */
    void forget() {
        answers.clear();
    }

    private NovaGateway direct() {
        return sink == null ? cloud : cloud.recordingTo(sink);
    }

    @Override
    public List<ComputeService> listComputeServices(String host) {
        List<ComputeService> all = shared("services", g -> g.listComputeServices(null));
        return host == null ? all : all.stream().filter(s -> host.equals(s.host())).toList();
    }

    @Override
    public List<Hypervisor> listHypervisors(String hypervisorHostname) {
        List<Hypervisor> all = shared("hypervisors", g -> g.listHypervisors(null));
        return hypervisorHostname == null ? all
                : all.stream().filter(h -> hypervisorHostname.equals(h.hostname())).toList();
    }

    @Override
    public List<ServerGroup> listServerGroups() {
        return shared("server-groups", NovaGateway::listServerGroups);
    }

    @Override
    public Flavor getFlavor(String flavorId) {
        return shared("flavor " + flavorId, g -> g.getFlavor(flavorId));
    }

    @Override
    public Map<String, String> getImageProperties(String imageId) {
        return shared("image " + imageId, g -> g.getImageProperties(imageId));
    }

    @Override
    public List<Server> listServers(String host) {
        return shared("servers on " + host, g -> g.listServers(host));
    }

    @Override
    public CloudInfo cloudInfo() {
        return cloud.cloudInfo();
    }

    @Override
    public Microversion minMicroversion() {
        return cloud.minMicroversion();
    }

    @Override
    public Microversion maxMicroversion() {
        return cloud.maxMicroversion();
    }

    @Override
    public ServerDetail getServer(String serverId) {
        return direct().getServer(serverId);
    }

    @Override
    public List<ServerDetail> findServersByName(String name) {
        return direct().findServersByName(name);
    }

    @Override
    public ServerDetail resolveServer(String nameOrId) {
        return direct().resolveServer(nameOrId);
    }

    @Override
    public ServerListPage listServersPage(String host, String marker, Integer limit) {
        return direct().listServersPage(host, marker, limit);
    }

    @Override
    public List<Migration> listInProgressLiveMigrations(String serverId) {
        return direct().listInProgressLiveMigrations(serverId);
    }

    @Override
    public Migration getInProgressLiveMigration(String serverId, long migrationId) {
        return direct().getInProgressLiveMigration(serverId, migrationId);
    }

    @Override
    public MigrationPage listMigrations(MigrationQuery query) {
        return direct().listMigrations(query);
    }

    @Override
    public List<InstanceAction> listInstanceActions(String serverId) {
        return direct().listInstanceActions(serverId);
    }

    @Override
    public InstanceAction getInstanceAction(String serverId, String requestId) {
        return direct().getInstanceAction(serverId, requestId);
    }

    @Override
    public ServerGroup getServerGroup(String groupId) {
        return direct().getServerGroup(groupId);
    }

    @Override
    public Optional<ServerGroup> findServerGroupOf(String serverId) {
        return direct().findServerGroupOf(serverId);
    }

    @Override
    public void liveMigrate(String serverId, String destinationHost) {
        throw new UnsupportedOperationException("a triage only reads");
    }

    @Override
    public void abortLiveMigration(String serverId, long migrationId) {
        throw new UnsupportedOperationException("a triage only reads");
    }

    @Override
    public void forceCompleteLiveMigration(String serverId, long migrationId) {
        throw new UnsupportedOperationException("a triage only reads");
    }

    @Override
    public NovaGateway recordingTo(Consumer<ApiCall> calls) {
        Objects.requireNonNull(calls);
        return new SharedLookupGateway(cloud, answers, sink == null ? calls : c -> {
            sink.accept(c);
            calls.accept(c);
        });
    }

    /** The cloud's gateway belongs to the connection, which closes it. */
    @Override
    public void close() {
    }
}
