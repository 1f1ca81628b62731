package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real OpenStack command-line client (Debian's python3-openstackclient) against the demo cloud
 * over loopback: everything the emulator serves for it. Skips when {@code openstack} is not on PATH.
 */
class OpenStackCliTest {

    static DemoCloud cloud;
    static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        boolean installed = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            installed |= Files.isExecutable(Path.of(dir, "openstack"));
        }
        assumeTrue(installed, "the openstack client is not installed: apt-get install -y python3-openstackclient "
                + "(.ci/run installs it); skipping the real-client test");
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withSpeed(0));
        // the demo's timeline: a stuck migration from 0 s, a slow one from 60 s
        cloud.clock().advance(Duration.ofSeconds(75));
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    /** Runs {@code openstack args...} with the OS_* variables the demo-cloud command prints. */
    static String openstack(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openstack"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("OS_"));
        env.put("OS_AUTH_URL", cloud.authUrl());
        env.put("OS_USERNAME", cloud.username());
        env.put("OS_PASSWORD", cloud.password());
        env.put("OS_PROJECT_NAME", cloud.projectName());
        env.put("OS_USER_DOMAIN_NAME", cloud.userDomainName());
        env.put("OS_PROJECT_DOMAIN_NAME", cloud.projectDomainName());
        env.put("OS_REGION_NAME", cloud.regionName());
        env.put("OS_IDENTITY_API_VERSION", "3");
        env.put("OS_COMPUTE_API_VERSION", "2.80");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("openstack %s%nstdout: %s%nstderr: %s", String.join(" ", args), stdout,
                new String(err, StandardCharsets.UTF_8)).isZero();
        return stdout;
    }

    static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", "json"));
        return MAPPER.readTree(openstack(all.toArray(String[]::new)));
    }

    @Test
    void listsAndShowsServers() throws Exception {
        JsonNode servers = json("server", "list", "--limit", "-1");
        assertThat(servers.size()).isGreaterThanOrEqualTo(200);
        JsonNode shown = json("server", "show", "analytics-1");
        assertThat(shown.path("status").asText()).isEqualTo("MIGRATING");
        assertThat(shown.path("OS-EXT-SRV-ATTR:host").asText()).isEqualTo("compute-4");
    }

    @Test
    void listsServicesHypervisorsAndServerGroups() throws Exception {
        assertThat(json("compute", "service", "list").toString()).contains("nova-compute", "compute-7", "down");
        assertThat(json("hypervisor", "list").size()).isEqualTo(10);
        assertThat(json("server", "group", "list").toString()).contains("db-ha", "anti-affinity");
    }

    @Test
    void listsShowsForceCompletesAndAbortsMigrations() throws Exception {
        assertThat(json("server", "migration", "list").size()).isGreaterThanOrEqualTo(8);
        JsonNode stuck = json("server", "migration", "list", "--server", "analytics-1");
        assertThat(stuck.get(0).path("Status").asText()).isEqualTo("running");
        String stuckId = stuck.get(0).path("Id").asText();
        JsonNode shown = json("server", "migration", "show", "analytics-1", stuckId);
        assertThat(shown.path("Memory Processed Bytes").asLong()).isGreaterThan(0);
        openstack("server", "migration", "abort", "analytics-1", stuckId);

        String slowId = json("server", "migration", "list", "--server", "cache-002").get(0).path("Id").asText();
        openstack("server", "migration", "force", "complete", "cache-002", slowId);
        cloud.clock().advance(Duration.ofSeconds(120));
        assertThat(json("server", "migration", "list", "--server", "analytics-1").get(0).path("Status").asText())
                .isEqualTo("cancelled");
        assertThat(json("server", "migration", "list", "--server", "cache-002").get(0).path("Status").asText())
                .isEqualTo("completed");
    }

    @Test
    void listsAndShowsServerEvents() throws Exception {
        JsonNode events = json("server", "event", "list", "db-2");
        assertThat(events.toString()).contains("live-migration");
        String requestId = events.get(0).path("Request ID").asText();
        assertThat(json("server", "event", "show", "db-2", requestId).toString())
                .contains("compute_check_can_live_migrate_destination", "Error");
    }
}
