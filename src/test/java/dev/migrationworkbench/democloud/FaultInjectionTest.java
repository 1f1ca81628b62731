package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults injected at run time and from a scenario's faults section and timeline. */
class FaultInjectionTest {

    @Test
    void runtimeFaultsHitTheComputeApi() throws Exception {
        try (DemoCloud cloud = DemoCloud.start(DemoCloudOptions.defaults().withSpeed(0))) {
            RawClient c = new RawClient(cloud).login();
            cloud.faults().add(Fault.status(503).times(2));
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(503);
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(503);
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(200);

            cloud.faults().add(Fault.rateLimited(Duration.ofSeconds(7)).times(1));
            RawClient.Reply limited = c.get("/os-services", "2.80");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("7");

            cloud.faults().add(Fault.malformedBody().times(1));
            RawClient.Reply broken = c.get("/servers", "2.80");
            assertThat(broken.status()).isEqualTo(200);
            assertThat(broken.json()).isNull();

            // unlimited: java.net.http retries an idempotent GET once on a closed connection
            cloud.faults().add(Fault.dropConnection());
            assertThatThrownBy(() -> c.get("/servers", "2.80")).isInstanceOf(IOException.class);
            cloud.faults().clear();
            assertThat(c.get("/servers", "2.80").status()).isEqualTo(200);

            cloud.faults().add(Fault.status(500).onPaths("/identity/.*"));
            assertThatThrownBy(() -> new RawClient(cloud).login()).hasMessageContaining("500");
            cloud.faults().clear();
            assertThat(cloud.faults().describe()).isEmpty();
        }
    }

    @Test
    void scenarioFaultsAndTimelineTokenExpiry(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("faulty.yaml");
        Files.writeString(file, """
                name: faulty
                hosts: [{name: c0}]
                flavors: [{name: small}]
                servers: [{name: vm-1, flavor: small, host: c0}]
                faults:
                  - {kind: status, status: 500, times: 1, paths: "/compute/v2.1/servers.*"}
                timeline:
                  - {at: 10s, expire_tokens: {}}
                """);
        try (DemoCloud cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario(file).withSpeed(0))) {
            RawClient c = new RawClient(cloud).login();
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(200);
            RawClient.Reply failed = c.get("/servers", "2.80");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.json().at("/computeFault/code").asInt()).isEqualTo(500);
            assertThat(c.get("/servers", "2.80").status()).isEqualTo(200);
            cloud.clock().advance(Duration.ofSeconds(10));
            assertThat(c.get("/servers", "2.80").status()).isEqualTo(401);
        }
    }

    @Test
    void faultsFromAScenarioHitOnlyWithinTheirSpanOfVirtualTime(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("window.yaml");
        Files.writeString(file, """
                name: window
                hosts: [{name: c0}]
                flavors: [{name: small}]
                servers: [{name: vm-1, flavor: small, host: c0}]
                faults:
                  - {kind: status, status: 503, from: 1m, until: 2m}
                  - {kind: reset, from: 3m, until: 3m30s, paths: "/compute/v2.1/os-services.*"}
                  - {kind: endless_body, from: 5m, until: 6m, paths: "/compute/v2.1/nothing"}
                  - {kind: gzip_bomb, from: 5m, until: 6m, paths: "/compute/v2.1/nothing"}
                """);
        try (DemoCloud cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario(file).withSpeed(0))) {
            RawClient c = new RawClient(cloud).login();
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(200);
            cloud.clock().advance(Duration.ofMinutes(1));
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(503);
            cloud.clock().advance(Duration.ofSeconds(59));
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(503);
            cloud.clock().advance(Duration.ofSeconds(1));
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(200);
            cloud.clock().advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> c.get("/os-services", "2.80")).isInstanceOf(IOException.class);
            cloud.clock().advance(Duration.ofSeconds(30));
            assertThat(c.get("/os-services", "2.80").status()).isEqualTo(200);
        }
    }

    @Test
    void aFaultSpanThatEndsBeforeItStartsIsRefusedByLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("backwards.yaml");
        Files.writeString(file, """
                name: backwards
                hosts: [{name: c0}]
                flavors: [{name: small}]
                faults:
                  - {kind: status, status: 503, from: 2m, until: 1m}
                """);
        assertThatThrownBy(() -> DemoCloud.start(DemoCloudOptions.defaults().withScenario(file).withSpeed(0)))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("backwards.yaml:5")
                .hasMessageContaining("until (1m) must come after from (2m)");
    }

    /**
     * On the wire: "reset" is a TCP RST (the client's read fails with "Connection reset"), while
     * "drop_connection" is an orderly close (the client reads the end of the stream). Both without an answer.
     */
    @Test
    void aResetIsATcpResetAndADroppedConnectionAnOrderlyClose() throws Exception {
        try (DemoCloud cloud = DemoCloud.start(DemoCloudOptions.defaults().withSpeed(0))) {
            cloud.faults().add(Fault.reset().times(1));
            try (java.net.Socket s = rawGet(cloud)) {
                assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(java.net.SocketException.class)
                        .hasMessageContaining("Connection reset");
            }
            cloud.faults().add(Fault.dropConnection().times(1));
            try (java.net.Socket s = rawGet(cloud)) {
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    private static java.net.Socket rawGet(DemoCloud cloud) throws IOException {
        java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), cloud.port());
        s.setSoTimeout(10_000);
        s.getOutputStream().write(("GET /compute/v2.1/servers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }
}
