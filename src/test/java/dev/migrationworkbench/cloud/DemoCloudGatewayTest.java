package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.Fault;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Server;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over real loopback HTTP against the embedded demo cloud (manual clock). */
class DemoCloudGatewayTest {

    private static final GatewayOptions FAST = GatewayOptions.defaults()
            .withRetries(3, Duration.ofMillis(50), Duration.ofSeconds(2));

    private static DemoCloud cloud;
    private static OpenStackNovaGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withSpeed(0));
        gateway = OpenStackNovaGateway.connect(profile(cloud), FAST);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cloud.close();
    }

    @AfterEach
    void clearFaults() {
        cloud.faults().clear();
    }

    static CloudProfile profile(DemoCloud c) {
        return CloudProfile.password("demo", c.authUrl(), c.username(), c.password(), c.userDomainName(),
                c.projectName(), c.projectDomainName(), c.regionName());
    }

    @Test
    void negotiatesTheCloudsMicroversionRange() {
        assertThat(gateway.minMicroversion()).isEqualTo(Microversion.BASE);
        assertThat(gateway.maxMicroversion()).isEqualTo(Microversion.parse(cloud.maxMicroversion()));
        assertThat(gateway.cloudInfo().admin()).isTrue();
        assertThat(gateway.cloudInfo().projectName()).isEqualTo(cloud.projectName());
        assertThat(gateway.cloudInfo().region()).isEqualTo("RegionOne");
        assertThat(gateway.cloudInfo().tlsVerificationDisabled()).isFalse();
    }

    @Test
    void serversByIdNameAndHost() {
        ServerDetail db1 = gateway.resolveServer("db-1");
        assertThat(db1.server().id()).isEqualTo(cloud.serverId("db-1"));
        assertThat(db1.server().host()).isEqualTo("compute-0");
        assertThat(db1.embeddedFlavor().name()).isEqualTo("m1.xlarge");
        assertThat(gateway.resolveServer(db1.server().id()).server().name()).isEqualTo("db-1");
        assertThat(gateway.listServers("compute-0")).extracting(Server::name).contains("db-1")
                .doesNotContain("db-2");
        assertThat(gateway.listServers(null)).hasSize(230);
        ServerListPage first = gateway.listServersPage(null, null, 100);
        assertThat(first.servers()).hasSize(100);
        ServerListPage third = gateway.listServersPage(null,
                gateway.listServersPage(null, first.nextMarker(), 100).nextMarker(), 100);
        assertThat(third.servers()).hasSize(30);
        assertThat(third.nextMarker()).isNull();
        assertThat(gateway.getServer(cloud.serverId("legacy-app-1")).server().fault().message())
                .contains("blockdev");
    }

    @Test
    void serverGroupsServicesHypervisorsFlavors() {
        String db1 = cloud.serverId("db-1");
        var group = gateway.findServerGroupOf(db1).orElseThrow();
        assertThat(group.policy()).isEqualTo("anti-affinity");
        assertThat(group.members()).contains(db1, cloud.serverId("db-2"));
        assertThat(gateway.getServerGroup(group.id()).name()).isEqualTo("db-ha");

        var services = gateway.listComputeServices(null);
        assertThat(services).hasSize(10);
        assertThat(services).filteredOn(s -> s.host().equals("compute-7")).singleElement()
                .satisfies(s -> assertThat(s.isUp()).isFalse());
        assertThat(gateway.listComputeServices("compute-8")).singleElement().satisfies(s -> {
            assertThat(s.isEnabled()).isFalse();
            assertThat(s.disabledReason()).contains("ticket 4711");
        });

        var hv = gateway.listHypervisors("compute-0");
        assertThat(hv).singleElement().satisfies(h -> {
            assertThat(h.vcpus()).isEqualTo(64);
            assertThat(h.memoryMb()).isEqualTo(262144);
            assertThat(h.serverIds()).contains(db1);
        });
        assertThat(gateway.getFlavor("10").extraSpecs()).containsEntry("hw:cpu_policy", "dedicated");

        String image = gateway.getServer(db1).imageId();
        assertThat(image).isNotNull();
        assertThat(gateway.getImageProperties(image)).containsEntry("hw_machine_type", "q35");
        assertThatThrownBy(() -> gateway.getImageProperties("no-such-image"))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void typedErrors() {
        assertThatThrownBy(() -> gateway.getServer("00000000-0000-4000-8000-000000000000"))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.url()).endsWith("/servers/00000000-0000-4000-8000-000000000000");
                });
        assertThatThrownBy(() -> gateway.resolveServer("no-such-server"))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND));
        var wrong = CloudProfile.password("demo", cloud.authUrl(), cloud.username(), "wrong", cloud.userDomainName(),
                cloud.projectName(), cloud.projectDomainName(), cloud.regionName());
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(wrong, FAST))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAUTHORIZED));
        cloud.faults().add(Fault.status(403).times(1).onPaths(".*/os-services.*"));
        assertThatThrownBy(() -> gateway.listComputeServices(null))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("Injected fault");
                });
        cloud.faults().add(Fault.status(409).times(1).onPaths(".*/servers/.*"));
        assertThatThrownBy(() -> gateway.getServer(cloud.serverId("db-1")))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT));
    }

    @Test
    void transportFailures() throws IOException {
        cloud.faults().add(Fault.malformedBody().times(1).onPaths(".*/servers/detail"));
        assertThatThrownBy(() -> gateway.listServers("compute-0"))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.BAD_RESPONSE));
        // the connector itself resends a GET whose connection dropped before any answer
        cloud.faults().add(Fault.dropConnection().times(1).onPaths(".*/os-services.*"));
        assertThat(gateway.listComputeServices(null)).hasSize(10);
        cloud.faults().add(Fault.dropConnection().times(10).onPaths(".*/os-services.*"));
        assertThatThrownBy(() -> gateway.listComputeServices(null))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNREACHABLE));
        cloud.faults().clear();
        // but never an abort or a force-complete
        String id = cloud.serverId("db-1");
        cloud.faults().add(Fault.dropConnection().times(2).onPaths(".*/migrations/.*"));
        assertThatThrownBy(() -> gateway.abortLiveMigration(id, 1))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNREACHABLE));
        assertThatThrownBy(() -> gateway.forceCompleteLiveMigration(id, 1))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNREACHABLE));
        assertThat(cloud.faults().describe()).isEmpty();

        try (var slow = OpenStackNovaGateway.connect(profile(cloud),
                FAST.withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)))) {
            cloud.faults().add(Fault.latency(Duration.ofSeconds(3)).times(1).onPaths(".*/os-services.*"));
            assertThatThrownBy(() -> slow.listComputeServices(null))
                    .isInstanceOfSatisfying(CloudException.class,
                            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.TIMEOUT));
        }

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var nowhere = CloudProfile.password("x", "http://127.0.0.1:" + closedPort + "/v3", "u", "p", "Default", "p",
                "Default", null);
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(nowhere, FAST))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNREACHABLE));
    }

    @Test
    void getsAreRetriedOn503And429ButGiveUpAfterTheLimit() {
        List<ApiCall> calls = new ArrayList<>();
        NovaGateway recorded = gateway.recordingTo(calls::add);
        cloud.faults().add(Fault.status(503).times(2).onPaths(".*/os-services.*"));
        assertThat(recorded.listComputeServices(null)).hasSize(10);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.httpStatus()).isEqualTo(200);
            assertThat(c.succeeded()).isTrue();
        });

        cloud.faults().add(Fault.rateLimited(Duration.ofSeconds(1)).times(1).onPaths(".*/os-services.*"));
        long start = System.nanoTime();
        assertThat(gateway.listComputeServices(null)).hasSize(10);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

        cloud.faults().add(Fault.status(503).times(10).onPaths(".*/os-services.*"));
        assertThatThrownBy(() -> gateway.listComputeServices(null))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    // 503 is "service unavailable", not rate limiting (429)
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.SERVER_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(503);
                });
        // one try plus three retries used four of the ten
        assertThat(cloud.faults().describe()).singleElement().asString().contains("6");
    }

    @Test
    void abortAndForceCompleteAreNeverRetried() {
        String id = cloud.serverId("db-1");
        cloud.faults().add(Fault.status(503).times(5).onPaths(".*/migrations/.*"));
        assertThatThrownBy(() -> gateway.abortLiveMigration(id, 1))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
        assertThatThrownBy(() -> gateway.forceCompleteLiveMigration(id, 1))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
        assertThat(cloud.faults().describe()).singleElement().asString().contains("3");
    }

    @Test
    void anExpiredTokenIsRenewedOnceForAllThreads() throws Exception {
        try (var g = OpenStackNovaGateway.connect(profile(cloud), FAST)) {
            String before = g.cloudInfo().projectName();
            cloud.faults().expireTokens();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Integer>> tasks = Collections.nCopies(16, () -> g.listComputeServices(null).size());
                for (Future<Integer> f : pool.invokeAll(tasks)) {
                    assertThat(f.get()).isEqualTo(10);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(g.cloudInfo().projectName()).isEqualTo(before);
        }
    }

    @Test
    void evidenceOfOneServerKeepsEveryCallAndSurvivesAFailedOne() {
        cloud.faults().add(Fault.status(500).times(1).onPaths(".*/os-services.*"));
        try (var collector = new EvidenceCollector(gateway, 4)) {
            Evidence e = collector.collect("db-1");
            assertThat(e.server().name()).isEqualTo("db-1");
            assertThat(e.flavor().name()).isEqualTo("m1.xlarge");
            assertThat(e.imageProperties()).containsEntry("hw_machine_type", "q35");
            assertThat(e.serverGroup().policy()).isEqualTo("anti-affinity");
            assertThat(e.hypervisors()).extracting(h -> h.hostname()).contains("compute-0");
            assertThat(e.otherServersOnHosts()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.id()).isNotEqualTo(e.server().id()));
            assertThat(e.services()).isEmpty();
            assertThat(e.failedCalls()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("os-services.list");
                assertThat(c.errorKind()).isEqualTo("SERVER_ERROR");
                assertThat(c.httpStatus()).isEqualTo(500);
                assertThat(c.responseBody()).contains("Injected fault");
            });
            assertThat(e.calls()).extracting(ApiCall::name).contains("servers.search", "os-services.list",
                    "server-migrations.list", "os-migrations.list", "instance-actions.list", "os-hypervisors.detail",
                    "os-server-groups.list", "servers.list", "images.show");
            assertThat(e.calls()).allSatisfy(c -> {
                assertThat(c.url()).startsWith(cloud.computeUrl());
                assertThat(c.microversion()).matches("2\\.\\d+");
                assertThat(c.durationMillis()).isNotNegative();
                assertThat(c.succeeded() || c.errorMessage() != null).isTrue();
            });
        }
    }

    @Test
    void evidenceOnAnOldCloudSaysWhatIsNotAvailable(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("old.yaml"), """
                name: old
                nova: {max_microversion: "2.20"}
                hosts:
                  - {name: h1, hypervisor: {type: QEMU, version: 1, vcpus: 8, memory_mb: 8192, local_gb: 100}}
                  - {name: h2, hypervisor: {type: QEMU, version: 1, vcpus: 8, memory_mb: 8192, local_gb: 100}}
                flavors:
                  - {name: small, id: "1", vcpus: 1, ram_mb: 512, disk_gb: 1, extra_specs: {"hw:mem_page_size": "large"}}
                server_groups:
                  - {name: pair, policy: affinity, members: [solo]}
                servers:
                  - {name: other, flavor: small, host: h2}
                  - {name: solo, flavor: small, host: h1}
                """);
        try (DemoCloud old = DemoCloud.start(DemoCloudOptions.defaults().withScenario(scenario).withSpeed(0));
                var g = OpenStackNovaGateway.connect(profile(old), FAST);
                var collector = new EvidenceCollector(g)) {
            assertThat(g.maxMicroversion()).isEqualTo(Microversion.of(20));
            Evidence none = collector.collect("nobody");
            assertThat(none.server()).isNull();
            assertThat(none.nameMatches()).isEmpty();

            // below 2.23 there is no server-migrations API: said plainly, not as an obscure 404
            Evidence solo = collector.collect("solo");
            assertThat(solo.server().name()).isEqualTo("solo");
            assertThat(solo.failedCalls()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("server-migrations.list");
                assertThat(c.errorKind()).isEqualTo("NOT_AVAILABLE");
                assertThat(c.errorMessage()).contains("needs microversion 2.23");
            });
            // below 2.47 the flavor is fetched; below 2.71 the group is found by searching
            assertThat(solo.flavor().extraSpecs()).containsEntry("hw:mem_page_size", "large");
            assertThat(solo.serverGroup().policy()).isEqualTo("affinity");
            assertThat(solo.hypervisors()).extracting(h -> h.hostname()).containsExactly("h1");
            Evidence byId = collector.collect(solo.server().id());
            assertThat(byId.serverGroup().policy()).isEqualTo("affinity");
            assertThat(byId.otherServersOnHosts()).isEmpty();
        }
    }
}
