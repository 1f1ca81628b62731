package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The migration side of Nova's API: os-migrateLive, server migrations (list, show, abort,
 * force-complete), os-migrations, os-instance-actions and server delete.
 */
final class NovaMigrationRoutes {

    private final World world;
    private final MigrationEngine engine;
    private final NovaViews views;
    private final NovaApi api;

    NovaMigrationRoutes(World world, MigrationEngine engine, NovaViews views, NovaApi api) {
        this.world = world;
        this.engine = engine;
        this.views = views;
        this.api = api;
    }

    /** POST /servers/{id}/action. */
    void serverAction(HttpCall call, Server s, Microversion v) throws IOException {
        JsonNode body = call.json();
        if (body.has("os-migrateLive")) {
            migrateLive(call, s, v, body);
            return;
        }
        Iterator<String> names = body.fieldNames();
        throw ApiError.badRequest("There is no such action: " + (names.hasNext() ? names.next() : ""));
    }

    private void migrateLive(HttpCall call, Server s, Microversion v, JsonNode body) throws IOException {
        JsonNode req = body.get("os-migrateLive");
        String invalid = "Invalid input for field/attribute os-migrateLive. Value: " + req + ". ";
        if (!req.isObject()) {
            throw ApiError.badRequest(invalid + req + " is not of type 'object'");
        }
        Set<String> allowed = !v.atLeast(25) ? Set.of("host", "block_migration", "disk_over_commit")
                : v.atLeast(30) && !v.atLeast(68) ? Set.of("host", "block_migration", "force")
                : Set.of("host", "block_migration");
        List<String> required = !v.atLeast(25) ? List.of("block_migration", "disk_over_commit", "host")
                : List.of("block_migration", "host");
        for (String r : required) {
            if (!req.has(r)) {
                throw ApiError.badRequest(invalid + "'" + r + "' is a required property");
            }
        }
        Iterator<String> fields = req.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw ApiError.badRequest(invalid + "Additional properties are not allowed ('" + field
                        + "' was unexpected)");
            }
        }
        JsonNode blockNode = req.get("block_migration");
        boolean auto = v.atLeast(25) && blockNode.isTextual() && blockNode.asText().equals("auto");
        if (!auto && !isBoolean(blockNode)) {
            throw ApiError.badRequest("Invalid input for field/attribute block_migration. Value: " + blockNode + ". "
                    + blockNode + " is not of type 'boolean'" + (v.atLeast(25) ? ", 'string'" : ""));
        }
        if (req.has("disk_over_commit") && !isBoolean(req.get("disk_over_commit"))) {
            throw ApiError.badRequest("Invalid input for field/attribute disk_over_commit. Value: "
                    + req.get("disk_over_commit") + ". " + req.get("disk_over_commit") + " is not of type 'boolean'");
        }
        JsonNode hostNode = req.get("host");
        if (!hostNode.isNull() && !hostNode.isTextual()) {
            throw ApiError.badRequest("Invalid input for field/attribute host. Value: " + hostNode + ". "
                    + hostNode + " is not of type 'string', 'null'");
        }
        String host = hostNode.isNull() ? null : hostNode.asText();
        boolean force = req.has("force") && req.get("force").asBoolean();
        if (force && host == null) {
            throw ApiError.badRequest("Can't force to a non-provided destination");
        }
        // Before 2.30 a given host bypassed the scheduler; from 2.30 only with force=true (removed at 2.68).
        boolean forced = host != null && (!v.atLeast(30) || force);
        // block_migration "auto": the emulated hosts share their instance storage, so no block migration.
        boolean block = !auto && (blockNode.isBoolean() ? blockNode.asBoolean() : blockNode.asText().equalsIgnoreCase("true"));
        engine.liveMigrate(s, host, block, forced, !v.atLeast(34));
        call.send(202, null);
    }

    private static boolean isBoolean(JsonNode n) {
        return n.isBoolean() || (n.isTextual() && Set.of("true", "false", "True", "False", "1", "0", "yes", "no",
                "on", "off").contains(n.asText()));
    }

    /** /servers/{id}/migrations[/{mid}[/action]]. */
    ObjectNode serverMigrations(HttpCall call, Server s, List<String> rest, Microversion v) throws IOException {
        int n = rest.size();
        if (n == 0 && call.method.equals("GET")) {
            NovaApi.require(v, 23);
            ObjectNode body = Json.object();
            ArrayNode arr = body.putArray("migrations");
            for (Migration m : world.migrations) {
                if (m.server == s && m.isLive() && m.inProgress()) {
                    arr.add(views.serverMigration(m, v));
                }
            }
            return body;
        }
        if (n == 1 && call.method.equals("GET")) {
            NovaApi.require(v, 23);
            Migration m = engine.migrationOf(s, rest.get(0));
            String mid = rest.get(0);
            if (m == null || !String.valueOf(m.id).equals(mid)) {
                throw ApiError.notFound("In-progress live migration " + mid + " is not found for server " + s.id + ".");
            }
            if (!m.isLive()) {
                throw ApiError.notFound("Migration " + mid + " for server " + s.id + " is not live-migration.");
            }
            if (!m.inProgress()) {
                throw ApiError.notFound("Live migration " + mid + " for server " + s.id + " is not in progress.");
            }
            ObjectNode body = Json.object();
            body.set("migration", views.serverMigration(m, v));
            return body;
        }
        if (n == 1 && call.method.equals("DELETE")) {
            NovaApi.require(v, 24);
            engine.abort(s, requireInteger(rest.get(0)), v);
            call.send(202, null);
            return null;
        }
        if (n == 2 && rest.get(1).equals("action") && call.method.equals("POST")) {
            NovaApi.require(v, 22);
            JsonNode body = call.json();
            if (!body.has("force_complete")) {
                throw ApiError.badRequest("Invalid input for field/attribute force_complete. Value: " + body
                        + ". 'force_complete' is a required property");
            }
            engine.forceComplete(s, requireInteger(rest.get(0)));
            call.send(202, null);
            return null;
        }
        throw ApiError.notFound("The resource could not be found.");
    }

    private static String requireInteger(String id) {
        if (!id.matches("\\d+")) {
            throw ApiError.badRequest("Invalid input for field/attribute migration_id. Value: " + id
                    + ". '" + id + "' is not of type 'integer'");
        }
        return id;
    }

    /** GET /os-migrations with Nova's filters, sorted by created_at then id, newest first. */
    ObjectNode osMigrations(HttpCall call, Microversion v) {
        List<Migration> matching = new ArrayList<>();
        Instant since = v.atLeast(59) ? time(call, "changes-since") : null;
        Instant before = v.atLeast(66) ? time(call, "changes-before") : null;
        if (since != null && before != null && before.isBefore(since)) {
            throw ApiError.badRequest("The value of changes-since must be less than or equal to changes-before.");
        }
        for (Migration m : world.migrations) {
            if (!matches(call.param("status"), m.status) || !matches(call.param("source_compute"), m.sourceCompute)
                    || !matches(call.param("instance_uuid"), m.server.id)
                    || !matches(call.param("migration_type"), m.type)) {
                continue;
            }
            String host = call.param("host");
            if (host != null && !host.equals(m.sourceCompute) && !host.equals(m.destCompute)) {
                continue;
            }
            if (v.atLeast(80) && (!matches(call.param("user_id"), m.userId)
                    || !matches(call.param("project_id"), m.projectId))) {
                continue;
            }
            if ((since != null && m.updated.isBefore(since)) || (before != null && m.updated.isAfter(before))) {
                continue;
            }
            matching.add(m);
        }
        matching.sort(Comparator.comparing((Migration m) -> m.created).thenComparing(m -> m.id).reversed());
        NovaApi.Page<Migration> page = v.atLeast(59) ? api.page(matching, call, m -> m.uuid, true)
                : new NovaApi.Page<>(matching, false, 0);
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("migrations");
        for (Migration m : page.items()) {
            arr.add(views.osMigration(m, v, flavorDbId(m.server.flavor)));
        }
        if (page.hasNext()) {
            body.putArray("migrations_links").addObject().put("href", api.nextHref("os-migrations", call,
                    page.items().get(page.items().size() - 1).uuid, page.limit())).put("rel", "next");
        }
        return body;
    }

    private int flavorDbId(Flavor f) {
        int i = 1;
        for (Flavor x : world.flavors.values()) {
            if (x == f) {
                return i;
            }
            i++;
        }
        return 0;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private static Instant time(HttpCall call, String name) {
        String text = call.param(name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ApiError.badRequest("Invalid input for query parameters " + name + ". Value: " + text
                        + ". '" + text + "' is not a 'date-time'");
            }
        }
    }

    /** GET /servers/{id}/os-instance-actions[/{request_id}]; also for deleted servers from 2.21. */
    ObjectNode instanceActions(HttpCall call, String serverId, List<String> rest, Microversion v) {
        Server s = world.serversById.get(serverId);
        if (s == null || (s.deleted && !v.atLeast(21))) {
            throw ApiError.notFound("Instance " + serverId + " could not be found.");
        }
        List<InstanceAction> actions = new ArrayList<>(world.actionsOf(s.id));
        actions.sort(Comparator.comparing((InstanceAction a) -> a.start).reversed());
        ObjectNode body = Json.object();
        if (rest.isEmpty()) {
            if (v.atLeast(58)) {
                Instant since = time(call, "changes-since");
                Instant before = v.atLeast(66) ? time(call, "changes-before") : null;
                actions.removeIf(a -> (since != null && a.updated.isBefore(since))
                        || (before != null && a.updated.isAfter(before)));
            }
            NovaApi.Page<InstanceAction> page = v.atLeast(58) ? api.page(actions, call, a -> a.requestId, true)
                    : new NovaApi.Page<>(actions, false, 0);
            ArrayNode arr = body.putArray("instanceActions");
            page.items().forEach(a -> arr.add(views.instanceAction(a, v, false)));
            if (page.hasNext()) {
                body.putArray("links").addObject().put("href", api.nextHref("servers/" + s.id + "/os-instance-actions",
                        call, page.items().get(page.items().size() - 1).requestId, page.limit())).put("rel", "next");
            }
            return body;
        }
        for (InstanceAction a : actions) {
            if (a.requestId.equals(rest.get(0))) {
                body.set("instanceAction", views.instanceAction(a, v, true));
                return body;
            }
        }
        throw ApiError.notFound("Action " + rest.get(0) + " could not be found.");
    }
}
