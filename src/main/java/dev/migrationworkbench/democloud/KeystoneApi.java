package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keystone v3 under {@code /identity}: discovery documents and password authentication. Tokens
 * expire on the real clock (clients compare {@code expires_at} with their own clock).
 */
final class KeystoneApi {

    static final String PREFIX = "/identity";
    static final String USER = "demo";
    static final String PASSWORD = "secret";
    static final String PROJECT = "demo";
    static final String DOMAIN = "Default";
    static final String DOMAIN_ID = "default";
    static final String REGION = "RegionOne";

    private final String base;
    private final World world;
    private final Clock realClock;
    private final Duration lifetime;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    KeystoneApi(String base, World world, Clock realClock, Duration lifetime) {
        this.base = base;
        this.world = world;
        this.realClock = realClock;
        this.lifetime = lifetime;
    }

    /** True when the token was issued here and has not expired. */
    boolean valid(String token) {
        if (token == null) {
            return false;
        }
        Instant expiry = tokens.get(token);
        return expiry != null && realClock.instant().isBefore(expiry);
    }

    void expireAll() {
        tokens.replaceAll((t, e) -> Instant.EPOCH);
    }

    void handle(HttpCall call) throws IOException {
        List<String> seg = call.segmentsAfter(PREFIX);
        if (seg.isEmpty() && call.method.equals("GET")) {
            ObjectNode body = Json.object();
            body.putObject("versions").putArray("values").add(versionDoc());
            call.addHeader("Location", base + PREFIX + "/v3/");
            call.send(300, body);
        } else if (seg.equals(List.of("v3")) && call.method.equals("GET")) {
            ObjectNode body = Json.object();
            body.set("version", versionDoc());
            call.send(200, body);
        } else if (seg.equals(List.of("v3", "auth", "tokens")) && call.method.equals("POST")) {
            issue(call);
        } else {
            call.send(404, error(404, "Not Found", "The resource could not be found."));
        }
    }

    private ObjectNode versionDoc() {
        ObjectNode v = Json.object();
        v.put("id", "v3.14").put("status", "stable").put("updated", "2020-04-07T00:00:00Z");
        v.putArray("links").addObject().put("href", base + PREFIX + "/v3/").put("rel", "self");
        v.putArray("media-types").addObject().put("base", "application/json")
                .put("type", "application/vnd.openstack.identity-v3+json");
        return v;
    }

    static ObjectNode error(int code, String title, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("title", title).put("message", message);
        return body;
    }

    private void issue(HttpCall call) throws IOException {
        JsonNode auth;
        try {
            auth = call.json().path("auth");
        } catch (ApiError e) {
            call.send(400, error(400, "Bad Request", "Malformed request body"));
            return;
        }
        JsonNode identity = auth.path("identity");
        boolean password = false;
        for (JsonNode m : identity.path("methods")) {
            password |= "password".equals(m.asText());
        }
        JsonNode user = identity.path("password").path("user");
        String project = auth.path("scope").path("project").path("name").asText(null);
        String projectId = auth.path("scope").path("project").path("id").asText(null);
        boolean userOk = password && (USER.equals(user.path("name").asText()) || world.userId.equals(user.path("id").asText()))
                && PASSWORD.equals(user.path("password").asText())
                && (user.has("id") || domainMatches(user.path("domain")));
        boolean projectOk = auth.path("scope").isMissingNode()
                || (PROJECT.equals(project) && domainMatches(auth.path("scope").path("project").path("domain")))
                || world.projectId.equals(projectId);
        if (!userOk) {
            call.send(401, error(401, "Unauthorized", "The request you have made requires authentication."));
            return;
        }
        if (!projectOk) {
            call.send(401, error(401, "Unauthorized",
                    "The request you have made requires authentication. (Could not find project: "
                            + (project != null ? project : projectId) + ".)"));
            return;
        }
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String token = "gAAAAA" + HexFormat.of().formatHex(raw);
        Instant issued = realClock.instant();
        Instant expires = issued.plus(lifetime);
        tokens.put(token, expires);
        ObjectNode t = Json.object();
        ObjectNode body = t.putObject("token");
        body.putArray("methods").add("password");
        ObjectNode u = body.putObject("user");
        u.putObject("domain").put("id", DOMAIN_ID).put("name", DOMAIN);
        u.put("id", world.userId).put("name", USER).put("password_expires_at", (String) null);
        body.putArray("audit_ids").add(token.substring(6, 28));
        body.put("expires_at", Json.isoMicros(expires)).put("issued_at", Json.isoMicros(issued));
        if (!auth.path("scope").isMissingNode()) {
            ObjectNode p = body.putObject("project");
            p.putObject("domain").put("id", DOMAIN_ID).put("name", DOMAIN);
            p.put("id", world.projectId).put("name", PROJECT);
            body.put("is_domain", false);
            ArrayNode roles = body.putArray("roles");
            roles.addObject().put("id", "51cc68287d524c759f47c811e6463340").put("name", "admin");
            roles.addObject().put("id", "9fe2ff9ee4384b1894a90878d3e92bab").put("name", "member");
            roles.addObject().put("id", "4a3b6e6c7a4d4a0f8f1f1b0e1c2d3e4f").put("name", "reader");
            ArrayNode catalog = body.putArray("catalog");
            catalog.add(service("identity", "keystone", base + PREFIX));
            catalog.add(service("compute", "nova", base + NovaApi.PREFIX + "/v2.1"));
            catalog.add(service("image", "glance", base + SideServices.IMAGE));
            catalog.add(service("network", "neutron", base + SideServices.NETWORK));
        }
        call.addHeader("X-Subject-Token", token);
        call.send(201, t);
    }

    private static boolean domainMatches(JsonNode domain) {
        return DOMAIN.equals(domain.path("name").asText()) || DOMAIN_ID.equals(domain.path("id").asText());
    }

    private ObjectNode service(String type, String name, String url) {
        ObjectNode s = Json.object();
        ArrayNode endpoints = s.putArray("endpoints");
        for (String iface : List.of("public", "internal", "admin")) {
            endpoints.addObject().put("id", stableId(type + "/" + iface))
                    .put("interface", iface).put("region", REGION).put("region_id", REGION).put("url", url);
        }
        s.put("type", type).put("name", name).put("id", stableId(type));
        return s;
    }

    private static String stableId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
