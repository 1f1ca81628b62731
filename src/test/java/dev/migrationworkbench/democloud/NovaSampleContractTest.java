package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract: for every upstream response sample in ../shared/nova-api-samples that the demo cloud
 * serves, its answer at the sample's microversion has the same field names, JSON types and nesting.
 * Maps whose keys are data (metadata, extra specs, addresses, ...) are compared by their values.
 */
class NovaSampleContractTest {

    static final Path SAMPLES = Path.of(System.getProperty("shared.dir", "../shared"), "nova-api-samples");
    /** Objects whose keys are data, not field names. */
    static final Set<String> FREE_FORM = Set.of("metadata", "extra_specs", "properties", "scheduler_hints", "rules",
            "addresses");
    /** Fields only an admin sees: the samples taken as a non-admin user lack them. */
    static final Set<String> ADMIN_ONLY = Set.of("OS-EXT-SRV-ATTR:host", "OS-EXT-SRV-ATTR:hypervisor_hostname",
            "OS-EXT-SRV-ATTR:instance_name", "OS-EXT-SRV-ATTR:kernel_id", "OS-EXT-SRV-ATTR:launch_index",
            "OS-EXT-SRV-ATTR:ramdisk_id", "OS-EXT-SRV-ATTR:reservation_id", "OS-EXT-SRV-ATTR:root_device_name",
            "OS-EXT-SRV-ATTR:user_data", "host_status");
    /** Fields Nova adds only in some states: next-page links when a page is full, migration links while in progress. */
    static final Set<String> CONDITIONAL = Set.of(".servers_links", ".hypervisors_links", ".migrations_links", ".links",
            ".migrations[].links");
    static final ObjectMapper MAPPER = new ObjectMapper();
    static DemoCloud cloud;
    static RawClient client;

    @BeforeAll
    static void start() throws Exception {
        Path scenario = Path.of(NovaSampleContractTest.class.getResource("/democloud/contract-scenario.yaml").toURI());
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario(scenario).withSpeed(0));
        client = new RawClient(cloud).login();
        cloud.clock().advance(Duration.ofSeconds(40));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** sample file, microversion (null: none sent), request path below /compute/v2.1 ({vm}, {hv}, {mig}, {rid}, {mark}). */
    static Stream<Arguments> samples() {
        List<Arguments> a = new ArrayList<>();
        a.add(Arguments.of("servers/server-get-resp.json", "2.1", "/servers/{vm}"));
        a.add(Arguments.of("servers/servers-details-resp.json", "2.1", "/servers/detail?limit=1"));
        a.add(Arguments.of("servers/servers-list-resp.json", "2.1", "/servers?limit=1"));
        for (String v : List.of("2.73", "2.90", "2.96", "2.98", "2.100")) {
            a.add(Arguments.of("servers/v" + v + "/server-get-resp.json", v, "/servers/{vm}"));
            a.add(Arguments.of("servers/v" + v + "/servers-details-resp.json", v, "/servers/detail?limit=1"));
        }
        for (String v : List.of("2.90", "2.96", "2.98", "2.100")) {
            a.add(Arguments.of("servers/v" + v + "/servers-list-resp.json", v, "/servers?limit=1"));
        }
        for (String[] h : new String[][] {{"", "2.1"}, {"v2.28/", "2.28"}, {"v2.53/", "2.53"}, {"v2.88/", "2.88"},
            {"v2.33/", "2.33"}}) {
            String dir = "os-hypervisors/" + h[0];
            String v = h[1];
            boolean paged = v.equals("2.33") || v.equals("2.53") || v.equals("2.88");
            a.add(Arguments.of(dir + "hypervisors-list-resp.json", v, "/os-hypervisors" + (paged ? "?limit=1" : "")));
            a.add(Arguments.of(dir + "hypervisors-detail-resp.json", v, "/os-hypervisors/detail" + (paged ? "?limit=1" : "")));
            if (v.equals("2.33")) {
                continue;
            }
            a.add(Arguments.of(dir + "hypervisors-show-resp.json", v, "/os-hypervisors/{hv}"));
            boolean old = v.equals("2.1") || v.equals("2.28");
            a.add(Arguments.of(dir + "hypervisors-search-resp.json", v,
                    old ? "/os-hypervisors/c0/search" : "/os-hypervisors?hypervisor_hostname_pattern=c0"));
            a.add(Arguments.of(dir + "hypervisors-with-servers-resp.json", v,
                    old ? "/os-hypervisors/c0/servers" : "/os-hypervisors?hypervisor_hostname_pattern=c0&with_servers=true"));
            if (!v.equals("2.88")) {
                a.add(Arguments.of(dir + "hypervisors-statistics-resp.json", v, "/os-hypervisors/statistics"));
                a.add(Arguments.of(dir + "hypervisors-uptime-resp.json", v, "/os-hypervisors/{hv}/uptime"));
                a.add(Arguments.of(dir + "hypervisors-without-servers-resp.json", v,
                        old ? "/os-hypervisors/c3/servers" : "/os-hypervisors?hypervisor_hostname_pattern=c3&with_servers=true"));
            }
            if (!old) {
                a.add(Arguments.of(dir + "hypervisors-detail-with-servers-resp.json", v,
                        "/os-hypervisors/detail?hypervisor_hostname_pattern=c0&with_servers=true"));
                a.add(Arguments.of(dir + "hypervisors-show-with-servers-resp.json", v, "/os-hypervisors/{hv}?with_servers=true"));
            }
        }
        a.add(Arguments.of("os-instance-actions/instance-actions-list-resp.json", "2.1", "/servers/{vm}/os-instance-actions"));
        a.add(Arguments.of("os-instance-actions/instance-action-get-resp.json", "2.1", "/servers/{vm}/os-instance-actions/{rid}"));
        for (String v : List.of("2.21", "2.51", "2.58", "2.62", "2.66", "2.84")) {
            String dir = "os-instance-actions/v" + v + "/";
            a.add(Arguments.of(dir + "instance-actions-list-resp.json", v, "/servers/{vm}/os-instance-actions"));
            a.add(Arguments.of(dir + "instance-action-get-resp.json", v, "/servers/{vm}/os-instance-actions/{rid}"));
            if (!v.equals("2.21") && !v.equals("2.51")) {
                a.add(Arguments.of(dir + "instance-actions-list-with-limit-resp.json", v, "/servers/{vm}/os-instance-actions?limit=1"));
                a.add(Arguments.of(dir + "instance-actions-list-with-marker-resp.json", v,
                        "/servers/{vm}/os-instance-actions?marker={rid}"));
                a.add(Arguments.of(dir + "instance-actions-list-with-changes-since.json", v,
                        "/servers/{vm}/os-instance-actions?changes-since=2000-01-01T00:00:00Z"));
            }
            if (v.equals("2.66") || v.equals("2.84")) {
                a.add(Arguments.of(dir + "instance-actions-list-with-changes-before.json", v,
                        "/servers/{vm}/os-instance-actions?changes-before=2100-01-01T00:00:00Z"));
            }
        }
        a.add(Arguments.of("os-migrations/migrations-get.json", "2.1", "/os-migrations"));
        a.add(Arguments.of("os-migrations/v2.23/migrations-get.json", "2.23", "/os-migrations"));
        for (String v : List.of("2.59", "2.66", "2.80")) {
            String dir = "os-migrations/v" + v + "/";
            a.add(Arguments.of(dir + "migrations-get.json", v, "/os-migrations"));
            a.add(Arguments.of(dir + "migrations-get-with-limit.json", v, "/os-migrations?limit=1"));
            a.add(Arguments.of(dir + "migrations-get-with-marker.json", v, "/os-migrations?marker={mark}"));
            a.add(Arguments.of(dir + "migrations-get-with-changes-since.json", v,
                    "/os-migrations?changes-since=2000-01-01T00:00:00Z"));
            if (!v.equals("2.59")) {
                a.add(Arguments.of(dir + "migrations-get-with-changes-before.json", v,
                        "/os-migrations?changes-before=2100-01-01T00:00:00Z"));
            }
        }
        a.add(Arguments.of("os-migrations/v2.80/migrations-get-with-user-or-project-id.json", "2.80",
                "/os-migrations?project_id={project}"));
        for (String v : List.of("2.23", "2.59", "2.80")) {
            a.add(Arguments.of("server-migrations/v" + v + "/migrations-index.json", v, "/servers/{vm}/migrations"));
            a.add(Arguments.of("server-migrations/v" + v + "/migrations-get.json", v, "/servers/{vm}/migrations/{mig}"));
        }
        a.add(Arguments.of("os-server-groups/server-groups-list-resp.json", "2.1", "/os-server-groups"));
        a.add(Arguments.of("os-server-groups/server-groups-get-resp.json", "2.1", "/os-server-groups/{group}"));
        for (String v : List.of("2.13", "2.64")) {
            a.add(Arguments.of("os-server-groups/v" + v + "/server-groups-list-resp.json", v, "/os-server-groups"));
            a.add(Arguments.of("os-server-groups/v" + v + "/server-groups-get-resp.json", v, "/os-server-groups/{group}"));
        }
        a.add(Arguments.of("os-services/services-list-get-resp.json", "2.1", "/os-services"));
        a.add(Arguments.of("os-services/v2.11/services-list-get-resp.json", "2.11", "/os-services"));
        a.add(Arguments.of("os-services/v2.53/services-list-get-resp.json", "2.53", "/os-services"));
        a.add(Arguments.of("versions/versions-get-resp.json", null, "VERSIONS"));
        a.add(Arguments.of("versions/v21-version-get-resp.json", null, ""));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("samples")
    void responseHasTheShapeOfTheUpstreamSample(String sample, String version, String template) throws Exception {
        JsonNode expected = MAPPER.readTree(Files.readString(SAMPLES.resolve(sample)));
        RawClient.Reply reply;
        if (template.equals("VERSIONS")) {
            reply = client.send("GET", cloud.baseUrl() + "/compute/", null, null, null);
        } else {
            reply = client.get(resolve(template, version, sample), version);
        }
        assertThat(reply.status()).as("%s: HTTP status, body %s", sample, reply.raw().body()).isEqualTo(200);
        List<String> differences = new ArrayList<>();
        boolean nonAdmin = sample.startsWith("servers/v2.9") || sample.startsWith("servers/v2.100");
        compare(expected, reply.json(), "", nonAdmin, differences);
        assertThat(differences).as("%s at %s: shape differences%n%s", sample, version, reply.json()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keystoneSamples")
    void keystoneAnswersHaveTheShapeOfTheUpstreamSamples(String sample) throws Exception {
        JsonNode expected = MAPPER.readTree(Files.readString(SAMPLES.resolve(sample)));
        RawClient.Reply reply = sample.contains("versions") ? client.send("GET", cloud.baseUrl() + "/identity/", null, null, null)
                : sample.contains("version-") ? client.send("GET", cloud.authUrl(), null, null, null)
                : client.send("POST", cloud.authUrl() + "/auth/tokens",
                        RawClient.passwordBody(cloud.username(), cloud.password(), cloud.projectName()), null, null);
        List<String> differences = new ArrayList<>();
        compare(expected, reply.json(), "", false, differences);
        assertThat(differences).as("%s: shape differences%n%s", sample, reply.json()).isEmpty();
    }

    static Stream<String> keystoneSamples() {
        return Stream.of("keystone/admin/identity-versions-response.json", "keystone/admin/identity-version-response.json",
                "keystone/admin/auth-password-project-scoped-response.json",
                "keystone/auth/responses/project-scoped-password.json");
    }

    private static String resolve(String template, String version, String sample) throws Exception {
        String vm = cloud.serverId(template.contains("migrations") && !template.startsWith("/os-") ? "vm-2" : "vm-3");
        String path = template.replace("{vm}", vm).replace("{project}", cloud.projectId());
        if (path.contains("{hv}")) {
            JsonNode list = client.get("/os-hypervisors", version).json().path("hypervisors");
            path = path.replace("{hv}", list.get(0).path("id").asText());
        }
        if (path.contains("{rid}")) {
            JsonNode list = client.get("/servers/" + vm + "/os-instance-actions", version).json().path("instanceActions");
            path = path.replace("{rid}", list.get(0).path("request_id").asText());
        }
        if (path.contains("{mig}")) {
            JsonNode list = client.get("/servers/" + vm + "/migrations", version).json().path("migrations");
            path = path.replace("{mig}", list.get(0).path("id").asText());
        }
        if (path.contains("{mark}")) {
            path = path.replace("{mark}", client.get("/os-migrations", version).json().at("/migrations/0/uuid").asText());
        }
        if (path.contains("{group}")) {
            path = path.replace("{group}", client.get("/os-server-groups", version).json().at("/server_groups/0/id").asText());
        }
        return path;
    }

    /** Records where {@code actual} differs from {@code expected} in field names, JSON types or nesting. */
    static void compare(JsonNode expected, JsonNode actual, String at, boolean nonAdminSample, List<String> out) {
        if (expected.isNull() || actual == null || actual.isNull()) {
            return;
        }
        if (expected.getNodeType() != actual.getNodeType() && !(expected.isNumber() && actual.isNumber())) {
            out.add(at + ": expected " + expected.getNodeType() + ", found " + actual.getNodeType());
            return;
        }
        if (expected.isNumber() && expected.isIntegralNumber() != actual.isIntegralNumber()) {
            out.add(at + ": expected " + (expected.isIntegralNumber() ? "an integer" : "a decimal") + ", found " + actual);
        }
        if (expected.isArray()) {
            if (expected.size() > 0 && actual.size() == 0) {
                out.add(at + ": expected elements, found an empty list");
            }
            for (int i = 0; i < actual.size() && expected.size() > 0; i++) {
                compare(expected.get(Math.min(i, expected.size() - 1)), actual.get(i), at + "[]", nonAdminSample, out);
            }
            return;
        }
        if (!expected.isObject()) {
            return;
        }
        String field = at.substring(at.lastIndexOf('.') + 1);
        if (FREE_FORM.contains(field)) {
            Iterator<JsonNode> values = expected.elements();
            if (values.hasNext() && actual.size() > 0) {
                compare(values.next(), actual.elements().next(), at + ".*", nonAdminSample, out);
            }
            return;
        }
        Set<String> missing = new TreeSet<>();
        expected.fieldNames().forEachRemaining(missing::add);
        Set<String> extra = new TreeSet<>();
        actual.fieldNames().forEachRemaining(extra::add);
        Set<String> common = new TreeSet<>(missing);
        common.retainAll(extra);
        missing.removeAll(common);
        extra.removeAll(common);
        if (nonAdminSample) {
            extra.removeAll(ADMIN_ONLY);
        }
        missing.removeIf(k -> CONDITIONAL.contains(at + "." + k));
        extra.removeIf(k -> CONDITIONAL.contains(at + "." + k));
        if (!missing.isEmpty()) {
            out.add(at + ": missing " + missing);
        }
        if (!extra.isEmpty()) {
            out.add(at + ": not in the sample " + extra);
        }
        for (String key : common) {
            compare(expected.get(key), actual.get(key), at + "." + key, nonAdminSample, out);
        }
    }
}
