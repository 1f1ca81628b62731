package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.realnova.RealNova;
import dev.migrationworkbench.service.Connector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A never-converging live migration that Nova's own completion timeout cancels
 * ({@code [libvirt] live_migration_completion_timeout} × data GiB, action abort — .ci/run starts the
 * real Nova with {@code REAL_NOVA_LIBVIRT="live_migration_completion_timeout=45;live_migration_timeout_action=abort"},
 * 90 s for an m1.tiny guest): {@code diagnose} with no flags names MIGRATION_TIMED_OUT.
 */
@Tag("real-nova")
class RealNovaTimeoutIT {

    private static final String SERVER = "timeout-it-stuck";
    private static RealNova nova;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void timedOutMigration() {
        nova = RealNova.fromSystemProperty();
        assumeTrue(nova.libvirtOption("live_migration_completion_timeout").isPresent(),
                "the real Nova runs with the default completion timeout (800 s x data GiB): start it with "
                        + "REAL_NOVA_LIBVIRT=\"live_migration_completion_timeout=45;live_migration_timeout_action=abort\"");
        String id = nova.bootAndLiveMigrate(SERVER, "dirty_rate_mbps=2000");
        RealNova.await(() -> nova.cli("server", "migration", "list", "--server", id, "--status", "cancelled",
                "-f", "value", "-c", "Id", "--os-compute-api-version", "2.80").strip().matches("\\d+"), Duration.ofMinutes(4));
    }

    @AfterAll
    static void cleanUp() {
        if (nova != null) {
            nova.delete(SERVER);
        }
    }

    @Test
    void withoutFlagsTheCancelledMigrationIsNamedAsNovasTimeout() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new DiagnoseCommand(new Connector(nova.profiles(), AppDirs.under(tmp))))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--os-cloud", RealNova.CLOUD, "--server", SERVER, "--format", "json", "--lang", "en");

        assertThat(exit).as(err.toString()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        List<String> codes = new ArrayList<>();
        root.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        assertThat(root.path("migration").path("status").asText()).isEqualTo("cancelled");
        assertThat(codes).as(out.toString()).contains("MIGRATION_TIMED_OUT").doesNotContain("MIGRATION_ABORTED");
    }
}
