package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationworkbench.model.Hypervisor;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.model.ServerGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;
import org.openstack4j.core.transport.ObjectMapperSingleton;

/** Every upstream response sample we read, at every microversion present, through {@link NovaJson}. */
class NovaJsonSamplesTest {

    /** Vendored upstream samples (see openstack-api-samples/README.md for their origin and licence). */
    private static final Path ROOT = resourceDir("/openstack-api-samples");
    private static final Path SAMPLES = ROOT.resolve("nova");
    private static final Path KEYSTONE = ROOT.resolve("keystone");

    private static Path resourceDir(String name) {
        try {
            return Path.of(NovaJsonSamplesTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Path> files(String dir) throws IOException {
        try (Stream<Path> walk = Files.walk(SAMPLES.resolve(dir))) {
            return walk.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().contains("-req"))
                    .sorted().toList().stream();
        }
    }

    static Stream<Path> serverSamples() throws IOException {
        return files("servers");
    }

    static Stream<Path> serverMigrationSamples() throws IOException {
        return files("server-migrations").filter(p -> p.getFileName().toString().startsWith("migrations-"));
    }

    static Stream<Path> osMigrationSamples() throws IOException {
        return files("os-migrations");
    }

    static Stream<Path> actionSamples() throws IOException {
        return files("os-instance-actions");
    }

    static Stream<Path> serviceSamples() throws IOException {
        return files("os-services").filter(p -> p.getFileName().toString().startsWith("services-list"));
    }

    static Stream<Path> hypervisorSamples() throws IOException {
        return files("os-hypervisors").filter(p -> !p.getFileName().toString().contains("statistics"));
    }

    static Stream<Path> serverGroupSamples() throws IOException {
        return files("os-server-groups");
    }

    @Test
    void thereAreSamplesToRead() throws IOException {
        assertThat(serverSamples().count()).isEqualTo(20);
        assertThat(serverMigrationSamples().count()).isEqualTo(6);
        assertThat(osMigrationSamples().count()).isEqualTo(17);
        assertThat(actionSamples().count()).isEqualTo(33);
        assertThat(hypervisorSamples().count()).isGreaterThan(30);
    }

    @ParameterizedTest
    @MethodSource("serverSamples")
    void servers(Path file) {
        JsonNode root = read(file);
        List<JsonNode> raw = root.has("server") ? List.of(root.get("server")) : List.copyOf(toList(root.get("servers")));
        assertThat(raw).isNotEmpty();
        int version = version(file);
        for (JsonNode r : raw) {
            Server s = NovaJson.server(r);
            assertThat(s.id()).isEqualTo(r.get("id").asText());
            assertThat(s.name()).isEqualTo(NovaJson.text(r, "name"));
            assertThat(s.status()).isEqualTo(NovaJson.text(r, "status"));
            assertThat(s.host()).isEqualTo(NovaJson.text(r, "OS-EXT-SRV-ATTR:host"));
            assertThat(s.hypervisorHostname()).isEqualTo(NovaJson.text(r, "OS-EXT-SRV-ATTR:hypervisor_hostname"));
            assertThat(s.vmState()).isEqualTo(NovaJson.text(r, "OS-EXT-STS:vm_state"));
            assertThat(s.taskState()).isEqualTo(NovaJson.text(r, "OS-EXT-STS:task_state"));
            assertThat(s.hostStatus()).isEqualTo(NovaJson.text(r, "host_status"));
            assertThat(s.projectId()).isEqualTo(NovaJson.text(r, "tenant_id"));
            assertThat(s.created()).isEqualTo(r.has("created") ? NovaJson.instant(r, "created") : null);
            if (r.has("OS-EXT-STS:power_state")) {
                assertThat(s.powerState()).isEqualTo(r.get("OS-EXT-STS:power_state").asInt());
            }
            if (r.has("locked")) {
                assertThat(s.locked()).isEqualTo(r.get("locked").asBoolean());
            }
            JsonNode flavor = r.path("flavor");
            if (flavor.has("original_name")) {
                assertThat(version).isGreaterThanOrEqualTo(47);
                assertThat(s.flavorName()).isEqualTo(flavor.get("original_name").asText());
                assertThat(NovaJson.embeddedFlavor(r).ramMb()).isEqualTo(flavor.get("ram").asInt());
            } else if (flavor.has("id")) {
                assertThat(s.flavorId()).isEqualTo(flavor.get("id").asText());
                assertThat(NovaJson.embeddedFlavor(r)).isNull();
            }
            assertThat(NovaJson.serverGroupIds(r)).hasSize(r.path("server_groups").size());
        }
        if (version >= 71 && root.has("server") && version != 100) {
            assertThat(root.get("server").has("server_groups")).isTrue();
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @ParameterizedTest
    @MethodSource("serverMigrationSamples")
    void serverMigrationsCarryProgressBytes(Path file) {
        JsonNode root = read(file);
        List<Migration> migrations = root.has("migration") ? List.of(NovaJson.migration(root.get("migration")))
                : NovaJson.list(root, "migrations", NovaJson::migration);
        int version = version(file);
        assertThat(migrations).isNotEmpty().allSatisfy(m -> {
            assertThat(m.id()).isPositive();
            assertThat(m.serverId()).isNotBlank();
            assertThat(m.status()).isEqualTo("running");
            assertThat(m.isLive()).isTrue();
            assertThat(m.migrationType()).isEqualTo("live-migration");
            assertThat(m.hasProgress()).isTrue();
            assertThat(m.memoryTotalBytes()).isEqualTo(123456L);
            assertThat(m.memoryRemainingBytes()).isEqualTo(111111L);
            assertThat(m.diskProcessedBytes()).isEqualTo(23456L);
            assertThat(m.createdAt()).isEqualTo(Instant.parse("2016-01-29T13:42:02Z"));
            assertThat(m.uuid() != null).isEqualTo(version >= 59);
            assertThat(m.userId() != null).isEqualTo(version >= 80);
        });
    }

    @ParameterizedTest
    @MethodSource("osMigrationSamples")
    void osMigrationsKeepNovasStatusesAndTypes(Path file) {
        JsonNode root = read(file);
        List<Migration> migrations = NovaJson.list(root, "migrations", NovaJson::migration);
        int version = version(file);
        assertThat(migrations).isNotEmpty().allSatisfy(m -> {
            assertThat(m.serverId()).isNotBlank();
            assertThat(m.status()).isNotBlank();
            assertThat(m.memoryTotalBytes()).isNull();
            assertThat(m.migrationType() != null).isEqualTo(version >= 23);
            assertThat(m.uuid() != null).isEqualTo(version >= 59);
        });
        // openstack4j would read every one of these as MIGRATING
        assertThat(migrations).extracting(Migration::status).doesNotContain("MIGRATING");
        if (file.toString().contains("limit")) {
            assertThat(NovaJson.nextMarker(root)).isEqualTo(migrations.get(migrations.size() - 1).uuid());
        } else {
            assertThat(NovaJson.nextMarker(root)).isNull();
        }
    }

    @Test
    void osMigrationsAtTwoPointTwentyThreeDistinguishLiveFromCold() {
        List<Migration> ms = NovaJson.list(read(SAMPLES.resolve("os-migrations/v2.23/migrations-get.json")),
                "migrations", NovaJson::migration);
        assertThat(ms).extracting(Migration::migrationType).containsOnly("live-migration", "resize");
        assertThat(ms).extracting(Migration::status).contains("running", "error");
    }

    @ParameterizedTest
    @MethodSource("actionSamples")
    void instanceActions(Path file) {
        JsonNode root = read(file);
        int version = version(file);
        if (root.has("instanceAction")) {
            InstanceAction a = NovaJson.action(root.get("instanceAction"));
            assertThat(a.requestId()).startsWith("req-");
            assertThat(a.events()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.event()).isNotBlank();
                assertThat(e.startTime()).isNotNull();
            });
            boolean admin = !file.getFileName().toString().contains("non-admin");
            InstanceAction.Event e = a.events().get(0);
            assertThat(e.host() != null).isEqualTo(admin && version >= 62);
            assertThat(e.hostId() != null).isEqualTo(version >= 62);
            assertThat(a.updatedAt() != null).isEqualTo(version >= 58);
        } else {
            List<InstanceAction> list = NovaJson.list(root, "instanceActions", NovaJson::action);
            assertThat(list).isNotEmpty().allSatisfy(a -> {
                assertThat(a.action()).isNotBlank();
                assertThat(a.events()).isEmpty();
                assertThat(a.startTime()).isNotNull();
            });
        }
    }

    @Test
    void failedEventDetailsFromTwoPointEightyFour() {
        InstanceAction a = NovaJson.action(read(SAMPLES.resolve("os-instance-actions/v2.84/instance-action-get-resp.json"))
                .get("instanceAction"));
        assertThat(a.events().get(0).result()).isEqualTo("Success");
        assertThat(a.events().get(0).failed()).isFalse();
        assertThat(a.events().get(0).finishTime()).isEqualTo(Instant.parse("2018-04-25T01:26:36.790544Z"));
    }

    @ParameterizedTest
    @MethodSource("serviceSamples")
    void services(Path file) {
        var services = NovaJson.list(read(file), "services", NovaJson::service);
        assertThat(services).isNotEmpty().allSatisfy(s -> {
            assertThat(s.binary()).isNotBlank();
            assertThat(s.host()).isNotBlank();
        });
        int version = version(file);
        if (version == 69) {
            assertThat(services).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo("UNKNOWN");
                assertThat(s.isUp()).isFalse();
            });
        } else {
            assertThat(services).anySatisfy(s -> assertThat(s.isUp()).isFalse());
            assertThat(services).anySatisfy(s -> assertThat(s.isEnabled()).isFalse());
            assertThat(services.get(0).forcedDown() != null).isEqualTo(version >= 11);
            assertThat(services.get(0).id().contains("-")).isEqualTo(version >= 53);
        }
    }

    @ParameterizedTest
    @MethodSource("hypervisorSamples")
    void hypervisorsBeforeAndAfterTwoPointEightyEight(Path file) {
        JsonNode root = read(file);
        List<JsonNode> raw = root.has("hypervisor") ? List.of(root.get("hypervisor")) : toList(root.get("hypervisors"));
        assertThat(raw).isNotEmpty();
        int version = version(file);
        for (JsonNode r : raw) {
            Hypervisor h = NovaJson.hypervisor(r);
            assertThat(h.id()).isEqualTo(r.get("id").asText());
            assertThat(h.hostname()).isEqualTo(r.get("hypervisor_hostname").asText());
            assertThat(h.serviceHost()).isEqualTo(NovaJson.text(r.path("service"), "host"));
            assertThat(h.serverIds()).hasSize(r.path("servers").size());
            if (r.has("hypervisor_type")) {
                assertThat(h.type()).isEqualTo("fake");
                if (version >= 88) {
                    assertThat(h.vcpus()).isNull();
                    assertThat(h.memoryMb()).isNull();
                    assertThat(h.cpuInfo()).isNull();
                } else {
                    assertThat(h.vcpus()).isEqualTo(2);
                    assertThat(h.memoryMb()).isEqualTo(8192);
                    assertThat(h.runningVms()).isZero();
                    assertThat(h.cpuInfo()).contains("x86_64");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("serverGroupSamples")
    void serverGroupsWithPolicyOrPolicies(Path file) {
        JsonNode root = read(file);
        List<ServerGroup> groups = root.has("server_group") ? List.of(NovaJson.serverGroup(root.get("server_group")))
                : NovaJson.list(root, "server_groups", NovaJson::serverGroup);
        assertThat(groups).isNotEmpty().allSatisfy(g -> {
            assertThat(g.id()).isNotBlank();
            assertThat(g.policy()).isEqualTo("anti-affinity");
            assertThat(g.maxServerPerHost() != null).isEqualTo(version(file) >= 64);
        });
    }

    @Test
    void versionDocuments() {
        Microversion[] range = NovaJson.versionRange(read(SAMPLES.resolve("versions/v21-version-get-resp.json")));
        assertThat(range[0]).isEqualTo(Microversion.BASE);
        assertThat(range[1]).isGreaterThan(Microversion.of(93));
        Microversion[] fromRoot = NovaJson.versionRange(read(SAMPLES.resolve("versions/versions-get-resp.json")));
        assertThat(fromRoot[1]).isEqualTo(range[1]);
        assertThat(NovaJson.versionRange(read(SAMPLES.resolve("versions/v2-version-get-resp.json")))[1])
                .isEqualTo(Microversion.BASE);
    }

    @Test
    void keystoneTokenSampleGivesACatalogWithCompute() throws IOException {
        KeystoneToken token = ObjectMapperSingleton.getContext(KeystoneToken.class).readerFor(KeystoneToken.class)
                .readValue(KEYSTONE.resolve("admin/auth-password-project-scoped-response.json").toFile());
        assertThat(token.getCatalog()).anySatisfy(s -> assertThat(s.getType()).isEqualTo("compute"));
        assertThat(token.getProject().getName()).isNotBlank();
    }

    @Test
    void errorMessagesOfNovaAndKeystone() {
        assertThat(NovaJson.errorMessage("{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance x could not be found.\"}}"))
                .isEqualTo("Instance x could not be found.");
        assertThat(NovaJson.errorMessage("{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}"))
                .startsWith("The request you have made");
        assertThat(NovaJson.errorMessage("<html>502 Bad Gateway</html>")).isEqualTo("<html>502 Bad Gateway</html>");
    }

    private static JsonNode read(Path file) {
        try {
            return NovaJson.parse(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The microversion of a sample from its folder ({@code v2.80}); 1 for the unversioned ones. */
    private static int version(Path file) {
        String dir = file.getParent().getFileName().toString();
        return dir.matches("v2\\.\\d+") ? Integer.parseInt(dir.substring(3)) : 1;
    }
}
