package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** os-migrateLive through the whole flow over HTTP, on a manual virtual clock. */
class LiveMigrationApiTest {

    static final String SCENARIO = """
            name: lm-test
            nova: {max_microversion: "2.96"}
            hosts:
              - {name: c0}
              - {name: c1}
              - {name: c2, service: {status: disabled, disabled_reason: maintenance}}
              - {name: c3, service: {state: down}}
            flavors:
              - {name: small, ram_mb: 2048, vcpus: 1, disk_gb: 10}
            server_groups:
              - {name: ha, policy: anti-affinity, members: [g1, g2]}
            servers:
              - {name: calm, flavor: small, host: c0, workload: {dirty_rate_mbps: 100, working_set_mb: 512}}
              - {name: busy, flavor: small, host: c0, workload: {dirty_rate_mbps: 20000, working_set_mb: 1800}}
              - {name: g1, flavor: small, host: c0}
              - {name: g2, flavor: small, host: c1}
              - {name: off, flavor: small, host: c1, status: SHUTOFF}
            """;

    @TempDir
    Path tmp;
    DemoCloud cloud;
    RawClient client;

    @BeforeEach
    void start() throws Exception {
        Path file = tmp.resolve("lm-test.yaml");
        Files.writeString(file, SCENARIO);
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario(file).withSpeed(0));
        client = new RawClient(cloud).login();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private RawClient.Reply migrate(String server, String version, String body) throws Exception {
        return client.nova("POST", "/servers/" + cloud.serverId(server) + "/action", version,
                "{\"os-migrateLive\": " + body + "}");
    }

    private void advance(int seconds) {
        cloud.clock().advance(Duration.ofSeconds(seconds));
    }

    private JsonNode osMigration(String server) throws Exception {
        return client.get("/os-migrations?instance_uuid=" + cloud.serverId(server), "2.80").json().at("/migrations/0");
    }

    /** The events of the newest instance action of this name. */
    private List<String> events(String server, String action, String version) throws Exception {
        String id = cloud.serverId(server);
        String rid = null;
        for (JsonNode a : client.get("/servers/" + id + "/os-instance-actions", version).json().path("instanceActions")) {
            if (rid == null && a.path("action").asText().equals(action)) {
                rid = a.path("request_id").asText();
            }
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : client.get("/servers/" + id + "/os-instance-actions/" + rid, version).json()
                .at("/instanceAction/events")) {
            out.add(e.path("event").asText() + ":" + e.path("result").asText());
        }
        return out;
    }

    @Test
    void aConvergingMigrationCompletesAndMovesTheServer() throws Exception {
        assertThat(migrate("calm", "2.80", "{\"host\": \"c1\", \"block_migration\": \"auto\"}").status()).isEqualTo(202);
        String id = cloud.serverId("calm");
        assertThat(client.get("/servers/" + id, "2.80").json().at("/server/status").asText()).isEqualTo("MIGRATING");
        advance(5);
        JsonNode running = client.get("/servers/" + id + "/migrations", "2.80").json().at("/migrations/0");
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("memory_total_bytes").asLong()).isEqualTo(2048L * 1024 * 1024);
        advance(30);
        JsonNode done = osMigration("calm");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("migration_type").asText()).isEqualTo("live-migration");
        assertThat(done.has("links")).isFalse();
        JsonNode server = client.get("/servers/" + id, "2.80").json().path("server");
        assertThat(server.path("OS-EXT-SRV-ATTR:host").asText()).isEqualTo("c1");
        assertThat(server.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(events("calm", "live-migration", "2.84")).contains("conductor_live_migrate_instance:Success",
                "compute_pre_live_migration:Success", "compute_post_live_migration_at_destination:Success");
        assertThat(client.get("/servers/" + id + "/migrations", "2.80").json().path("migrations")).isEmpty();
    }

    @Test
    void aStuckMigrationCanBeAbortedOnceAndShowsItsSawtooth() throws Exception {
        assertThat(migrate("busy", "2.80", "{\"host\": null, \"block_migration\": false}").status()).isEqualTo(202);
        String id = cloud.serverId("busy");
        advance(5);
        List<Long> remaining = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            advance(5);
            JsonNode m = client.get("/servers/" + id + "/migrations", "2.80").json().at("/migrations/0");
            remaining.add(m.path("memory_remaining_bytes").asLong());
        }
        JsonNode m = client.get("/servers/" + id + "/migrations", "2.80").json().at("/migrations/0");
        assertThat(m.path("status").asText()).isEqualTo("running");
        assertThat(m.path("memory_processed_bytes").asLong()).isGreaterThan(m.path("memory_total_bytes").asLong());
        assertThat(remaining).anySatisfy(r -> assertThat(r).isGreaterThan(500_000_000L));
        String mid = m.path("id").asText();
        assertThat(client.nova("DELETE", "/servers/" + id + "/migrations/" + mid, "2.23", null).status()).isEqualTo(404);
        assertThat(client.nova("DELETE", "/servers/" + id + "/migrations/" + mid, "2.24", null).status()).isEqualTo(202);
        advance(2);
        assertThat(osMigration("busy").path("status").asText()).isEqualTo("cancelled");
        RawClient.Reply again = client.nova("DELETE", "/servers/" + id + "/migrations/" + mid, "2.80", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/conflictingRequest/message").asText())
                .isEqualTo("Instance " + id + " is in an invalid state for 'abort live migration'");
        assertThat(client.get("/servers/" + id + "/migrations/" + mid, "2.80").json().at("/itemNotFound/message").asText())
                .isEqualTo("Live migration " + mid + " for server " + id + " is not in progress.");
        RawClient.Reply fc = client.nova("POST", "/servers/" + id + "/migrations/" + mid + "/action", "2.80",
                "{\"force_complete\": null}");
        assertThat(fc.json().at("/conflictingRequest/message").asText())
                .isEqualTo("Instance " + id + " is in an invalid state for 'force_complete'");
    }

    @Test
    void forceCompletePausesAndFinishesAStuckMigration() throws Exception {
        migrate("busy", "2.80", "{\"host\": \"c1\", \"block_migration\": false}");
        String id = cloud.serverId("busy");
        advance(30);
        String mid = client.get("/servers/" + id + "/migrations", "2.80").json().at("/migrations/0/id").asText();
        assertThat(client.nova("POST", "/servers/" + id + "/migrations/999/action", "2.80",
                "{\"force_complete\": null}").status()).isEqualTo(400);
        assertThat(client.nova("POST", "/servers/" + id + "/migrations/" + mid + "/action", "2.22",
                "{\"force_complete\": null}").status()).isEqualTo(202);
        advance(10);
        assertThat(osMigration("busy").path("status").asText()).isEqualTo("completed");
        assertThat(client.get("/servers/" + id, "2.80").json().at("/server/OS-EXT-SRV-ATTR:host").asText()).isEqualTo("c1");
        assertThat(events("busy", "live_migration_force_complete", "2.80")).containsExactly("compute_live_migration_force_complete:Success");
    }

    @Test
    void preChecksDecideFromTheWorld() throws Exception {
        // forced (2.30, force=true) onto the host of the other group member: the destination refuses
        migrate("g1", "2.30", "{\"host\": \"c1\", \"block_migration\": false, \"force\": true}");
        advance(3);
        assertThat(osMigration("g1").path("status").asText()).isEqualTo("error");
        assertThat(events("g1", "live-migration", "2.84")).contains("compute_check_can_live_migrate_destination:Error",
                "conductor_live_migrate_instance:Error");
        String gid = cloud.serverId("g1");
        JsonNode actions = client.get("/servers/" + gid + "/os-instance-actions", "2.84").json().path("instanceActions");
        JsonNode shown = client.get("/servers/" + gid + "/os-instance-actions/" + actions.get(0).path("request_id").asText(),
                "2.84").json().at("/instanceAction/events");
        assertThat(shown.toString()).contains("Anti-affinity instance group policy was violated")
                .contains("nova.exception.GroupAffinityViolation");
        assertThat(client.get("/servers/" + gid, "2.80").json().at("/server/status").asText()).isEqualTo("ACTIVE");

        // scheduled: only the disabled and the down host are left besides the group member's host
        migrate("g1", "2.80", "{\"host\": null, \"block_migration\": false}");
        advance(3);
        JsonNode latest = osMigration("g1");
        assertThat(latest.path("status").asText()).isEqualTo("error");
        JsonNode events = client.get("/servers/" + gid + "/os-instance-actions", "2.84").json().path("instanceActions");
        String text = client.get("/servers/" + gid + "/os-instance-actions/" + events.get(0).path("request_id").asText(),
                "2.84").json().toString();
        assertThat(text).contains("No valid host was found. There are not enough hosts available.");

        // before 2.34 the pre-checks answer synchronously with 400
        RawClient.Reply down = migrate("calm", "2.25", "{\"host\": \"c3\", \"block_migration\": false}");
        assertThat(down.status()).isEqualTo(400);
        assertThat(down.json().at("/badRequest/message").asText()).isEqualTo("Compute service of c3 is unavailable at this time.");
        assertThat(migrate("calm", "2.25", "{\"host\": \"c0\", \"block_migration\": false}").json()
                .at("/badRequest/message").asText()).startsWith("Unable to migrate instance (");
    }

    @Test
    void requestRulesPerMicroversionAndState() throws Exception {
        assertThat(migrate("calm", "2.1", "{\"host\": null, \"block_migration\": false}").json()
                .at("/badRequest/message").asText()).endsWith("'disk_over_commit' is a required property");
        assertThat(migrate("calm", "2.25", "{\"host\": null, \"block_migration\": false, \"disk_over_commit\": false}")
                .json().at("/badRequest/message").asText()).contains("('disk_over_commit' was unexpected)");
        assertThat(migrate("calm", "2.30", "{\"host\": null, \"block_migration\": false, \"force\": true}").json()
                .at("/badRequest/message").asText()).isEqualTo("Can't force to a non-provided destination");
        assertThat(migrate("calm", "2.68", "{\"host\": null, \"block_migration\": false, \"force\": false}").status())
                .isEqualTo(400);
        assertThat(migrate("calm", "2.80", "{\"host\": \"nope\", \"block_migration\": false}").json()
                .at("/badRequest/message").asText()).isEqualTo("Compute host nope could not be found.");
        RawClient.Reply off = migrate("off", "2.80", "{\"host\": null, \"block_migration\": false}");
        assertThat(off.json().at("/conflictingRequest/message").asText())
                .isEqualTo("Cannot 'os-migrateLive' instance " + cloud.serverId("off") + " while it is in vm_state stopped");
        migrate("calm", "2.80", "{\"host\": null, \"block_migration\": false}");
        assertThat(migrate("calm", "2.80", "{\"host\": null, \"block_migration\": false}").json()
                .at("/conflictingRequest/message").asText()).endsWith("while it is in task_state migrating");
    }

    @Test
    void deletingDuringTheMigrationErrorsIt() throws Exception {
        migrate("busy", "2.80", "{\"host\": \"c1\", \"block_migration\": false}");
        String id = cloud.serverId("busy");
        advance(20);
        assertThat(client.nova("DELETE", "/servers/" + id, "2.80", null).status()).isEqualTo(204);
        assertThat(client.get("/servers/" + id, "2.80").status()).isEqualTo(404);
        JsonNode m = client.get("/os-migrations?instance_uuid=" + id, "2.80").json().at("/migrations/0");
        assertThat(m.path("status").asText()).isEqualTo("error");
        assertThat(client.get("/servers/" + id + "/os-instance-actions", "2.21").json().path("instanceActions")).hasSize(2);
        assertThat(client.get("/servers/" + id + "/os-instance-actions", "2.20").status()).isEqualTo(404);
    }
}
