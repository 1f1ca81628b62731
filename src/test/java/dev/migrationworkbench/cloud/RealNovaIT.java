package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.realnova.RealNova;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway and evidence collection against a real Nova (Zed) brought up by
 * {@code ../shared/real-nova/up.sh}. Run with {@code -Preal-nova -Dreal.nova.run=<RUN folder>}
 * ({@code .ci/run} does); skipped without that property. Servers are booted and deleted with the
 * real {@code openstack} CLI, which is setup, not what is under test.
 */
@Tag("real-nova")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNovaIT {

    private static final long MIB = 1024L * 1024L;

    private static RealNova nova;
    private static CloudProfiles profiles;
    private static OpenStackNovaGateway gateway;
    private static String stuckId;

    @BeforeAll
    static void connect() {
        nova = RealNova.fromSystemProperty();
        profiles = nova.profiles();
        gateway = OpenStackNovaGateway.connect(profiles.load("real-nova"));
        nova.cli("server", "delete", "--wait", "gw-it-stuck");
        stuckId = nova.cli("server", "create", "--flavor", "m1.tiny", "--image", RealNova.IMAGE, "--nic", "none",
                "--availability-zone", "nova:compute-a", "--property", "dirty_rate_mbps=2000", "--wait",
                "-f", "value", "-c", "id", "gw-it-stuck").strip();
    }

    @AfterAll
    static void cleanUp() {
        if (gateway != null) {
            nova.cli("server", "delete", "--wait", "gw-it-stuck");
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void negotiatesZedsMicroversionsAndSeesAdmin() {
        assertThat(gateway.minMicroversion()).isEqualTo(Microversion.parse("2.1"));
        // clouds.yaml pins compute_api_version 2.80, which caps what we use
        assertThat(gateway.maxMicroversion()).isEqualTo(Microversion.parse("2.80"));
        assertThat(gateway.cloudInfo().novaMaxVersion()).isEqualTo("2.80");
        assertThat(gateway.cloudInfo().admin()).isTrue();
        assertThat(gateway.cloudInfo().projectName()).isEqualTo("admin");

        var unpinned = withoutPin(profiles.load("real-nova"));
        try (var g = OpenStackNovaGateway.connect(unpinned)) {
            assertThat(g.maxMicroversion()).isEqualTo(Microversion.parse("2.93"));
        }
    }

    @Test
    @Order(2)
    void readsServerServicesAndHypervisorsAtEveryVersionWeUse() {
        var detail = gateway.resolveServer("gw-it-stuck");
        assertThat(detail.server().id()).isEqualTo(stuckId);
        assertThat(detail.server().host()).isEqualTo("compute-a");
        assertThat(detail.server().status()).isEqualTo("ACTIVE");
        assertThat(detail.embeddedFlavor().name()).isEqualTo("m1.tiny");
        assertThat(detail.embeddedFlavor().ramMb()).isEqualTo(512);
        assertThat(gateway.getFlavor("1").ramMb()).isEqualTo(512);
        assertThat(gateway.listComputeServices(null)).extracting(s -> s.host())
                .contains("compute-a", "compute-b");
        assertThat(gateway.listComputeServices("compute-a")).singleElement()
                .satisfies(s -> assertThat(s.isUp()).isTrue());
        var hypervisors = gateway.listHypervisors(detail.server().hypervisorHostname());
        assertThat(hypervisors).singleElement().satisfies(h -> {
            assertThat(h.vcpus()).isEqualTo(1000); // the stock fake driver's host, not the README's 8
            assertThat(h.serverIds()).contains(stuckId);
        });
        try (var g93 = OpenStackNovaGateway.connect(withoutPin(profiles.load("real-nova")))) {
            // 2.87 keeps the capacity fields even though the cloud offers 2.93
            assertThat(g93.listHypervisors(null)).allSatisfy(h -> assertThat(h.memoryMb()).isEqualTo(800000));
            assertThat(g93.getServer(stuckId).serverGroupIds()).isEmpty();
        }
    }

    @Test
    @Order(3)
    void followsAStuckLiveMigrationsProgressBytesAndForceCompletesIt() {
        gateway.liveMigrate(stuckId, "compute-b");
        Migration first = awaitRunningWithProgress(stuckId);
        assertThat(first.memoryTotalBytes()).isEqualTo(512 * MIB);
        assertThat(first.uuid()).isNotBlank();
        assertThat(first.userId()).isNotBlank();
        sleep(Duration.ofSeconds(6));
        Migration later = gateway.getInProgressLiveMigration(stuckId, first.id());
        assertThat(later.memoryProcessedBytes()).isGreaterThan(first.memoryProcessedBytes());
        assertThat(later.memoryRemainingBytes()).isEqualTo(first.memoryRemainingBytes());

        var page = gateway.listMigrations(MigrationQuery.ofServer(stuckId));
        assertThat(page.migrations()).first().satisfies(m -> {
            assertThat(m.status()).isEqualTo("running");
            assertThat(m.migrationType()).isEqualTo("live-migration");
            assertThat(m.memoryTotalBytes()).isNull();
        });

        List<ApiCall> calls = new ArrayList<>();
        try (var collector = new EvidenceCollector(gateway.recordingTo(calls::add))) {
            Evidence e = collector.collect("gw-it-stuck");
            assertThat(e.server().id()).isEqualTo(stuckId);
            assertThat(e.liveMigrations()).singleElement().satisfies(m -> assertThat(m.isRunning()).isTrue());
            assertThat(e.samples()).hasSize(1);
            assertThat(e.migrations()).isNotEmpty();
            assertThat(e.computeService("compute-a")).isPresent();
            assertThat(e.computeService("compute-b")).isPresent();
            assertThat(e.hypervisors()).extracting(h -> h.serviceHost()).contains("compute-a", "compute-b");
            assertThat(e.actions()).filteredOn(a -> "live-migration".equals(a.action())).first()
                    .satisfies(a -> assertThat(a.events()).extracting(ev -> ev.event())
                            .contains("conductor_live_migrate_instance"));
            assertThat(e.flavor().name()).isEqualTo("m1.tiny");
            assertThat(e.failedCalls()).isEmpty();
            assertThat(e.calls()).allSatisfy(c -> {
                assertThat(c.url()).startsWith("http://127.0.0.1:8774/v2.1/");
                assertThat(c.responseBody()).startsWith("{");
                assertThat(c.microversion()).isNotBlank();
            });
        }
        assertThat(calls).isNotEmpty();

        gateway.forceCompleteLiveMigration(stuckId, first.id());
        RealNova.await(() -> "completed".equals(latestMigration(stuckId).status()), Duration.ofSeconds(60));
        RealNova.await(() -> "compute-b".equals(gateway.getServer(stuckId).server().host())
                && "ACTIVE".equals(gateway.getServer(stuckId).server().status()), Duration.ofSeconds(30));
        assertThatThrownBy(() -> gateway.getInProgressLiveMigration(stuckId, first.id()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("is not in progress");
                });
    }

    @Test
    @Order(4)
    void schedulerChosenLiveMigrationCanBeAbortedButNotTwice() {
        gateway.liveMigrate(stuckId, null); // "host": null, which openstack4j cannot send
        Migration m = awaitRunningWithProgress(stuckId);
        assertThat(m.destCompute()).isEqualTo("compute-a");
        gateway.abortLiveMigration(stuckId, m.id());
        RealNova.await(() -> "cancelled".equals(latestMigration(stuckId).status()), Duration.ofSeconds(60));
        RealNova.await(() -> "ACTIVE".equals(gateway.getServer(stuckId).server().status()), Duration.ofSeconds(30));
        assertThat(gateway.getServer(stuckId).server().host()).isEqualTo("compute-b");

        assertThatThrownBy(() -> gateway.abortLiveMigration(stuckId, m.id()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT);
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("abort live migration");
                });
        assertThatThrownBy(() -> gateway.forceCompleteLiveMigration(stuckId, m.id()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("force_complete");
                });
    }

    @Test
    @Order(5)
    void typedErrorsCarryNovasMessage() {
        assertThatThrownBy(() -> gateway.getServer("00000000-0000-4000-8000-00000000dead"))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("could not be found");
                });
        try (var demo = OpenStackNovaGateway.connect(profiles.load("real-nova-demo"))) {
            assertThat(demo.cloudInfo().admin()).isFalse();
            assertThatThrownBy(() -> demo.listMigrations(MigrationQuery.all()))
                    .isInstanceOfSatisfying(CloudException.class,
                            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.FORBIDDEN));
        }
        var base = profiles.load("real-nova");
        var wrongPassword = new CloudProfile(base.name(), base.source(), base.authType(), base.authUrl(),
                base.username(), null, "not-the-password", base.userDomainName(), null, base.projectName(), null,
                base.projectDomainName(), null, null, null, null, base.regionName(), base.endpointInterface(), null,
                true, null);
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(wrongPassword))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAUTHORIZED));
        var pinnedLow = new CloudProfile(base.name(), base.source(), base.authType(), base.authUrl(),
                base.username(), null, base.password(), base.userDomainName(), null, base.projectName(), null,
                base.projectDomainName(), null, null, null, null, base.regionName(), base.endpointInterface(), null,
                true, Microversion.parse("2.20"));
        try (var old = OpenStackNovaGateway.connect(pinnedLow)) {
            assertThatThrownBy(() -> old.listInProgressLiveMigrations(stuckId))
                    .isInstanceOfSatisfying(CloudException.class, e -> {
                        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_AVAILABLE);
                        assertThat(e.requiredMicroversion()).isEqualTo(Microversion.parse("2.23"));
                    });
            // below 2.47 the flavor is not embedded; below 2.53 hypervisors have integer ids
            assertThat(old.getServer(stuckId).embeddedFlavor()).isNull();
            assertThat(old.listHypervisors(null)).hasSize(2);
        }
    }

    @Test
    @Order(6)
    void applicationCredentialsAuthenticate() {
        String out = nova.cli("application", "credential", "create", "--secret", "gw-it-secret", "-f", "value",
                "-c", "id", "gw-it-" + System.nanoTime());
        String id = out.strip();
        var base = profiles.load("real-nova");
        var appCred = CloudProfile.applicationCredential("real-nova-appcred", base.authUrl(), id, "gw-it-secret",
                base.regionName());
        try (var g = OpenStackNovaGateway.connect(appCred)) {
            assertThat(g.cloudInfo().projectName()).isEqualTo("admin");
            assertThat(g.getServer(stuckId).server().id()).isEqualTo(stuckId);
        } finally {
            nova.cli("application", "credential", "delete", id);
        }
    }

    @Test
    @Order(7)
    void anAmbiguousNameListsTheCandidates() {
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                ids.add(nova.cli("server", "create", "--flavor", "m1.tiny", "--image", RealNova.IMAGE, "--nic", "none",
                        "-f", "value", "-c", "id", "gw-it-twin").strip());
            }
            assertThatThrownBy(() -> gateway.resolveServer("gw-it-twin"))
                    .isInstanceOfSatisfying(AmbiguousServerNameException.class, e -> {
                        assertThat(e.candidates()).extracting(s -> s.id()).containsExactlyInAnyOrderElementsOf(ids);
                        assertThat(e.getMessage()).contains(ids.get(0)).contains(ids.get(1));
                    });
            try (var collector = new EvidenceCollector(gateway)) {
                Evidence e = collector.collect("gw-it-twin");
                assertThat(e.server()).isNull();
                assertThat(e.nameMatches()).hasSize(2);
            }
        } finally {
            ids.forEach(id -> nova.cli("server", "delete", id));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static CloudProfile withoutPin(CloudProfile p) {
        return new CloudProfile(p.name(), p.source(), p.authType(), p.authUrl(), p.username(), p.userId(),
                p.password(), p.userDomainName(), p.userDomainId(), p.projectName(), p.projectId(),
                p.projectDomainName(), p.projectDomainId(), p.applicationCredentialId(),
                p.applicationCredentialName(), p.applicationCredentialSecret(), p.regionName(),
                p.endpointInterface(), p.caCertFile(), p.verifyTls(), null);
    }

    private static Migration latestMigration(String serverId) {
        return gateway.listMigrations(MigrationQuery.ofServer(serverId)).migrations().get(0);
    }

    private static Migration awaitRunningWithProgress(String serverId) {
        Migration[] found = new Migration[1];
        RealNova.await(() -> {
            List<Migration> live = gateway.listInProgressLiveMigrations(serverId);
            if (!live.isEmpty() && live.get(0).isRunning() && live.get(0).hasProgress()) {
                found[0] = live.get(0);
                return true;
            }
            return false;
        }, Duration.ofSeconds(60));
        return found[0];
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
