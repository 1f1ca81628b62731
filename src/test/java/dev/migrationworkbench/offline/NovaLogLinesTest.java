package dev.migrationworkbench.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.offline.MigrationLines.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nova's log lines as real services wrote them: the real Nova of src/test/resources/offline/real-nova
 * (oslo.log ≥ 4.8, Train+ progress format), the hotsos host (oslo.log < 4.8), and the formats of
 * older releases as nova/virt/libvirt/driver.py wrote them (quoted from the source of each release).
 */
class NovaLogLinesTest {

    private static final Path REAL = Path.of("src/test/resources/offline/real-nova");

    @Test
    void everyLibvirtDriverLineOfTheRealNovaIsClassified() throws Exception {
        List<String> lines = Files.readAllLines(REAL.resolve("nova-compute-a.log"));
        long progress = lines.stream().map(l -> LogLine.parse(l, 2026)).filter(l -> l != null)
                .map(l -> MigrationLines.classify(l.message())).filter(m -> m != null && m.kind() == Kind.PROGRESS).count();
        long written = lines.stream().filter(l -> l.contains("] Migration running for ")).count();
        assertThat(progress).isEqualTo(written).isGreaterThan(50);

        LogLine cancelled = lines.stream().map(l -> LogLine.parse(l, 2026))
                .filter(l -> l != null && l.message().startsWith("Migration operation was cancelled")).findFirst().orElseThrow();
        assertThat(cancelled.level()).isEqualTo("WARNING");
        assertThat(cancelled.logger()).isEqualTo("nova.virt.libvirt.driver");
        assertThat(cancelled.requestId()).isNull(); // "[-]": the monitor thread has no request context
        assertThat(cancelled.instanceUuid()).isEqualTo("4be1d5da-58b1-4a4d-a2c5-f6f0223b900a");
        assertThat(cancelled.at()).isEqualTo(Instant.parse("2026-12-01T13:52:00.438Z"));
    }

    @Test
    void trainProgressLineCarriesMemoryAndDiskFigures() {
        LogLine l = LogLine.parse("2026-12-01 13:25:51.471 19405 INFO nova.virt.libvirt.driver [-] [instance: "
                + "4be1d5da-58b1-4a4d-a2c5-f6f0223b900a] Migration running for 30 secs, memory 100% remaining (bytes "
                + "processed=3596225472, remaining=536870912, total=536870912); disk 100% remaining (bytes processed=0, "
                + "remaining=0, total=0).", 2026);
        MigrationLines.Match m = MigrationLines.classify(l.message());
        assertThat(m.kind()).isEqualTo(Kind.PROGRESS);
        assertThat(m.numbers()).containsExactly(30, 100, 3596225472L, 536870912, 536870912, 100, 0, 0, 0);
    }

    @Test
    void queensToSteinFormatsAndTheirDebugSuffix() {
        // nova 17.0.0 driver.py: "memory %(remaining)d%% remaining; (bytes processed=..., remaining=..., total=...)"
        LogLine l = LogLine.parse("2018-03-01 10:00:05.001 2211 DEBUG nova.virt.libvirt.driver [req-0f7a4b2c-1111-4e2a-9c3d-"
                + "0a1b2c3d4e5f 9c1f 5a2e - - -] [instance: 0c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f] Migration running for 5 secs, "
                + "memory 42% remaining; (bytes processed=1234, remaining=5678, total=9999) _live_migration_monitor "
                + "/usr/lib/python2.7/site-packages/nova/virt/libvirt/driver.py:7132", 2018);
        assertThat(l.requestId()).isEqualTo("req-0f7a4b2c-1111-4e2a-9c3d-0a1b2c3d4e5f");
        assertThat(l.message()).doesNotContain("driver.py");
        MigrationLines.Match m = MigrationLines.classify(l.message());
        assertThat(m.kind()).isEqualTo(Kind.PROGRESS);
        assertThat(m.numbers()).startsWith(5, 42, 1234, 5678, 9999);
        assertThat(MigrationLines.classify("Data remaining 5678 bytes, low watermark 4000 bytes 35 seconds ago").kind())
                .isEqualTo(Kind.DATA_REMAINING);
        assertThat(MigrationLines.classify("Live migration stuck for 150 sec").kind()).isEqualTo(Kind.STUCK);
        // devstack's suffix since oslo.log 3.x: {{(pid=N) func path:line}}
        LogLine d = LogLine.parse("2026-12-01 13:25:20.394 19405 DEBUG nova.virt.libvirt.driver [-] [instance: "
                + "4be1d5da-58b1-4a4d-a2c5-f6f0223b900a] Starting monitoring of live migration {{(pid=19405) "
                + "_live_migration {{/opt/stack/nova/nova/virt/libvirt/driver.py:10580}}", 2026);
        assertThat(MigrationLines.classify(d.message()).kind()).isEqualTo(Kind.MONITOR_START);
    }

    @Test
    void theHotsosHostsAbortedLineInThePre48Format() {
        // hotsos/defs/tests/scenarios/openstack/nova/bugs/lp1860743.yaml (a real nova-compute line)
        LogLine l = LogLine.parse("2023-01-24 01:05:42.399 1214121 ERROR nova.virt.libvirt.driver [req-78337918-e580-4b64-"
                + "ac73-227fb24c19b2 7a5e20f2d1fc4af18f959a4666c2265c b07f32d8f1f84ba7bbe821ee7fa4f09a - "
                + "f750199c451f432f9d615a147744f4f5 f750199c451f432f9d615a147744f4f5] [instance: 3c70bf83-694d-4bff-a2c9-"
                + "c6d50cf15c62] Migration operation has aborted", 2023);
        assertThat(l.requestId()).isEqualTo("req-78337918-e580-4b64-ac73-227fb24c19b2");
        assertThat(l.globalRequestId()).isNull();
        assertThat(MigrationLines.classify(l.message()).kind()).isEqualTo(Kind.ABORTED);
    }

    @Test
    void journalLinesOfARhoso18ComputeAreReadThroughTheirPrefix() {
        LogLine l = LogLine.parse("Dec 01 13:52:00 compute-b nova_compute[19409]: \u001B[00;33m2026-12-01 13:52:00.438 19409 "
                + "WARNING nova.virt.libvirt.driver [-] [instance: 4be1d5da-58b1-4a4d-a2c5-f6f0223b900a] Migration operation "
                + "was cancelled\u001B[00m", 2026);
        assertThat(l.syslogHost()).isEqualTo("compute-b");
        assertThat(l.at()).isEqualTo(Instant.parse("2026-12-01T13:52:00.438Z"));
        assertThat(MigrationLines.classify(l.message()).kind()).isEqualTo(Kind.CANCELLED);
        // journald's own format without the oslo time stamp: the journal's, with the year given
        LogLine j = LogLine.parse("Dec 01 13:52:01 compute-b nova-compute[7]: WARNING nova.virt.libvirt.migration [-] "
                + "[instance: 4be1d5da-58b1-4a4d-a2c5-f6f0223b900a] Live migration not completed after 1600 sec", 2026);
        assertThat(j.at()).isEqualTo(Instant.parse("2026-12-01T13:52:01Z"));
        assertThat(MigrationLines.classify(j.message()).numbers()).containsExactly(1600);
        assertThat(LogLine.parse("Dec 01 13:52:01 compute-b kernel: i40e 0000:d8:00.0 ens1f0: NIC Link is Up", 2026)).isNull();
    }
}
