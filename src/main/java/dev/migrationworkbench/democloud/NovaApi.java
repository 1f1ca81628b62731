package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Nova's compute API v2.1 under {@code /compute}: version documents, microversion negotiation and
 * the read side of servers, flavors, services, hypervisors and server groups.
 */
final class NovaApi {

    static final String PREFIX = "/compute";
    private static final int MAX_LIMIT = 1000;
    private static final String LEGACY_HEADER = "X-OpenStack-Nova-API-Version";
    private static final String HEADER = "OpenStack-API-Version";

    private final String base;
    private final World world;
    private final KeystoneApi keystone;
    private final NovaViews views;
    private final NovaMigrationRoutes migrations;
    private final MigrationEngine engine;

    NovaApi(String base, World world, KeystoneApi keystone, MigrationEngine engine) {
        this.base = base;
        this.world = world;
        this.keystone = keystone;
        this.views = new NovaViews(base + PREFIX, world);
        this.engine = engine;
        this.migrations = new NovaMigrationRoutes(world, engine, views, this);
    }

    /**
     * Nova refuses any request, a DELETE without a body too, whose Content-Type is neither absent,
     * empty, text/plain nor JSON (nova/api/openstack/wsgi.py, Request.get_content_type).
     */
    static boolean supportedContentType(String header) {
        if (header == null) {
            return true;
        }
        String type = header.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.isEmpty() || type.equals("text/plain") || type.equals("application/json")
                || type.equals("application/vnd.openstack.compute+json");
    }

    void handle(HttpCall call) throws IOException {
        List<String> seg = new ArrayList<>(call.segmentsAfter(PREFIX));
        if (seg.isEmpty()) {
            if (call.method.equals("GET")) {
                ObjectNode body = Json.object();
                ArrayNode versions = body.putArray("versions");
                versions.add(versionDoc(false, false));
                versions.add(versionDoc(true, false));
                call.send(200, body);
            } else {
                call.send(405, ApiError.of(405, "The method specified is not allowed for this resource.").body());
            }
            return;
        }
        if (!seg.get(0).equals("v2.1")) {
            call.send(404, ApiError.notFound("The resource could not be found.").body());
            return;
        }
        seg.remove(0);
        if (seg.isEmpty()) {
            ObjectNode body = Json.object();
            body.set("version", versionDoc(true, true));
            call.send(200, body);
            return;
        }
        if (!keystone.valid(call.header("X-Auth-Token"))) {
            call.send(401, KeystoneApi.error(401, "Unauthorized", "The request you have made requires authentication."));
            return;
        }
        if (!supportedContentType(call.header("Content-Type"))) {
            call.send(415, ApiError.of(415, "Unsupported Content-Type").body());
            return;
        }
        String requestId = "req-" + java.util.UUID.randomUUID();
        call.addHeader("X-OpenStack-Request-Id", requestId);
        call.addHeader("X-Compute-Request-Id", requestId);
        if (seg.get(0).equals(world.projectId)) {
            seg.remove(0);
        }
        try {
            Microversion v = negotiate(call);
            call.addHeader(HEADER, "compute " + v);
            call.addHeader(LEGACY_HEADER, v.toString());
            call.addHeader("Vary", HEADER);
            call.addHeader("Vary", LEGACY_HEADER);
            ObjectNode body;
            synchronized (world) {
                body = route(call, seg, v);
            }
            if (!call.answered()) {
                call.send(200, body);
            }
        } catch (ApiError e) {
            call.send(e.status, e.body());
        }
    }

    private ObjectNode versionDoc(boolean v21, boolean full) {
        ObjectNode v = Json.object();
        v.put("id", v21 ? "v2.1" : "v2.0");
        ArrayNode links = v.putArray("links");
        links.addObject().put("href", base + PREFIX + (v21 ? "/v2.1/" : "/v2/")).put("rel", "self");
        if (full) {
            links.addObject().put("href", "http://docs.openstack.org/").put("rel", "describedby").put("type", "text/html");
            v.putArray("media-types").addObject().put("base", "application/json")
                    .put("type", "application/vnd.openstack.compute+json;version=" + (v21 ? "2.1" : "2"));
        }
        v.put("status", v21 ? "CURRENT" : "DEPRECATED")
                .put("version", v21 ? world.maxVersion.toString() : "")
                .put("min_version", v21 ? Microversion.MIN.toString() : "")
                .put("updated", v21 ? "2013-07-23T11:33:21Z" : "2025-07-04T12:00:00Z");
        return v;
    }

    /** api-guide microversions.rst: OpenStack-API-Version wins over the legacy header; none means 2.1. */
    Microversion negotiate(HttpCall call) {
        String requested = null;
        String modern = call.header(HEADER);
        if (modern != null) {
            for (String part : modern.split(",")) {
                String[] t = part.trim().split("\\s+");
                if (t.length == 2 && t[0].equalsIgnoreCase("compute")) {
                    requested = t[1];
                }
            }
        }
        if (requested == null) {
            requested = call.header(LEGACY_HEADER);
        }
        if (requested == null) {
            return Microversion.MIN;
        }
        if (requested.trim().equalsIgnoreCase("latest")) {
            return world.maxVersion;
        }
        Microversion v = Microversion.parse(requested);
        if (v == null) {
            throw ApiError.badRequest("API Version String " + requested
                    + " is of invalid format. Must be of format MajorNum.MinorNum.");
        }
        if (v.compareTo(Microversion.MIN) < 0 || v.compareTo(world.maxVersion) > 0) {
            throw new ApiError(406, "computeFault", "Version " + v + " is not supported by the API. Minimum is "
                    + Microversion.MIN + " and maximum is " + world.maxVersion + ".");
        }
        return v;
    }

    private static ApiError noRoute() {
        return ApiError.notFound("The resource could not be found.");
    }

    static void require(Microversion v, int minor) {
        if (!v.atLeast(minor)) {
            throw noRoute();
        }
    }

    private ObjectNode route(HttpCall call, List<String> seg, Microversion v) throws IOException {
        String head = seg.get(0);
        int n = seg.size();
        boolean get = call.method.equals("GET");
        switch (head) {
            case "servers":
                if (get && n == 1) {
                    return listServers(call, v, false);
                }
                if (get && n == 2 && seg.get(1).equals("detail")) {
                    return listServers(call, v, true);
                }
                if (get && n == 2) {
                    ObjectNode body = Json.object();
                    body.set("server", views.server(findServer(seg.get(1)), v, true));
                    return body;
                }
                if (n == 2 && call.method.equals("DELETE")) {
                    engine.deleteServer(findServer(seg.get(1)));
                    call.send(204, null);
                    return null;
                }
                if (n == 3 && seg.get(2).equals("action") && call.method.equals("POST")) {
                    migrations.serverAction(call, findServer(seg.get(1)), v);
                    return null;
                }
                if (n >= 3 && seg.get(2).equals("migrations")) {
                    return migrations.serverMigrations(call, findServer(seg.get(1)), seg.subList(3, n), v);
                }
                if (get && n >= 3 && n <= 4 && seg.get(2).equals("os-instance-actions")) {
                    return migrations.instanceActions(call, seg.get(1), seg.subList(3, n), v);
                }
                break;
            case "os-migrations":
                if (get && n == 1) {
                    return migrations.osMigrations(call, v);
                }
                break;
            case "flavors":
                if (get) {
                    return flavors(call, seg, v);
                }
                break;
            case "images":
                // api/openstack/compute/images.py: the image proxy exists only up to 2.35
                if (get && n == 2 && !v.atLeast(36)) {
                    return views.image(seg.get(1));
                }
                break;
            case "os-services":
                if (get && n == 1) {
                    return services(call, v);
                }
                break;
            case "os-hypervisors":
                if (get) {
                    return hypervisors(call, seg, v);
                }
                break;
            case "os-server-groups":
                if (get && n == 1) {
                    ObjectNode body = Json.object();
                    ArrayNode arr = body.putArray("server_groups");
                    List<ServerGroup> groups = page(new ArrayList<>(world.groups.values()), call, g -> g.id, false).items;
                    groups.forEach(g -> arr.add(views.serverGroup(g, v)));
                    return body;
                }
                if (get && n == 2) {
                    ServerGroup g = world.groups.values().stream().filter(x -> x.id.equals(seg.get(1))).findFirst()
                            .orElseThrow(() -> ApiError.notFound("Instance group " + seg.get(1) + " could not be found."));
                    ObjectNode body = Json.object();
                    body.set("server_group", views.serverGroup(g, v));
                    return body;
                }
                break;
            default:
                throw noRoute();
        }
        if (call.method.equals("GET") || call.method.equals("POST") || call.method.equals("DELETE")
                || call.method.equals("PUT")) {
            throw noRoute();
        }
        throw ApiError.of(405, "The method specified is not allowed for this resource.");
    }

    Server findServer(String id) {
        Server s = world.server(id);
        if (s == null) {
            throw ApiError.notFound("Instance " + id + " could not be found.");
        }
        return s;
    }

    /** A page of a list: its items and whether a {@code next} link belongs after it. */
    record Page<T>(List<T> items, boolean hasNext, int limit) {
    }

    /** Nova's limit/marker paging (common.py limited / the DB marker queries). */
    <T> Page<T> page(List<T> all, HttpCall call, Function<T, String> markerOf, boolean pagingAllowed) {
        int limit = MAX_LIMIT;
        String limitText = call.param("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("limit param must be an integer");
            }
            if (limit < 0) {
                throw ApiError.badRequest("limit param must be positive");
            }
            limit = Math.min(limit, MAX_LIMIT);
        }
        int from = 0;
        String marker = call.param("marker");
        if (marker != null) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (markerOf.apply(all.get(i)).equals(marker)) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                throw ApiError.badRequest("marker [" + marker + "] not found");
            }
        }
        List<T> items = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit));
        boolean next = pagingAllowed && items.size() == limit && limit > 0;
        return new Page<>(new ArrayList<>(items), next, limit);
    }

    String nextHref(String path, HttpCall call, String marker, int limit) {
        StringBuilder q = new StringBuilder();
        call.query.forEach((k, values) -> {
            if (!k.equals("marker") && !k.equals("limit")) {
                values.forEach(val -> q.append(k).append('=').append(enc(val)).append('&'));
            }
        });
        q.append("limit=").append(limit).append("&marker=").append(enc(marker));
        return views.selfUrl(path) + "?" + q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private ObjectNode listServers(HttpCall call, Microversion v, boolean detail) {
        List<Server> matching = new ArrayList<>();
        Pattern name = null;
        if (call.param("name") != null) {
            try {
                name = Pattern.compile(call.param("name"));
            } catch (PatternSyntaxException e) {
                throw ApiError.badRequest("Invalid regular expression for name: " + call.param("name"));
            }
        }
        String status = call.param("status");
        String host = call.param("host");
        String flavor = call.param("flavor");
        for (Server s : world.servers) {
            if (s.deleted) {
                continue;
            }
            if (name != null && !name.matcher(s.name).find()) {
                continue;
            }
            if (status != null && !status.equalsIgnoreCase(s.status())) {
                continue;
            }
            if (host != null && !host.equals(s.host)) {
                continue;
            }
            if (flavor != null && !flavor.equals(s.flavor.id())) {
                continue;
            }
            matching.add(s);
        }
        // Nova's default sort: created_at desc, then id desc.
        matching.sort(Comparator.comparing((Server s) -> s.created).thenComparing(s -> s.id).reversed());
        Page<Server> page = page(matching, call, s -> s.id, true);
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("servers");
        for (Server s : page.items()) {
            arr.add(detail ? views.server(s, v, false) : views.serverBrief(s));
        }
        if (page.hasNext()) {
            body.putArray("servers_links").addObject()
                    .put("href", nextHref(detail ? "servers/detail" : "servers", call,
                            page.items().get(page.items().size() - 1).id, page.limit()))
                    .put("rel", "next");
        }
        return body;
    }

    private ObjectNode flavors(HttpCall call, List<String> seg, Microversion v) {
        ObjectNode body = Json.object();
        if (seg.size() == 1 || (seg.size() == 2 && seg.get(1).equals("detail"))) {
            boolean detail = seg.size() == 2;
            ArrayNode arr = body.putArray("flavors");
            List<Flavor> all = new ArrayList<>(world.flavors.values());
            page(all, call, Flavor::id, false).items().forEach(f -> arr.add(views.flavor(f, v, detail)));
            return body;
        }
        Flavor f = world.flavorById(seg.get(1));
        if (f == null) {
            throw ApiError.notFound("Flavor " + seg.get(1) + " could not be found.");
        }
        if (seg.size() == 2) {
            body.set("flavor", views.flavor(f, v, true));
            return body;
        }
        if (seg.size() == 3 && seg.get(2).equals("os-extra_specs")) {
            ObjectNode specs = body.putObject("extra_specs");
            f.extraSpecs().forEach(specs::put);
            return body;
        }
        throw noRoute();
    }

    private ObjectNode services(HttpCall call, Microversion v) {
        String binary = call.param("binary");
        String host = call.param("host");
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("services");
        List<ObjectNode> all = new ArrayList<>();
        all.add(views.service("nova-scheduler", null, 1, "6b9f5e0a-3c8d-4e1f-9a2b-7c6d5e4f3a21", "internal", v));
        all.add(views.service("nova-conductor", null, 2, "0f1e2d3c-4b5a-4697-8877-665544332211", "internal", v));
        for (Host h : world.hosts.values()) {
            all.add(views.service("nova-compute", h, h.serviceId, h.serviceUuid, "nova", v));
        }
        for (ObjectNode s : all) {
            if ((binary == null || binary.equals(s.path("binary").asText()))
                    && (host == null || host.equals(s.path("host").asText()))) {
                arr.add(s);
            }
        }
        return body;
    }

    private ObjectNode hypervisors(HttpCall call, List<String> seg, Microversion v) {
        ObjectNode body = Json.object();
        int n = seg.size();
        List<Host> hosts = new ArrayList<>(world.hosts.values());
        if (n == 1 || (n == 2 && seg.get(1).equals("detail"))) {
            boolean detail = n == 2;
            String pattern = call.param("hypervisor_hostname_pattern");
            if (pattern != null) {
                require(v, 53);
                hosts.removeIf(h -> !h.name.contains(pattern));
                if (hosts.isEmpty()) {
                    throw ApiError.notFound("No hypervisor matching '" + pattern + "' could be found.");
                }
            }
            Boolean withServers = withServers(call, v);
            Page<Host> page = v.atLeast(33)
                    ? page(hosts, call, h -> v.atLeast(53) ? h.hypervisorUuid : String.valueOf(h.hypervisorId()), true)
                    : new Page<>(hosts, false, 0);
            ArrayNode arr = body.putArray("hypervisors");
            for (Host h : page.items()) {
                arr.add(detail ? views.hypervisor(h, v, withServers) : listEntry(h, v, withServers));
            }
            if (page.hasNext()) {
                Host last = page.items().get(page.items().size() - 1);
                body.putArray("hypervisors_links").addObject()
                        .put("href", nextHref(detail ? "os-hypervisors/detail" : "os-hypervisors", call,
                                v.atLeast(53) ? last.hypervisorUuid : String.valueOf(last.hypervisorId()), page.limit()))
                        .put("rel", "next");
            }
            return body;
        }
        if (n == 2 && seg.get(1).equals("statistics")) {
            if (v.atLeast(88)) {
                throw noRoute();
            }
            ObjectNode stats = body.putObject("hypervisor_statistics");
            long[] sum = new long[11];
            for (Host h : hosts) {
                ObjectNode d = views.hypervisor(h, v, false);
                String[] keys = {"current_workload", "disk_available_least", "free_disk_gb", "free_ram_mb", "local_gb",
                    "local_gb_used", "memory_mb", "memory_mb_used", "running_vms", "vcpus", "vcpus_used"};
                for (int i = 0; i < keys.length; i++) {
                    sum[i] += d.path(keys[i]).asLong();
                }
            }
            stats.put("count", hosts.size());
            String[] keys = {"current_workload", "disk_available_least", "free_disk_gb", "free_ram_mb", "local_gb",
                "local_gb_used", "memory_mb", "memory_mb_used", "running_vms", "vcpus", "vcpus_used"};
            for (int i = 0; i < keys.length; i++) {
                stats.put(keys[i], sum[i]);
            }
            return body;
        }
        if (n == 3 && (seg.get(2).equals("search") || seg.get(2).equals("servers"))) {
            if (v.atLeast(53)) {
                throw noRoute();
            }
            List<Host> found = hosts.stream().filter(h -> h.name.contains(seg.get(1))).toList();
            if (found.isEmpty()) {
                throw ApiError.notFound("No hypervisor matching '" + seg.get(1) + "' could be found.");
            }
            ArrayNode arr = body.putArray("hypervisors");
            for (Host h : found) {
                ObjectNode o = views.hypervisorBrief(h, v);
                if (seg.get(2).equals("servers")) {
                    List<Server> on = world.serversOn(h.name);
                    if (!on.isEmpty()) {
                        ArrayNode servers = o.putArray("servers");
                        on.forEach(s -> servers.addObject().put("name", s.name).put("uuid", s.id));
                    }
                }
                arr.add(o);
            }
            return body;
        }
        Host h = world.hostByHypervisorId(seg.get(1));
        if (h == null || (v.atLeast(53) != h.hypervisorUuid.equals(seg.get(1)))) {
            if (v.atLeast(53) && !seg.get(1).matches("[0-9a-fA-F-]{36}")) {
                throw ApiError.badRequest("Invalid uuid " + seg.get(1));
            }
            throw ApiError.notFound("Hypervisor with ID '" + seg.get(1) + "' could not be found.");
        }
        if (n == 2) {
            body.set("hypervisor", views.hypervisor(h, v, withServers(call, v)));
            return body;
        }
        if (n == 3 && seg.get(2).equals("uptime")) {
            if (v.atLeast(88)) {
                throw noRoute();
            }
            ObjectNode o = views.hypervisorBrief(h, v);
            o.put("uptime", " 10:14:03 up 41 days,  2:01,  0 users,  load average: 1.02, 0.98, 0.91");
            body.set("hypervisor", o);
            return body;
        }
        throw noRoute();
    }

    private ObjectNode listEntry(Host h, Microversion v, Boolean withServers) {
        ObjectNode o = views.hypervisorBrief(h, v);
        if (v.atLeast(53) && Boolean.TRUE.equals(withServers)) {
            List<Server> on = world.serversOn(h.name);
            if (!on.isEmpty() || v.atLeast(75)) {
                ArrayNode servers = o.putArray("servers");
                on.forEach(s -> servers.addObject().put("name", s.name).put("uuid", s.id));
            }
        }
        return o;
    }

    private static Boolean withServers(HttpCall call, Microversion v) {
        String text = call.param("with_servers");
        if (text == null) {
            return null;
        }
        require(v, 53);
        return switch (text.toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ApiError.badRequest("Invalid input for query parameters with_servers. Value: " + text
                    + ". '" + text + "' is not one of ['0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes']");
        };
    }
}
