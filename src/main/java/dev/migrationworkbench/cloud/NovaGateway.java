package dev.migrationworkbench.cloud;

import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.Hypervisor;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.model.ServerGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the workbench asks of Nova, in its own terms. Safe to call from any thread. Every
 * method throws {@link CloudException} (typed by {@link CloudException.Kind}) with Nova's message;
 * a feature the cloud's microversion range cannot offer fails with
 * {@link CloudException.Kind#NOT_AVAILABLE} naming the version it needs. An expired token is
 * renewed once, transparently; GETs are retried on 503/429; abort, force-complete and
 * live-migrate are never retried.
 */
public interface NovaGateway extends AutoCloseable {

    /** The cloud, user scope and the negotiated microversion range. */
    CloudInfo cloudInfo();

    Microversion minMicroversion();

    /** The highest microversion used: the cloud's maximum, lowered by the profile's compute_api_version. */
    Microversion maxMicroversion();

    /** {@code GET /servers/{id}}. */
    ServerDetail getServer(String serverId);

    /** Servers whose name is exactly {@code name} (all projects when admin). */
    List<ServerDetail> findServersByName(String name);

    /**
     * A server by ID, or else by exact name. NOT_FOUND when neither matches;
     * {@link AmbiguousServerNameException} (listing the candidates) when several servers carry the name.
     */
    ServerDetail resolveServer(String nameOrId);

    /** {@code GET /servers/detail}, all projects when admin; {@code host} (admin) may be null. Follows paging. */
    List<Server> listServers(String host);

    /**
     * One page of {@code GET /servers/detail} (all projects when admin): at most {@code limit}
     * servers (null: Nova's page size) after {@code marker} (null: from the start); {@code host} may be null.
     */
    ServerListPage listServersPage(String host, String marker, Integer limit);

    /** In-progress live migrations with progress bytes ({@code GET /servers/{id}/migrations}, needs 2.23). */
    List<Migration> listInProgressLiveMigrations(String serverId);

    /** One in-progress live migration ({@code GET /servers/{id}/migrations/{mid}}, needs 2.23). */
    Migration getInProgressLiveMigration(String serverId, long migrationId);

    /**
     * The migration as it is now: the in-progress record with its progress bytes while it runs,
     * the {@code /os-migrations} record (real final status) once it has ended. NOT_FOUND when neither knows it.
     */
    default Migration currentMigration(String serverId, long migrationId) {
        try {
            return getInProgressLiveMigration(serverId, migrationId);
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NOT_FOUND) {
                throw e;
            }
            return listMigrations(MigrationQuery.ofServer(serverId)).migrations().stream()
                    .filter(m -> m.id() == migrationId).findFirst().orElseThrow(() -> e);
        }
    }

    /** {@code GET /os-migrations} with real statuses and types; paging and changes-since need 2.59. */
    MigrationPage listMigrations(MigrationQuery query);

    /** Instance actions, newest first, without events. */
    List<InstanceAction> listInstanceActions(String serverId);

    /** One instance action with its events (host from 2.62, details from 2.84, as policy allows). */
    InstanceAction getInstanceAction(String serverId, String requestId);

    /** nova-compute services, of one host or all ({@code host} null). */
    List<ComputeService> listComputeServices(String host);

    /**
     * Hypervisors whose hypervisor_hostname equals {@code hypervisorHostname} (all when null), with
     * capacity fields below 2.88 and hosted server ids.
     */
    List<Hypervisor> listHypervisors(String hypervisorHostname);

    ServerGroup getServerGroup(String groupId);

    /** All server groups (of all projects when admin). */
    List<ServerGroup> listServerGroups();

    /** The server group the server belongs to, if any (server_groups at 2.71+, else a search of all groups). */
    Optional<ServerGroup> findServerGroupOf(String serverId);

    /** The properties of an image ({@code hw_*} and others), through Nova's image proxy at 2.35. */
    Map<String, String> getImageProperties(String imageId);

    /** {@code GET /flavors/{id}} with extra specs. */
    Flavor getFlavor(String flavorId);

    /**
     * Starts a live migration; {@code destinationHost} null lets the scheduler choose (sent as
     * {@code "host": null}, which openstack4j cannot). Block migration "auto" from 2.25.
     */
    void liveMigrate(String serverId, String destinationHost);

    /** Aborts a live migration ({@code DELETE /servers/{id}/migrations/{mid}}, needs 2.24). Never retried. */
    void abortLiveMigration(String serverId, long migrationId);

    /** Force-completes a running live migration (needs 2.22). Never retried. */
    void forceCompleteLiveMigration(String serverId, long migrationId);

    /**
     * A view of this gateway (same session and token) that also hands every call it makes, as an
     * {@link ApiCall} with the raw response, URL, microversion and timing, to {@code sink}.
     */
    NovaGateway recordingTo(Consumer<ApiCall> sink);

    @Override
    void close();
}
