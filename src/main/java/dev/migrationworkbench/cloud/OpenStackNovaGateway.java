package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.Hypervisor;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.model.ServerGroup;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openstack4j.api.exceptions.OS4JException;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.model.identity.v3.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NovaGateway} on openstack4j: its authenticator, catalog, session and HTTP connector, plus
 * our {@link NovaRestService} for every Nova call (openstack4j's compute services send no
 * microversion and drop fields; see docs/NOVA-GATEWAY.md). Each call uses the lowest microversion
 * that carries the fields it needs, capped by what the cloud offers.
 */
public final class OpenStackNovaGateway implements NovaGateway {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStackNovaGateway.class);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final Consumer<ApiCall> NO_SINK = c -> { };

    /** State shared by a gateway and its recording views. */
    private record Shared(KeystoneSession session, GatewayOptions options, NovaRestService nova,
            Microversion min, Microversion max, CloudInfo info) {
    }

    private final Shared shared;
    private final Consumer<ApiCall> sink;
    private final boolean ownsSession;

    private OpenStackNovaGateway(Shared shared, Consumer<ApiCall> sink, boolean ownsSession) {
        this.shared = shared;
        this.sink = sink;
        this.ownsSession = ownsSession;
    }

    /** Authenticates and reads the cloud's microversion range. */
    public static OpenStackNovaGateway connect(CloudProfile profile) {
        return connect(profile, GatewayOptions.defaults());
    }

    public static OpenStackNovaGateway connect(CloudProfile profile, GatewayOptions options) {
        KeystoneSession session = new KeystoneSession(profile, options.connectTimeout(), options.readTimeout(),
                options.tokenCache());
        NovaRestService nova = new NovaRestService();
        // the version document lives at the versioned root, without a /{project_id} suffix
        NovaRestService root = new NovaRestService(url -> url.replaceFirst("(/v2(\\.1)?)/[0-9a-fA-F]{32}/?$", "$1"));
        Shared bootstrap = new Shared(session, options, root, Microversion.BASE, Microversion.BASE, null);
        Microversion[] range;
        try {
            range = new OpenStackNovaGateway(bootstrap, NO_SINK, false)
                    .call("compute.version", HttpMethod.GET, "/", null, null, null, NovaJson::versionRange);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        Microversion max = range[1];
        if (profile.computeApiVersion() != null && profile.computeApiVersion().compareTo(max) < 0) {
            LOG.info("cloud '{}' offers up to {}, capped at {} by compute_api_version", profile.name(), max,
                    profile.computeApiVersion());
            max = profile.computeApiVersion();
        }
        Token token = session.token();
        CloudInfo info = new CloudInfo(profile.name(), session.authUrl(),
                token.getProject() != null ? token.getProject().getName() : profile.displayProject(),
                profile.regionName(), range[0].toString(), max.toString(), session.hasRole("admin"),
                !profile.verifyTls(), token.getUser() != null && token.getUser().getName() != null
                        ? token.getUser().getName() : profile.displayUser());
        LOG.info("connected to cloud '{}': Nova microversions {} to {}, admin={}", profile.name(), range[0], max,
                info.admin());
        return new OpenStackNovaGateway(new Shared(session, options, nova, range[0], max, info), NO_SINK, true);
    }

    @Override
    public CloudInfo cloudInfo() {
        return shared.info;
    }

    @Override
    public Microversion minMicroversion() {
        return shared.min;
    }

    @Override
    public Microversion maxMicroversion() {
        return shared.max;
    }

    @Override
    public NovaGateway recordingTo(Consumer<ApiCall> more) {
        Consumer<ApiCall> mine = sink;
        return new OpenStackNovaGateway(shared, call -> {
            mine.accept(call);
            more.accept(call);
        }, false);
    }

    @Override
    public void close() {
        // a recording view shares its parent's session: only the gateway from connect() ends it
        if (ownsSession) {
            shared.session.close();
        }
    }

    // ---------------------------------------------------------------- servers

    @Override
    public ServerDetail getServer(String serverId) {
        Microversion v = version("server details", 71, 1);
        return call("servers.show", HttpMethod.GET, "/servers/" + serverId, null, v, null,
                root -> detail(NovaJson.envelope(root, "server")));
    }

    @Override
    public List<ServerDetail> findServersByName(String name) {
        Microversion v = version("server details", 71, 1);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("name", "^" + regexEscape(name) + "$");
        if (shared.info.admin()) {
            query.put("all_tenants", "1");
        }
        List<ServerDetail> all = call("servers.search", HttpMethod.GET, "/servers/detail", query, v, null,
                root -> NovaJson.list(root, "servers", this::detail));
        return all.stream().filter(d -> name.equals(d.server().name())).toList();
    }

    @Override
    public ServerDetail resolveServer(String nameOrId) {
        if (UUID.matcher(nameOrId).matches()) {
            try {
                return getServer(nameOrId);
            } catch (CloudException e) {
                if (e.kind() != CloudException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        List<ServerDetail> matches = findServersByName(nameOrId);
        if (matches.isEmpty()) {
            throw new CloudException(CloudException.Kind.NOT_FOUND, "No server with ID or name '" + nameOrId + "'"
                    + (shared.info.admin() ? "" : " in project " + shared.info.projectName()));
        }
        if (matches.size() > 1) {
            throw new AmbiguousServerNameException(nameOrId, matches.stream().map(ServerDetail::server).toList());
        }
        return matches.get(0);
    }

    @Override
    public List<Server> listServers(String host) {
        List<Server> out = new ArrayList<>();
        String marker = null;
        do {
            ServerListPage page = listServersPage(host, marker, null);
            out.addAll(page.servers());
            marker = page.nextMarker();
        } while (marker != null);
        return out;
    }

    @Override
    public ServerListPage listServersPage(String host, String marker, Integer limit) {
        Microversion v = version("server details", 71, 1);
        Map<String, Object> query = new LinkedHashMap<>();
        if (shared.info.admin()) {
            query.put("all_tenants", "1");
        }
        query.put("host", host);
        query.put("limit", limit);
        query.put("marker", marker);
        JsonNode root = call("servers.list", HttpMethod.GET, "/servers/detail", query, v, null, r -> r);
        List<Server> page = NovaJson.list(root, "servers", NovaJson::server);
        String next = root.path("servers_links").isEmpty() || page.isEmpty() ? null : page.get(page.size() - 1).id();
        return new ServerListPage(page, next);
    }

    private ServerDetail detail(JsonNode s) {
        return new ServerDetail(NovaJson.server(s), NovaJson.serverGroupIds(s), NovaJson.embeddedFlavor(s),
                NovaJson.imageId(s), NovaJson.embeddedImageProperties(s));
    }

    // ---------------------------------------------------------------- migrations

    @Override
    public List<Migration> listInProgressLiveMigrations(String serverId) {
        Microversion v = version("the progress of live migrations (server migrations)", 80, 23);
        return call("server-migrations.list", HttpMethod.GET, "/servers/" + serverId + "/migrations", null, v, null,
                root -> NovaJson.list(root, "migrations", NovaJson::migration));
    }

    @Override
    public Migration getInProgressLiveMigration(String serverId, long migrationId) {
        Microversion v = version("the progress of a live migration (server migration show)", 80, 23);
        return call("server-migrations.show", HttpMethod.GET, "/servers/" + serverId + "/migrations/" + migrationId,
                null, v, null, root -> NovaJson.migration(NovaJson.envelope(root, "migration")));
    }

    @Override
    public MigrationPage listMigrations(MigrationQuery q) {
        boolean paging = q.limit() != null || q.marker() != null || q.changesSince() != null;
        Microversion v = paging ? version("paging and changes-since of os-migrations", 80, 59)
                : version("the migration list (os-migrations)", 80, 1);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("instance_uuid", q.serverId());
        query.put("host", q.host());
        query.put("status", q.status());
        query.put("migration_type", q.migrationType());
        query.put("changes-since", q.changesSince() == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(q.changesSince()));
        query.put("limit", q.limit());
        query.put("marker", q.marker());
        return call("os-migrations.list", HttpMethod.GET, "/os-migrations", query, v, null,
                root -> new MigrationPage(NovaJson.list(root, "migrations", NovaJson::migration),
                        NovaJson.nextMarker(root)));
    }

    @Override
    public void liveMigrate(String serverId, String destinationHost) {
        Microversion v = version("live migration", 68, 1);
        ObjectNode body = NovaJson.MAPPER.createObjectNode();
        ObjectNode action = body.putObject("os-migrateLive");
        action.put("host", destinationHost); // an explicit null: Nova's schema requires the key
        if (v.atLeast(25)) {
            action.put("block_migration", "auto");
        } else {
            action.put("block_migration", false);
            action.put("disk_over_commit", false);
        }
        call("servers.live-migrate", HttpMethod.POST, "/servers/" + serverId + "/action", null, v, body,
                root -> null);
    }

    @Override
    public void abortLiveMigration(String serverId, long migrationId) {
        // 2.65 also lets a queued or preparing migration be aborted
        Microversion v = version("aborting a live migration", 65, 24);
        call("server-migrations.abort", HttpMethod.DELETE, "/servers/" + serverId + "/migrations/" + migrationId,
                null, v, null, root -> null);
    }

    @Override
    public void forceCompleteLiveMigration(String serverId, long migrationId) {
        Microversion v = version("force-completing a live migration", 22, 22);
        call("server-migrations.force-complete", HttpMethod.POST,
                "/servers/" + serverId + "/migrations/" + migrationId + "/action", null, v,
                NovaJson.MAPPER.createObjectNode().putNull("force_complete"), root -> null);
    }

    // ---------------------------------------------------------------- actions, services, hypervisors

    @Override
    public List<InstanceAction> listInstanceActions(String serverId) {
        Microversion v = version("instance actions", 84, 1);
        return call("instance-actions.list", HttpMethod.GET, "/servers/" + serverId + "/os-instance-actions", null, v,
                null, root -> NovaJson.list(root, "instanceActions", NovaJson::action));
    }

    @Override
    public InstanceAction getInstanceAction(String serverId, String requestId) {
        Microversion v = version("instance action events", 84, 1);
        return call("instance-actions.show", HttpMethod.GET,
                "/servers/" + serverId + "/os-instance-actions/" + requestId, null, v, null,
                root -> NovaJson.action(NovaJson.envelope(root, "instanceAction")));
    }

    @Override
    public List<ComputeService> listComputeServices(String host) {
        Microversion v = version("compute services", 53, 1);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("binary", "nova-compute");
        query.put("host", host);
        return call("os-services.list", HttpMethod.GET, "/os-services", query, v, null,
                root -> NovaJson.list(root, "services", NovaJson::service));
    }

    @Override
    public List<Hypervisor> listHypervisors(String hypervisorHostname) {
        // 2.87 is the last version with capacity fields; 2.75 always lists hosted servers
        Microversion v = version("hypervisors", 87, 1);
        Map<String, Object> query = new LinkedHashMap<>();
        if (hypervisorHostname != null && v.atLeast(53)) {
            query.put("hypervisor_hostname_pattern", hypervisorHostname);
        }
        if (v.atLeast(53)) {
            query.put("with_servers", "true");
        }
        List<Hypervisor> all = call("os-hypervisors.detail", HttpMethod.GET, "/os-hypervisors/detail", query, v, null,
                root -> NovaJson.list(root, "hypervisors", NovaJson::hypervisor));
        return hypervisorHostname == null ? all
                : all.stream().filter(h -> hypervisorHostname.equals(h.hostname())).toList();
    }

    // ---------------------------------------------------------------- groups, flavors

    @Override
    public ServerGroup getServerGroup(String groupId) {
        Microversion v = version("server groups", 64, 1);
        return call("os-server-groups.show", HttpMethod.GET, "/os-server-groups/" + groupId, null, v, null,
                root -> NovaJson.serverGroup(NovaJson.envelope(root, "server_group")));
    }

    @Override
    public Optional<ServerGroup> findServerGroupOf(String serverId) {
        if (shared.max.atLeast(71)) {
            List<String> ids = getServer(serverId).serverGroupIds();
            return ids.isEmpty() ? Optional.empty() : Optional.of(getServerGroup(ids.get(0)));
        }
        return listServerGroups().stream().filter(g -> g.members().contains(serverId)).findFirst();
    }

    @Override
    public List<ServerGroup> listServerGroups() {
        Microversion v = version("server groups", 64, 1);
        Map<String, Object> query = shared.info.admin() ? Map.of("all_projects", "True") : Map.of();
        return call("os-server-groups.list", HttpMethod.GET, "/os-server-groups", query, v, null,
                root -> NovaJson.list(root, "server_groups", NovaJson::serverGroup));
    }

    @Override
    public Map<String, String> getImageProperties(String imageId) {
        // Nova's image proxy (api/openstack/compute/images.py, views/images.py: "metadata" = Glance's
        // properties) answers up to 2.35 and is gone from 2.36
        JsonNode image = call("images.show", HttpMethod.GET, "/images/" + imageId, null, Microversion.of(35), null,
                root -> NovaJson.envelope(root, "image"));
        return NovaJson.strings(image.path("metadata"));
    }

    @Override
    public Flavor getFlavor(String flavorId) {
        Microversion v = version("flavors", 61, 1);
        JsonNode flavor = call("flavors.show", HttpMethod.GET, "/flavors/" + flavorId, null, v, null,
                root -> NovaJson.envelope(root, "flavor"));
        JsonNode specs = null;
        if (!flavor.has("extra_specs")) {
            specs = call("flavors.extra-specs", HttpMethod.GET, "/flavors/" + flavorId + "/os-extra_specs", null, v,
                    null, r -> r);
        }
        return NovaJson.flavor(flavor, specs);
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * The microversion for a call: the one that gives the fields we want, lowered to what the
     * cloud offers, but never below what the call needs.
     */
    private Microversion version(String what, int wanted, int needed) {
        Microversion want = Microversion.of(wanted);
        Microversion need = Microversion.of(needed);
        if (shared.max.compareTo(need) < 0) {
            throw CloudException.notAvailable(what, need, shared.max);
        }
        Microversion v = shared.max.compareTo(want) < 0 ? shared.max : want;
        return v.compareTo(shared.min) < 0 ? shared.min : v;
    }

    /**
     * One logical call: binds the session to this thread, renews an expired token once, retries
     * GETs on 503/429, records the outcome, and parses the body.
     */
    private <T> T call(String name, HttpMethod method, String path, Map<String, ?> query, Microversion v,
            JsonNode json, Function<JsonNode, T> parse) {
        long start = System.nanoTime();
        boolean renewed = false;
        int retries = 0;
        NovaRestService.Response r;
        while (true) {
            Token[] used = new Token[1];
            try {
                r = shared.session.withDeadline(name, method.name(), path, () -> {
                    used[0] = shared.session.bindToCurrentThread();
                    try {
                        return shared.nova.exchange(shared.session, method, path, query, v, json);
                    } catch (OS4JException e) {
                        throw Failures.fromOpenStack4j(e, method.name(), path, name);
                    }
                });
            } catch (CloudException e) {
                record(name, method, e.url(), v, null, start, null, e);
                throw e;
            }
            if (r.status() == 401 && !renewed) {
                renewed = true;
                try {
                    shared.session.reauthenticate(used[0]);
                } catch (CloudException e) {
                    record(name, method, r.url(), v, r.status(), start, r.body(), e);
                    throw e;
                }
                continue;
            }
            if (method == HttpMethod.GET && (r.status() == 503 || r.status() == 429)
                    && retries < shared.options.maxRetries()) {
                Duration wait = backoff(r, retries++);
                LOG.debug("{} answered {}; retry {} in {} ms", r.url(), r.status(), retries, wait.toMillis());
                sleep(wait, name);
                continue;
            }
            break;
        }
        if (r.status() >= 400) {
            CloudException ce = Failures.fromStatus(r.status(), NovaJson.errorMessage(r.body()), method.name(),
                    r.url(), name + " (" + method + " " + path + ")", v);
            record(name, method, r.url(), v, r.status(), start, r.body(), ce);
            throw ce;
        }
        try {
            T value = r.body().isBlank() && method != HttpMethod.GET ? parse.apply(null)
                    : parse.apply(NovaJson.parse(r.body()));
            record(name, method, r.url(), v, r.status(), start, r.body(), null);
            return value;
        } catch (CloudException e) {
            CloudException ce = new CloudException(e.kind(), name + ": " + e.getMessage(), r.status(), method.name(),
                    r.url(), null, e);
            record(name, method, r.url(), v, r.status(), start, r.body(), ce);
            throw ce;
        }
    }

    private Duration backoff(NovaRestService.Response r, int attempt) {
        Duration max = shared.options.maxBackoff();
        String retryAfter = r.header("Retry-After");
        if (retryAfter != null && retryAfter.trim().matches("\\d+")) {
            Duration d = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
            return d.compareTo(max) > 0 ? max : d;
        }
        Duration d = shared.options.initialBackoff().multipliedBy(1L << Math.min(attempt, 16));
        return d.compareTo(max) > 0 ? max : d;
    }

    private static void sleep(Duration d, String name) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(CloudException.Kind.TIMEOUT, name + " interrupted while waiting to retry");
        }
    }

    private void record(String name, HttpMethod method, String url, Microversion v, Integer status, long startNanos,
            String body, CloudException error) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        sink.accept(new ApiCall(name, method.name(), url, v == null ? null : v.toString(), status, millis, body,
                error == null ? null : error.kind().name(), error == null ? null : error.getMessage()));
    }

    private static String regexEscape(String s) {
        return s.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }
}
