package dev.migrationworkbench.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.cloud.CloudProfile;
import dev.migrationworkbench.cloud.GatewayOptions;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.OpenStackNovaGateway;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.model.Migration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Abort and force-complete against the embedded demo cloud over loopback HTTP, with the audit trail. */
class MigrationActionsTest {

    @TempDir
    Path data;

    private DemoCloud cloud;
    private NovaGateway gateway;
    private MigrationActions actions;
    private String serverId;

    @BeforeEach
    void stuckMigration() throws Exception {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(0));
        gateway = OpenStackNovaGateway.connect(CloudProfile.password("demo", cloud.authUrl(), cloud.username(),
                cloud.password(), cloud.userDomainName(), cloud.projectName(), cloud.projectDomainName(),
                cloud.regionName()), GatewayOptions.defaults());
        actions = new MigrationActions(gateway, new AuditLog(data), Clock.systemUTC());
        serverId = cloud.serverId("db-1");
        cloud.clock().advance(Duration.ofSeconds(60));
    }

    @AfterEach
    void close() {
        gateway.close();
        cloud.close();
    }

    private Migration running() {
        List<Migration> inProgress = gateway.listInProgressLiveMigrations(serverId);
        assertThat(inProgress).hasSize(1);
        assertThat(inProgress.get(0).status()).isEqualTo("running");
        return inProgress.get(0);
    }

    @Test
    void abortIsCheckedLoggedSentOnceAndFollowedToCancelled() {
        Migration migration = running();
        ActionCheck check = actions.check(MigrationAction.ABORT, serverId, migration.id());
        assertThat(check.allowed()).as("blockers %s", check.blockers()).isTrue();

        actions.execute(MigrationAction.ABORT, serverId, migration.id(), "case 04123456");
        cloud.clock().advance(Duration.ofSeconds(10));

        assertThat(actions.follow(serverId, migration.id()).status()).isEqualTo("cancelled");
        assertThat(gateway.getServer(serverId).server().host()).isEqualTo("compute-0");
        List<AuditLog.Entry> audit = actions.audit().read();
        assertThat(audit).extracting(AuditLog.Entry::phase).containsExactly("requested", "accepted");
        assertThat(audit.get(0).ticket()).isEqualTo("case 04123456");
        assertThat(audit.get(0).command()).contains("server migration abort " + serverId + " " + migration.id());
        assertThat(audit.get(0).sourceHost()).isEqualTo("compute-0");
    }

    @Test
    void forceCompleteFinishesTheStuckMigrationOnTheDestination() {
        Migration migration = running();
        actions.execute(MigrationAction.FORCE_COMPLETE, serverId, migration.id(), null);
        cloud.clock().advance(Duration.ofSeconds(120));

        assertThat(actions.follow(serverId, migration.id()).status()).isEqualTo("completed");
        assertThat(gateway.getServer(serverId).server().host()).isEqualTo("compute-1");
        assertThat(actions.audit().read()).extracting(AuditLog.Entry::action).containsOnly("FORCE_COMPLETE");
    }

    @Test
    void anEndedMigrationIsRefusedBeforeAnythingIsSent() {
        Migration migration = running();
        actions.execute(MigrationAction.ABORT, serverId, migration.id(), null);
        cloud.clock().advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> actions.execute(MigrationAction.FORCE_COMPLETE, serverId, migration.id(), null))
                .isInstanceOfSatisfying(ActionRefusedException.class, refused -> assertThat(refused.check().blockers())
                        .extracting(Blocker::key).contains("action.blocker.notInProgress", "action.blocker.taskState"));
        assertThat(actions.audit().read()).extracting(AuditLog.Entry::phase)
                .containsExactly("requested", "accepted", "refused");
    }

    @Test
    void anAcceptedActionIsReportedAcceptedEvenWhenItsAuditEntryCannotBeWritten() throws Exception {
        Migration migration = running();
        java.util.concurrent.atomic.AtomicInteger entries = new java.util.concurrent.atomic.AtomicInteger();
        Clock breaksTheLogOnTheSecondEntry = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                if (entries.incrementAndGet() == 2) {
                    try {
                        // the disk fills or the file goes away between the two entries
                        java.nio.file.Files.delete(data.resolve("audit.jsonl"));
                        java.nio.file.Files.createDirectory(data.resolve("audit.jsonl"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return java.time.Instant.now();
            }
        };
        MigrationActions breaking = new MigrationActions(gateway, new AuditLog(data), breaksTheLogOnTheSecondEntry);
        ActionCheck check = breaking.execute(MigrationAction.ABORT, serverId, migration.id(), null);
        assertThat(check.allowed()).isTrue();
        cloud.clock().advance(Duration.ofSeconds(10));
        assertThat(breaking.follow(serverId, migration.id()).status()).isEqualTo("cancelled");
    }

    /**
     * Force-complete with post-copy permitted switches the migration to post-copy, which Nova's
     * in-progress list hides: the check still finds it and says why nothing more can be done.
     */
    @Test
    void aMigrationInPostCopyIsFoundAndNamedThoughNovasInProgressListHidesIt() throws Exception {
        close();
        Path scenario = data.resolve("post-copy.yaml");
        String builtIn = new String(DemoCloud.class.getResourceAsStream("/scenarios/migration-not-converging.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(scenario, builtIn.replace("nova:\n", "nova:\n  libvirt: {live_migration_permit_post_copy: true}\n"));
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario(scenario).withSpeed(0));
        gateway = OpenStackNovaGateway.connect(CloudProfile.password("demo", cloud.authUrl(), cloud.username(),
                cloud.password(), cloud.userDomainName(), cloud.projectName(), cloud.projectDomainName(),
                cloud.regionName()), GatewayOptions.defaults());
        actions = new MigrationActions(gateway, new AuditLog(data), Clock.systemUTC());
        serverId = cloud.serverId("db-1");
        cloud.clock().advance(Duration.ofSeconds(60));
        Migration migration = running();
        actions.execute(MigrationAction.FORCE_COMPLETE, serverId, migration.id(), null);
        cloud.clock().advance(Duration.ofSeconds(1));
        assertThat(gateway.listInProgressLiveMigrations(serverId)).isEmpty();

        ActionCheck abort = actions.check(MigrationAction.ABORT, serverId, migration.id());
        assertThat(abort.migration().status()).isEqualTo("running (post-copy)");
        assertThat(abort.blockers()).extracting(Blocker::key).contains("action.blocker.postCopy")
                .doesNotContain("action.blocker.notInProgress");
    }
}
