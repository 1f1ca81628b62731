package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live-migration calls over HTTP against the demo cloud's never-converging scenario, on a manual
 * clock: progress bytes, os-migrations, instance action events, force-complete, abort, and one
 * evidence collection.
 */
class DemoCloudMigrationTest {

    private DemoCloud cloud;
    private OpenStackNovaGateway gateway;
    private String db1;

    @BeforeEach
    void start() throws IOException {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(0));
        gateway = OpenStackNovaGateway.connect(DemoCloudGatewayTest.profile(cloud));
        db1 = cloud.serverId("db-1");
    }

    @AfterEach
    void stop() {
        gateway.close();
        cloud.close();
    }

    private Migration running() {
        cloud.clock().advance(Duration.ofSeconds(30));
        List<Migration> live = gateway.listInProgressLiveMigrations(db1);
        assertThat(live).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo("running");
            assertThat(m.hasProgress()).isTrue();
        });
        return live.get(0);
    }

    @Test
    void progressBytesOfANonConvergingMigration() {
        Migration first = running();
        assertThat(first.sourceCompute()).isEqualTo("compute-0");
        assertThat(first.destCompute()).isEqualTo("compute-1");
        assertThat(first.memoryTotalBytes()).isEqualTo(16384L * 1024 * 1024);
        cloud.clock().advance(Duration.ofSeconds(30));
        Migration later = gateway.getInProgressLiveMigration(db1, first.id());
        assertThat(later.memoryProcessedBytes()).isGreaterThan(first.memoryProcessedBytes());
        assertThat(later.memoryRemainingBytes()).isPositive();

        MigrationPage page = gateway.listMigrations(MigrationQuery.ofServer(db1));
        assertThat(page.migrations()).first().satisfies(m -> {
            assertThat(m.id()).isEqualTo(first.id());
            assertThat(m.status()).isEqualTo("running");
            assertThat(m.migrationType()).isEqualTo("live-migration");
            assertThat(m.memoryTotalBytes()).isNull();
        });
        assertThat(gateway.listMigrations(new MigrationQuery(null, "compute-1", "running", "live-migration", null,
                null, null)).migrations()).extracting(Migration::id).contains(first.id());
    }

    @Test
    void forceCompleteThenAbortThenTheirConflicts() {
        Migration m = running();
        gateway.forceCompleteLiveMigration(db1, m.id());
        cloud.clock().advance(Duration.ofSeconds(60));
        assertThat(gateway.listMigrations(MigrationQuery.ofServer(db1)).migrations().get(0).status())
                .isEqualTo("completed");
        assertThat(gateway.getServer(db1).server().host()).isEqualTo("compute-1");
        assertThatThrownBy(() -> gateway.getInProgressLiveMigration(db1, m.id()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("is not in progress");
                });
        assertThatThrownBy(() -> gateway.forceCompleteLiveMigration(db1, m.id()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("force_complete");
                });

        gateway.liveMigrate(db1, null);
        Migration back = running();
        assertThat(back.destCompute()).isNotEqualTo("compute-1");
        gateway.abortLiveMigration(db1, back.id());
        cloud.clock().advance(Duration.ofSeconds(10));
        assertThat(gateway.listMigrations(MigrationQuery.ofServer(db1)).migrations().get(0).status())
                .isEqualTo("cancelled");
        assertThat(gateway.getServer(db1).server().host()).isEqualTo("compute-1");
        assertThatThrownBy(() -> gateway.abortLiveMigration(db1, back.id()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("abort live migration");
                });

        List<InstanceAction> actions = gateway.listInstanceActions(db1);
        assertThat(actions).extracting(InstanceAction::action)
                .contains("live-migration", "live_migration_force_complete", "live_migration_cancel");
        InstanceAction live = actions.stream().filter(a -> a.action().equals("live-migration")).findFirst()
                .orElseThrow();
        assertThat(gateway.getInstanceAction(db1, live.requestId()).events()).extracting(InstanceAction.Event::event)
                .contains("conductor_live_migrate_instance");
    }

    @Test
    void oneEvidenceCollection() {
        running();
        try (var collector = new EvidenceCollector(gateway)) {
            for (String query : List.of("db-1", db1)) {
                Evidence e = collector.collect(query);
                assertThat(e.server().id()).isEqualTo(db1);
                assertThat(e.liveMigrations()).singleElement().satisfies(m -> assertThat(m.isRunning()).isTrue());
                assertThat(e.samples()).hasSize(1);
                assertThat(e.migrations()).isNotEmpty();
                assertThat(e.computeService("compute-0")).isPresent();
                assertThat(e.computeService("compute-1")).isPresent();
                assertThat(e.hypervisors()).extracting(h -> h.serviceHost()).contains("compute-0", "compute-1");
                assertThat(e.actions()).filteredOn(a -> a.action().equals("live-migration")).singleElement()
                        .satisfies(a -> assertThat(a.events()).isNotEmpty());
                assertThat(e.flavor().name()).isEqualTo("m1.xlarge");
                assertThat(e.otherServersOnHosts()).isNotEmpty();
                assertThat(e.failedCalls()).isEmpty();
            }
        }
    }
}
