package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code diagnose --offline} on the sosreports of the case fixture (real Nova log lines,
 * src/test/resources/offline/case/ORIGIN.md), packed as sos packs them: the migrations found, the
 * timeout-cancelled non-converging one, the pinned guest whose NIC sits on another NUMA node at the
 * destination, the NoValidHost of the controller's logs — in text, JSON and PDF, every evidence line
 * pointing into the archives.
 */
class DiagnoseOfflineTest {

    private static final Path CASE = Path.of("src/test/resources/offline/case");
    private static final String STUCK = "4be1d5da-58b1-4a4d-a2c5-f6f0223b900a";
    private static final String CONVERGED = "3e6eceb2-369e-4f8a-9f47-d33f25afa893";
    private static final String GROUP = "e245a503-769e-4243-b07e-ba2d639813f7";

    @TempDir
    static Path tmp;
    static Path a;
    static Path b;
    static Path controller;
    private static Locale saved;

    @BeforeAll
    static void pack() throws Exception {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        a = dev.migrationworkbench.offline.ArchivesForTests.tarXz(CASE.resolve("sosreport-compute-a"),
                tmp.resolve("sosreport-compute-a-2026-12-01-xkqwz.tar.xz"));
        b = dev.migrationworkbench.offline.ArchivesForTests.tarXz(CASE.resolve("sosreport-compute-b"),
                tmp.resolve("sosreport-compute-b-2026-12-01-pqrst.tar.xz"));
        controller = dev.migrationworkbench.offline.ArchivesForTests.tarXz(CASE.resolve("sosreport-controller-0"),
                tmp.resolve("sosreport-controller-0-2026-12-01-abcde.tar.xz"));
    }

    @AfterAll
    static void restore() {
        Locale.setDefault(saved);
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MainCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void withoutServerTheMigrationsFoundAreListed() {
        Run r = run("diagnose", "--offline", a.toString(), b.toString(), controller.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Live migrations found in the Nova logs (3)")
                .containsPattern("1 +" + STUCK + " +- +compute-a → compute-b +cancelled")
                .containsPattern("2 +" + CONVERGED + " +offline-conv-1 +compute-a → compute-b +completed")
                .containsPattern("3 +" + GROUP + " +- +\\? → \\? +error")
                .contains("compute-a (sosreport-compute-a-2026-12-01-xkqwz.tar.xz): 2 NUMA node(s), 2 NIC(s)");
    }

    @Test
    void theTimeoutCancelledMigrationDidNotConverge() throws Exception {
        Run r = run("diagnose", "--offline", a.toString(), b.toString(), "--server", STUCK);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("MIGRATION_TIMED_OUT: Nova's completion timeout cancelled live migration 1 (after 1,600 s) (confidence HIGH)")
                .contains("MIGRATION_NOT_CONVERGING: Live migration 1 did not converge (it ended as cancelled)")
                .contains("Read offline from sosreport-compute-a-2026-12-01-xkqwz.tar.xz, sosreport-compute-b-2026-12-01-pqrst.tar.xz")
                // evidence lines point into the archive, the rotated .gz included
                .containsPattern("sosreport-compute-a-2026-12-01-xkqwz\\.tar\\.xz › var/log/containers/nova/nova-compute\\.log\\.1\\.gz:\\d+"
                        + "  log line = 2026-12-01 13:25:20.394 19405 INFO nova.virt.libvirt.driver \\[-\\] \\[instance: " + STUCK
                        + "\\] Migration running for 0 secs")
                .containsPattern("nova-compute\\.log:\\d+  log line = .*Live migration not completed after 1600 sec")
                .containsPattern("nova-compute\\.log:\\d+  log line = .*Migration operation was cancelled")
                .containsPattern("nova-compute\\.log:\\d+  status = cancelled");

        Run json = run("diagnose", "--offline", a.toString(), b.toString(), "--server", STUCK, "--format", "json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        // what ended it (Nova's completion timeout), then why (it never converged)
        assertThat(root.path("findings").get(0).path("code").asText()).isEqualTo("MIGRATION_TIMED_OUT");
        JsonNode finding = root.path("findings").get(1);
        assertThat(finding.path("code").asText()).isEqualTo("MIGRATION_NOT_CONVERGING");
        assertThat(finding.path("evidence").toString()).contains("LOG_LINE")
                .contains("sosreport-compute-a-2026-12-01-xkqwz.tar.xz › var/log/containers/nova/nova-compute.log:");
    }

    @Test
    void thePinnedGuestsNicIsOnAnotherNodeAtTheDestination() throws Exception {
        Path pdf = tmp.resolve("conv.pdf");
        Run r = run("diagnose", "--offline", a.toString(), b.toString(), "--server", "offline-conv-1", "--pdf", pdf.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("NIC_NUMA_AFFINITY_MISMATCH")
                .contains("Migration 2: completed, compute-a → compute-b")
                .contains("sosreport-compute-b-2026-12-01-pqrst.tar.xz › sys/devices/pci0000:d7/0000:d7:00.0/0000:d8:00.0/numa_node");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("NIC_NUMA_AFFINITY_MISMATCH").contains("sosreport-compute-b-2026-12-01-pqrst.tar.xz");
        }
    }

    @Test
    void theControllersLogsExplainTheNoValidHost() {
        Run r = run("diagnose", "--offline", a.toString(), b.toString(), controller.toString(), "--server", GROUP);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        // the scheduler's filter results, quoted from the controller's log, name the anti-affinity filter
        assertThat(r.out()).contains("SCHEDULER_NO_VALID_HOST").contains("'ServerGroupAntiAffinityFilter: (start: 1, end: 0)'")
                .containsPattern("sosreport-controller-0-2026-12-01-abcde\\.tar\\.xz › var/log/containers/nova/nova-scheduler\\.log:\\d+  log line = ")
                .containsPattern("nova-conductor\\.log:\\d+  log line = .*Failed to compute_task_migrate_server: No valid host was found");
    }

    @Test
    void aServerNotInTheLogsIsAUsageErrorNamingTheOnesThatAre() {
        Run r = run("diagnose", "--offline", a.toString(), "--server", "db-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("No live migration of server 'db-1' in these files").contains(STUCK);
    }

    @Test
    void anUnreadableInputIsAUsageError() throws Exception {
        Path junk = Files.write(tmp.resolve("sosreport-junk.tar.xz"), new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 1, 2, 3});
        Run r = run("diagnose", "--offline", junk.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Offline evidence could not be read: ").contains("sosreport-junk.tar.xz is truncated");
    }
}
