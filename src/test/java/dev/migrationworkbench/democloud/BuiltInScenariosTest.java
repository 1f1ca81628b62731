package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every built-in scenario loads and, run on the virtual clock, reaches the state its description names. */
class BuiltInScenariosTest {

    /** A started scenario with a logged-in client, stepped by hand. */
    static final class Run implements AutoCloseable {
        final DemoCloud cloud;
        final RawClient client;

        Run(String scenario, int seconds) throws Exception {
            cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario(scenario).withSpeed(0));
            client = new RawClient(cloud).login();
            cloud.clock().advance(Duration.ofSeconds(seconds));
        }

        JsonNode migration(String server) throws Exception {
            return client.get("/os-migrations?instance_uuid=" + cloud.serverId(server), "2.80").json().at("/migrations/0");
        }

        JsonNode server(String name) throws Exception {
            return client.get("/servers/" + cloud.serverId(name), "2.80").json().path("server");
        }

        /** Every action of the server with its events, as one JSON text. */
        String actions(String serverId) throws Exception {
            StringBuilder b = new StringBuilder();
            for (JsonNode a : client.get("/servers/" + serverId + "/os-instance-actions", "2.84").json()
                    .path("instanceActions")) {
                b.append(client.get("/servers/" + serverId + "/os-instance-actions/" + a.path("request_id").asText(),
                        "2.84").json());
            }
            return b.toString();
        }

        String actionsOf(String name) throws Exception {
            return actions(cloud.serverId(name));
        }

        @Override
        public void close() {
            cloud.close();
        }
    }

    @Test
    void demo() throws Exception {
        try (Run r = new Run("demo", 120)) {
            assertThat(r.client.get("/servers", "2.80").json().path("servers").size()).isGreaterThanOrEqualTo(200);
            assertThat(r.client.get("/os-hypervisors", "2.80").json().path("hypervisors").size()).isGreaterThanOrEqualTo(8);
            assertThat(r.migration("web-frontend-1").path("status").asText()).isEqualTo("completed");
            assertThat(r.migration("analytics-1").path("status").asText()).isEqualTo("running");
            assertThat(r.migration("cache-002").path("status").asText()).isEqualTo("running");
            assertThat(r.migration("db-2").path("status").asText()).isEqualTo("error");
            assertThat(r.actionsOf("db-2")).contains("GroupAffinityViolation");
            assertThat(r.actionsOf("app-001")).contains("Compute service of compute-7 is unavailable at this time.");
            assertThat(r.actionsOf("web-002")).contains("No valid host was found.");
            assertThat(r.server("nfv-router-1").path("OS-EXT-SRV-ATTR:host").asText()).isEqualTo("compute-3");
            assertThat(r.server("legacy-app-1").path("status").asText()).isEqualTo("ERROR");
            assertThat(r.cloud.serverId("cache-001")).isNull();
        }
    }

    @Test
    void mixedReleases() throws Exception {
        try (Run r = new Run("mixed-releases", 10)) {
            assertThat(r.migration("nfv-vm-1").path("status").asText()).isEqualTo("error");
            assertThat(r.actionsOf("nfv-vm-1")).contains("cell contains compute nodes older than train");
        }
    }

    @Test
    void instanceNotFound() throws Exception {
        try (Run r = new Run("instance-not-found", 1)) {
            assertThat(r.client.get("/servers?name=old-web-1", "2.80").json().path("servers")).isEmpty();
            assertThat(r.client.get("/servers?name=%5Eapp-db%24", "2.80").json().path("servers")).hasSize(2);
        }
    }

    @Test
    void instanceInErrorState() throws Exception {
        try (Run r = new Run("instance-in-error-state", 90)) {
            JsonNode s = r.server("web-1");
            assertThat(s.path("status").asText()).isEqualTo("ERROR");
            assertThat(s.at("/fault/message").asText()).startsWith("Timed out waiting for a reply");
            assertThat(r.migration("web-1").path("status").asText()).isEqualTo("error");
        }
    }

    @Test
    void computeServiceDown() throws Exception {
        try (Run r = new Run("compute-service-down", 100)) {
            assertThat(r.migration("web-1").path("status").asText()).isEqualTo("error");
            assertThat(r.actionsOf("web-1")).contains("nova.exception.ComputeServiceUnavailable: Compute service of compute-0");
            JsonNode svc = r.client.get("/os-services?host=compute-0", "2.80").json().at("/services/0");
            assertThat(svc.path("state").asText()).isEqualTo("down");
        }
    }

    @Test
    void concurrentOperation() throws Exception {
        try (Run r = new Run("concurrent-operation", 30)) {
            JsonNode s = r.server("web-1");
            assertThat(s.path("OS-EXT-STS:task_state").asText()).isEqualTo("powering-off");
            assertThat(r.actionsOf("web-1")).contains("\"action\":\"stop\"").doesNotContain("live-migration");
            RawClient.Reply refused = r.client.nova("POST", "/servers/" + r.cloud.serverId("web-1") + "/action", "2.80",
                    "{\"os-migrateLive\": {\"host\": null, \"block_migration\": \"auto\"}}");
            assertThat(refused.status()).isEqualTo(409);
        }
    }

    @Test
    void destHostUnavailable() throws Exception {
        try (Run r = new Run("dest-host-unavailable", 10)) {
            assertThat(r.actionsOf("web-1")).contains("No valid host was found.");
            assertThat(r.actionsOf("web-2")).contains("DestinationHypervisorTooOld");
            assertThat(r.client.get("/os-services?host=compute-1", "2.80").json().at("/services/0/status").asText())
                    .isEqualTo("disabled");
        }
    }

    @Test
    void schedulerNoValidHost() throws Exception {
        try (Run r = new Run("scheduler-no-valid-host", 10)) {
            assertThat(r.migration("big-1").path("status").asText()).isEqualTo("error");
            assertThat(r.actionsOf("big-1")).contains("nova.exception.NoValidHost: No valid host was found.");
        }
    }

    @Test
    void insufficientResources() throws Exception {
        try (Run r = new Run("insufficient-resources", 10)) {
            assertThat(r.actionsOf("big-1")).contains("Lack of memory(host:15872.0 <= instance:16384)");
            assertThat(r.actionsOf("nfv-vm-1")).contains("Requested instance NUMA topology cannot fit");
        }
    }

    @Test
    void serverGroupPolicyViolation() throws Exception {
        try (Run r = new Run("server-group-policy-violation", 10)) {
            assertThat(r.migration("db-1").path("status").asText()).isEqualTo("error");
            assertThat(r.actionsOf("db-1")).contains("Anti-affinity instance group policy was violated");
        }
    }

    @Test
    void instanceDeletedDuringMigration() throws Exception {
        try (Run r = new Run("instance-deleted-during-migration", 60)) {
            assertThat(r.cloud.serverId("web-1")).isNull();
            JsonNode m = r.client.get("/os-migrations?migration_type=live-migration", "2.80").json().at("/migrations/0");
            assertThat(m.path("status").asText()).isEqualTo("error");
            assertThat(r.actions(m.path("instance_uuid").asText())).contains("InstanceNotFound");
        }
    }

    @Test
    void migrationFailedOther() throws Exception {
        try (Run r = new Run("migration-failed-other", 20)) {
            // compute/manager.py _cleanup_pre_live_migration sets "error", then _rollback_live_migration "failed"
            assertThat(r.migration("vol-app-1").path("status").asText()).isEqualTo("failed");
            assertThat(r.actionsOf("vol-app-1")).contains("ProcessExecutionError").contains("iscsiadm");
            assertThat(r.server("vol-app-1").path("OS-EXT-SRV-ATTR:host").asText()).isEqualTo("compute-0");
        }
    }

    @Test
    void migrationNotConverging() throws Exception {
        try (Run r = new Run("migration-not-converging", 600)) {
            JsonNode m = r.client.get("/servers/" + r.cloud.serverId("db-1") + "/migrations", "2.80").json()
                    .at("/migrations/0");
            assertThat(m.path("status").asText()).isEqualTo("running");
            assertThat(m.path("memory_processed_bytes").asLong()).isGreaterThan(3 * m.path("memory_total_bytes").asLong());
        }
    }

    @Test
    void migrationSlowConverging() throws Exception {
        try (Run r = new Run("migration-slow-converging", 300)) {
            assertThat(r.migration("app-1").path("status").asText()).isEqualTo("running");
            r.cloud.clock().advance(Duration.ofSeconds(1200));
            assertThat(r.migration("app-1").path("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void numaAndNicScenariosMigrateToTheirDestination() throws Exception {
        String[][] cases = {{"numa-topology-mismatch", "nfv-vm-1"}, {"nic-numa-affinity-mismatch", "nfv-router-1"},
            {"numa-node-contended", "nfv-vm-1"}, {"nic-numa-unknown", "nfv-vm-1"}};
        for (String[] c : cases) {
            try (Run r = new Run(c[0], 60)) {
                assertThat(r.migration(c[1]).path("status").asText()).as(c[0]).isEqualTo("completed");
                assertThat(r.server(c[1]).path("OS-EXT-SRV-ATTR:host").asText()).as(c[0]).isEqualTo("compute-1");
            }
        }
    }
}
