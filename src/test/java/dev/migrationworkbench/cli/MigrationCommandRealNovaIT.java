package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.migrationworkbench.realnova.RealNova.await;

import dev.migrationworkbench.action.AuditLog;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.cloud.MigrationQuery;
import dev.migrationworkbench.cloud.OpenStackNovaGateway;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.realnova.RealNova;
import dev.migrationworkbench.service.Connector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code migration abort} and {@code migration force-complete} against the real Nova (Zed) of
 * ../shared/real-nova (profile real-nova): the migration ends cancelled / completed, the audit log
 * holds the request and the outcome, and refusals (wrong state, not admin, too old a microversion)
 * print the reason and exit non-zero without an action being sent.
 */
@Tag("real-nova")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationCommandRealNovaIT {

    private static final String IMAGE = "c1770500-0000-4000-8000-000000000001";
    private static final String VM = "triage-it-stuck";
    private static final String DEMO_VM = "triage-it-demo";

    @TempDir
    static Path home;

    private static RealNova nova;
    private static Path clouds;
    private static OpenStackNovaGateway admin;
    private static String vmId;

    @BeforeAll
    static void connect() throws IOException {
        nova = RealNova.fromSystemProperty();
        // the run's clouds.yaml, plus the admin cloud pinned to 2.21 (below abort's 2.24 and force-complete's 2.22)
        String yaml = Files.readString(nova.cloudsYaml());
        int start = yaml.indexOf("  real-nova:");
        int end = yaml.indexOf("  real-nova-demo:");
        String old = yaml.substring(start, end).replace("  real-nova:", "  real-nova-old:")
                .replace("compute_api_version: \"2.80\"", "compute_api_version: \"2.21\"");
        clouds = Files.writeString(home.resolve("clouds.yaml"), yaml + old);
        admin = OpenStackNovaGateway.connect(profiles().load("real-nova"));
        nova.delete(VM);
        deleteDemoServers();
        vmId = nova.cli("server", "create", "--flavor", "m1.tiny", "--image", IMAGE, "--nic", "none",
                "--availability-zone", "nova:compute-a", "--property", "dirty_rate_mbps=2000", "--wait",
                "-f", "value", "-c", "id", VM).strip();
    }

    @AfterAll
    static void cleanUp() {
        if (admin != null) {
            nova.delete(VM);
            deleteDemoServers();
            admin.close();
        }
    }

    @Test
    @Order(1)
    void abortEndsTheMigrationCancelledAndTheAuditLogHoldsRequestAndOutcome() {
        Migration m = startStuckMigration();
        Result r = migration("abort", "--os-cloud", "real-nova", "--server", VM, "--case", "IT-ABORT-1", "--yes");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("cancelled");
        assertThat(latest().status()).isEqualTo("cancelled");
        List<AuditLog.Entry> entries = audit().stream().filter(e -> "IT-ABORT-1".equals(e.ticket())).toList();
        assertThat(entries).extracting(AuditLog.Entry::phase).containsExactly("requested", "accepted", "outcome");
        assertThat(entries.get(2).detail()).isEqualTo("cancelled");
        assertThat(entries).allSatisfy(e -> assertThat(e.migrationId()).isEqualTo(m.id()));
        await(() -> "ACTIVE".equals(admin.getServer(vmId).server().status()), Duration.ofSeconds(60));
    }

    @Test
    @Order(2)
    void aMigrationThatHasEndedIsRefusedWithoutACall() {
        Migration cancelled = latest();
        int before = audit().size();
        Result r = migration("force-complete", "--os-cloud", "real-nova", "--server", vmId, "--migration",
                String.valueOf(cancelled.id()), "--case", "IT-REFUSED", "--yes");
        assertThat(r.code).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains("no longer in progress").contains("Nothing was sent");
        assertThat(audit()).hasSize(before);
    }

    @Test
    @Order(3)
    void forceCompleteEndsTheMigrationCompleted() {
        startStuckMigration();
        Result r = migration("force-complete", "--os-cloud", "real-nova", "--server", VM, "--case", "IT-FORCE-1", "--yes");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("paused").contains("completed");
        assertThat(latest().status()).isEqualTo("completed");
        assertThat(audit().stream().filter(e -> "IT-FORCE-1".equals(e.ticket())).map(AuditLog.Entry::phase).toList())
                .containsExactly("requested", "accepted", "outcome");
        await(() -> "compute-b".equals(admin.getServer(vmId).server().host()), Duration.ofSeconds(60));
    }

    @Test
    @Order(4)
    void tooOldAMicroversionIsRefusedWithoutACall() {
        Migration m = startStuckMigration();
        int before = audit().size();
        Result r = migration("abort", "--os-cloud", "real-nova-old", "--server", vmId, "--case", "IT-OLD", "--yes");
        assertThat(r.code).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains("2.24").contains("Nothing was sent");
        assertThat(audit()).hasSize(before);
        assertThat(latest().status()).isEqualTo("running");
        admin.abortLiveMigration(vmId, m.id());
        await(() -> "cancelled".equals(latest().status()), Duration.ofSeconds(60));
        await(() -> "ACTIVE".equals(admin.getServer(vmId).server().status()), Duration.ofSeconds(60));
    }

    @Test
    @Order(5)
    void aUserWhoIsNotAdminGetsNovasReasonAndNothingIsSent() {
        String demoId = nova.cli("--os-cloud", "real-nova-demo", "server", "create", "--flavor", "m1.tiny", "--image", IMAGE, "--nic", "none",
                "--property", "dirty_rate_mbps=2000", "--wait", "-f", "value", "-c", "id", DEMO_VM).strip();
        String host = admin.getServer(demoId).server().host();
        admin.liveMigrate(demoId, "compute-a".equals(host) ? "compute-b" : "compute-a");
        await(() -> admin.listInProgressLiveMigrations(demoId).stream().anyMatch(Migration::isRunning), Duration.ofSeconds(90));
        int before = audit().size();
        Result r = migration("abort", "--os-cloud", "real-nova-demo", "--server", demoId, "--case", "IT-DEMO", "--yes");
        assertThat(r.code).as(r.toString()).isNotZero();
        assertThat(r.err).containsAnyOf("Policy", "policy", "administrator");
        assertThat(audit()).hasSize(before);
        Migration m = admin.listInProgressLiveMigrations(demoId).get(0);
        assertThat(m.isRunning()).isTrue();
        admin.abortLiveMigration(demoId, m.id());
        await(() -> "cancelled".equals(admin.listMigrations(MigrationQuery.ofServer(demoId)).migrations().get(0).status()),
                Duration.ofSeconds(60));
    }

    /** The non-admin user's test servers, deleted by ID as admin. */
    private static void deleteDemoServers() {
        nova.cli("--os-cloud", "real-nova-demo", "server", "list", "--name", "^" + DEMO_VM + "$", "-f", "value", "-c", "ID")
                .lines().map(String::strip).filter(id -> !id.isEmpty()).forEach(id -> nova.delete(id));
    }

    private record Result(int code, String out, String err) {
    }

    private static Result migration(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Connector connector = new Connector(profiles(), AppDirs.under(home));
        CommandLine cli = new CommandLine(new MigrationCommand(), new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == MigrationCommand.Abort.class) {
                    return (K) new MigrationCommand.Abort(connector, new ByteArrayInputStream(new byte[0]));
                }
                if (cls == MigrationCommand.ForceComplete.class) {
                    return (K) new MigrationCommand.ForceComplete(connector, new ByteArrayInputStream(new byte[0]));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static List<AuditLog.Entry> audit() {
        return new AuditLog(AppDirs.under(home).data()).read();
    }

    private static CloudProfiles profiles() {
        return new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of());
    }

    private static Migration startStuckMigration() {
        String host = admin.getServer(vmId).server().host();
        admin.liveMigrate(vmId, "compute-a".equals(host) ? "compute-b" : "compute-a");
        Migration[] found = new Migration[1];
        await(() -> {
            List<Migration> live = admin.listInProgressLiveMigrations(vmId);
            if (!live.isEmpty() && live.get(0).isRunning() && live.get(0).hasProgress()) {
                found[0] = live.get(0);
                return true;
            }
            return false;
        }, Duration.ofSeconds(90));
        return found[0];
    }

    private static Migration latest() {
        return admin.listMigrations(MigrationQuery.ofServer(vmId)).migrations().get(0);
    }
}
