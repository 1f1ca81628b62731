package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MIGRATION_TIMED_OUT and MIGRATION_ABORTED: how a live migration that Nova or an operator ended is told apart. */
class MigrationEndRulesTest {

    /** A live migration created at T0, whose pre_live_migration finished at T0+4 s, ended with {@code status} at T0+endS. */
    private static Worlds.Builder ended(String status, int endS, InstanceAction... more) {
        Instant created = Worlds.T0;
        Migration m = new Migration(7, "mig-7", Worlds.VM, status, "live-migration", "c0", "c0", "c1", null, "c1",
                null, null, null, null, null, null, "u1", "p1", created, created.plusSeconds(endS));
        Worlds.Builder b = Worlds.evidence().server(Worlds.server("ACTIVE", "c0"))
                .flavor(Worlds.flavor(1, 512, Map.of())).migration(m)
                .action(Worlds.liveMigration("req-lm", 0, Worlds.ok("conductor_live_migrate_instance", 0, 1),
                        Worlds.ok("compute_pre_live_migration", 2, 4), Worlds.ok("compute_live_migration", 1, 1)))
                .collectedAt(created.plusSeconds(endS + 60));
        for (InstanceAction a : more) {
            b.action(a);
        }
        return b;
    }

    private static HostTopology withLibvirt(String host, Map<String, String> conf) {
        return new HostTopology(host, Worlds.T0, "17.1", "23.2.3", "Xeon", List.of(),
                List.of(new HostTopology.NumaNode(0, CpuList.parse("0-7"), 32768, 16000L, List.of(10), List.of())),
                List.of(), conf, List.of());
    }

    @Test
    void cancelledAfterNovasDefaultTimeoutWithNoAbortIsTheTimeout() {
        // 512 MiB of RAM counts as 2 GiB: 800 s × 2 = 1600 s from the monitor's start (T0+4 s)
        Diagnosis d = diagnose(ended("cancelled", 1605).build());
        Finding f = only(d, FindingCode.MIGRATION_TIMED_OUT);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(f.title().args()).containsExactly("7", 1600L);
        assertThat(f.explanation().key()).isEqualTo("diagnosis.timedOut.explanation");
        assertThat(f.explanation().args()).startsWith("7", 1601L, 1600L, 800, "2.00");
        assertThat(d.codes()).doesNotContain(FindingCode.MIGRATION_ABORTED, FindingCode.MIGRATION_FAILED_OTHER);
    }

    @Test
    void theTimeoutScalesWithTheHostsOptionAndTheGuestsRam() {
        Worlds.Builder b = ended("cancelled", 200).flavor(Worlds.flavor(4, 3072, Map.of()))
                .topology(withLibvirt("c0", Map.of("libvirt.live_migration_completion_timeout", "60")));
        Finding f = only(diagnose(b.build()), FindingCode.MIGRATION_TIMED_OUT);
        assertThat(f.title().args()).containsExactly("7", 180L);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.value()).isEqualTo("60 × 3.00 GiB = 180"));
    }

    @Test
    void cancelledBeforeTheDefaultTimeoutWithoutTheHostsOptionsIsALowerHostTimeout() {
        // 94 s after pre_live_migration, 2 GiB of data: the host's timeout is about 47 s per GiB
        Finding f = only(diagnose(ended("cancelled", 98).build()), FindingCode.MIGRATION_TIMED_OUT);
        assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(f.explanation().key()).isEqualTo("diagnosis.timedOut.shorter.explanation");
        assertThat(f.explanation().args().get(7)).isEqualTo(47L);
    }

    @Test
    void cancelledBeforeTheTimeoutTheHostReportedIsNotTheTimeout() {
        Worlds.Builder b = ended("cancelled", 300)
                .topology(withLibvirt("c0", Map.of("libvirt.live_migration_completion_timeout", "800")));
        assertThat(diagnose(b.build()).codes()).doesNotContain(FindingCode.MIGRATION_TIMED_OUT);
    }

    @Test
    void forceCompletedByTheTimeoutActionWhenTheHostSaysSo() {
        Worlds.Builder b = ended("completed", 130).topology(withLibvirt("c0", Map.of(
                "libvirt.live_migration_completion_timeout", "60", "libvirt.live_migration_timeout_action", "force_complete")));
        Finding f = only(diagnose(b.build()), FindingCode.MIGRATION_TIMED_OUT);
        assertThat(f.title().key()).isEqualTo("diagnosis.timedOut.forced.title");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        // an operator's force-complete is not the timeout
        Worlds.Builder forced = ended("completed", 130, Worlds.action("live_migration_force_complete", "req-fc", 100,
                Worlds.ok("compute_live_migration_force_complete", 100, 100))).topology(withLibvirt("c0", Map.of(
                "libvirt.live_migration_completion_timeout", "60", "libvirt.live_migration_timeout_action", "force_complete")));
        assertThat(diagnose(forced.build()).codes()).doesNotContain(FindingCode.MIGRATION_TIMED_OUT);
        // a plain completed migration is nothing
        assertThat(diagnose(ended("completed", 130).build()).findings()).isEmpty();
    }

    @Test
    void anOperatorsAbortNamesWhoWhenAndTheRequest() {
        Diagnosis d = diagnose(ended("cancelled", 40, Worlds.action("live_migration_cancel", "req-abort", 35,
                Worlds.ok("compute_live_migration_abort", 35, 35))).build());
        Finding f = only(d, FindingCode.MIGRATION_ABORTED);
        assertThat(f.title().args()).containsExactly("7", "u1");
        assertThat(f.explanation().args()).containsExactly("7", "u1", Worlds.T0.plusSeconds(35).toString(), "req-abort", "p1");
        assertThat(f.remediation().get(0).commands()).anySatisfy(c -> assertThat(c).contains("req-abort"));
        assertThat(d.codes()).doesNotContain(FindingCode.MIGRATION_TIMED_OUT);
    }

    @Test
    void anAbortOfAnEarlierMigrationDoesNotExplainThisOne() {
        Diagnosis d = diagnose(ended("cancelled", 1700, Worlds.action("live_migration_cancel", "req-old", -3600)).build());
        assertThat(d.codes()).containsExactly(FindingCode.MIGRATION_TIMED_OUT);
    }
}
