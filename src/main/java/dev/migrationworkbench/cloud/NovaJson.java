package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.Hypervisor;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.model.ServerGroup;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Nova's JSON (any microversion from 2.1 on) into the workbench's records. Fields a microversion
 * lacks become null; unknown fields are ignored. Checked against the upstream API samples.
 */
final class NovaJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private NovaJson() {
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            if (node == null || node.isMissingNode()) {
                throw new CloudException(CloudException.Kind.BAD_RESPONSE, "empty response body where JSON was expected");
            }
            return node;
        } catch (IOException e) {
            throw new CloudException(CloudException.Kind.BAD_RESPONSE, "response is not JSON: " + abbreviate(body),
                    null, null, null, null, e);
        }
    }

    /** The envelope member (e.g. {@code "server"}) of a response; a clear error when it is missing. */
    static JsonNode envelope(JsonNode root, String member) {
        JsonNode node = root.get(member);
        if (node == null || node.isNull()) {
            throw new CloudException(CloudException.Kind.BAD_RESPONSE, "response has no '" + member + "': "
                    + abbreviate(root.toString()));
        }
        return node;
    }

    static <T> List<T> list(JsonNode root, String member, Function<JsonNode, T> parser) {
        JsonNode array = envelope(root, member);
        List<T> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(parser.apply(n)));
        return out;
    }

    /** min and max microversion from {@code GET /v2.1/} ({"version":...}) or {@code GET /} ({"versions":[...]}). */
    static Microversion[] versionRange(JsonNode root) {
        JsonNode v = root.get("version");
        if (v == null && root.path("versions").isArray()) {
            for (JsonNode candidate : root.get("versions")) {
                if ("v2.1".equals(candidate.path("id").asText())) {
                    v = candidate;
                }
            }
        }
        if (v == null) {
            throw new CloudException(CloudException.Kind.BAD_RESPONSE,
                    "the compute endpoint returned no version document: " + abbreviate(root.toString()));
        }
        return new Microversion[] {Microversion.parse(text(v, "min_version")), Microversion.parse(text(v, "version"))};
    }

    static Server server(JsonNode s) {
        JsonNode flavor = s.path("flavor");
        JsonNode fault = s.get("fault");
        Map<String, String> specs = new LinkedHashMap<>();
        flavor.path("extra_specs").fields().forEachRemaining(e -> specs.put(e.getKey(), e.getValue().asText()));
        return new Server(
                text(s, "id"),
                text(s, "name"),
                text(s, "status"),
                text(s, "OS-EXT-STS:vm_state"),
                text(s, "OS-EXT-STS:task_state"),
                integer(s, "OS-EXT-STS:power_state"),
                text(s, "OS-EXT-SRV-ATTR:host"),
                text(s, "OS-EXT-SRV-ATTR:hypervisor_hostname"),
                text(s, "host_status"),
                text(flavor, "id"),
                text(flavor, "original_name"),
                specs,
                text(s, "tenant_id"),
                text(s, "user_id"),
                integer(s, "progress"),
                bool(s, "locked"),
                fault == null || fault.isNull() ? null
                        : new Server.Fault(integer(fault, "code"), text(fault, "message"), text(fault, "details"),
                                instant(fault, "created")),
                instant(s, "created"),
                instant(s, "updated"));
    }

    /** Server-group ids of a server (microversion 2.71+); empty when not reported. */
    static List<String> serverGroupIds(JsonNode s) {
        List<String> ids = new ArrayList<>();
        s.path("server_groups").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** The flavor embedded in a server from 2.47 on; null before (only an id there). */
    static Flavor embeddedFlavor(JsonNode server) {
        JsonNode f = server.path("flavor");
        if (!f.has("original_name")) {
            return null;
        }
        Map<String, String> specs = new LinkedHashMap<>();
        f.path("extra_specs").fields().forEachRemaining(e -> specs.put(e.getKey(), e.getValue().asText()));
        return new Flavor(null, text(f, "original_name"), f.path("vcpus").asInt(), f.path("ram").asInt(),
                f.path("disk").asInt(), specs);
    }

    /** The server's image ID; null when it boots from a volume (Nova sends "" then). */
    static String imageId(JsonNode server) {
        String id = server.path("image").path("id").asText(null);
        return id == null || id.isBlank() ? null : id;
    }

    /** The image properties a server shows from 2.98 on; null before. */
    static Map<String, String> embeddedImageProperties(JsonNode server) {
        JsonNode properties = server.path("image").path("properties");
        return properties.isObject() ? strings(properties) : null;
    }

    /** An object's scalar members as strings (nested values and nulls left out). */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    /** {@code GET /flavors/{id}}; extra specs from the body (2.61+) or the separate call. */
    static Flavor flavor(JsonNode f, JsonNode extraSpecsRoot) {
        Map<String, String> specs = new LinkedHashMap<>();
        JsonNode source = extraSpecsRoot != null ? extraSpecsRoot.path("extra_specs") : f.path("extra_specs");
        source.fields().forEachRemaining(e -> specs.put(e.getKey(), e.getValue().asText()));
        return new Flavor(text(f, "id"), text(f, "name"), f.path("vcpus").asInt(), f.path("ram").asInt(),
                f.path("disk").asInt(), specs);
    }

    /**
     * A migration of {@code /servers/{id}/migrations} (server_uuid, progress bytes) or of
     * {@code /os-migrations} (instance_uuid, migration_type, never progress bytes).
     */
    static Migration migration(JsonNode m) {
        String serverId = text(m, "server_uuid") != null ? text(m, "server_uuid") : text(m, "instance_uuid");
        // server-migrations only ever lists live migrations and has no migration_type field
        String type = text(m, "migration_type") != null ? text(m, "migration_type")
                : m.has("server_uuid") ? "live-migration" : null;
        return new Migration(
                m.path("id").asLong(),
                text(m, "uuid"),
                serverId,
                text(m, "status"),
                type,
                text(m, "source_compute"),
                text(m, "source_node"),
                text(m, "dest_compute"),
                text(m, "dest_host"),
                text(m, "dest_node"),
                longValue(m, "memory_total_bytes"),
                longValue(m, "memory_processed_bytes"),
                longValue(m, "memory_remaining_bytes"),
                longValue(m, "disk_total_bytes"),
                longValue(m, "disk_processed_bytes"),
                longValue(m, "disk_remaining_bytes"),
                text(m, "user_id"),
                text(m, "project_id"),
                instant(m, "created_at"),
                instant(m, "updated_at"));
    }

    /** The marker for the next page of {@code /os-migrations} (2.59+ {@code migrations_links}), or null. */
    static String nextMarker(JsonNode root) {
        for (JsonNode link : root.path("migrations_links")) {
            if ("next".equals(link.path("rel").asText())) {
                String href = link.path("href").asText();
                int i = href.indexOf("marker=");
                if (i >= 0) {
                    String rest = href.substring(i + "marker=".length());
                    int amp = rest.indexOf('&');
                    return java.net.URLDecoder.decode(amp < 0 ? rest : rest.substring(0, amp),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    static InstanceAction action(JsonNode a) {
        List<InstanceAction.Event> events = new ArrayList<>();
        a.path("events").forEach(e -> events.add(new InstanceAction.Event(
                text(e, "event"),
                instant(e, "start_time"),
                instant(e, "finish_time"),
                text(e, "result"),
                text(e, "traceback"),
                text(e, "host"),
                text(e, "hostId"),
                text(e, "details"))));
        return new InstanceAction(
                text(a, "action"),
                text(a, "request_id"),
                text(a, "instance_uuid"),
                text(a, "message"),
                text(a, "project_id"),
                text(a, "user_id"),
                instant(a, "start_time"),
                instant(a, "updated_at"),
                events);
    }

    static ComputeService service(JsonNode s) {
        return new ComputeService(
                text(s, "id"),
                text(s, "binary"),
                text(s, "host"),
                text(s, "zone"),
                text(s, "status"),
                text(s, "state"),
                bool(s, "forced_down"),
                text(s, "disabled_reason"),
                instant(s, "updated_at"));
    }

    static Hypervisor hypervisor(JsonNode h) {
        JsonNode service = h.path("service");
        JsonNode cpuInfo = h.get("cpu_info");
        List<String> serverIds = new ArrayList<>();
        if (h.path("servers").isArray()) {
            h.path("servers").forEach(s -> {
                String uuid = text(s, "uuid");
                if (uuid != null) {
                    serverIds.add(uuid);
                }
            });
        }
        return new Hypervisor(
                text(h, "id"),
                text(h, "hypervisor_hostname"),
                text(h, "hypervisor_type"),
                longValue(h, "hypervisor_version"),
                text(h, "host_ip"),
                text(h, "state"),
                text(h, "status"),
                text(service, "host"),
                text(service, "disabled_reason"),
                integer(h, "vcpus"),
                integer(h, "vcpus_used"),
                integer(h, "memory_mb"),
                integer(h, "memory_mb_used"),
                integer(h, "free_ram_mb"),
                integer(h, "local_gb"),
                integer(h, "local_gb_used"),
                integer(h, "running_vms"),
                cpuInfo == null || cpuInfo.isNull() ? null : cpuInfo.isTextual() ? cpuInfo.asText() : cpuInfo.toString(),
                serverIds);
    }

    static ServerGroup serverGroup(JsonNode g) {
        String policy = text(g, "policy");
        if (policy == null && g.path("policies").isArray() && g.path("policies").size() > 0) {
            policy = g.path("policies").get(0).asText();
        }
        List<String> members = new ArrayList<>();
        g.path("members").forEach(m -> members.add(m.asText()));
        return new ServerGroup(text(g, "id"), text(g, "name"), policy,
                integer(g.path("rules"), "max_server_per_host"), members);
    }

    /** Nova's (or Keystone's) error message from {@code {"itemNotFound": {"code":..,"message":..}}}. */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null && root.isObject() && root.size() > 0) {
                JsonNode inner = root.elements().next();
                if (inner.isObject() && inner.hasNonNull("message")) {
                    return inner.get("message").asText();
                }
                if (root.hasNonNull("message")) {
                    return root.get("message").asText();
                }
            }
        } catch (IOException e) {
            // not JSON (a proxy's HTML page): fall through to the raw text
        }
        return abbreviate(body.strip());
    }

    static Instant instant(JsonNode node, String field) {
        String t = text(node, field);
        if (t == null) {
            return null;
        }
        String s = t.replace(' ', 'T');
        try {
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s.matches(".*[+-]\\d{4}$")
                        ? s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2) : s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CloudException(CloudException.Kind.BAD_RESPONSE, "bad timestamp in '" + field + "': " + t,
                    null, null, null, null, e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !(v.isNumber() || v.isTextual() && v.asText().matches("-?\\d+"))
                ? null : v.asInt();
    }

    private static Long longValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !(v.isNumber() || v.isTextual() && v.asText().matches("-?\\d+"))
                ? null : v.asLong();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
