package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict;
import dev.migrationworkbench.diagnosis.convergence.PreCopySeries;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MIGRATION_NOT_CONVERGING and MIGRATION_SLOW_CONVERGING on evidence carrying pre-copy sample series. */
class ConvergenceRulesTest {

    private static Evidence running(List<ProgressSample> samples, HostTopology sourceHost) {
        ProgressSample last = samples.get(samples.size() - 1);
        Migration m = new Migration(21, "u21", Worlds.VM, "running", "live-migration", "c0", "c0", "c1", null, "c1",
                last.memoryTotalBytes(), last.memoryProcessedBytes(), last.memoryRemainingBytes(), 0L, 0L, 0L, "u", "p",
                PreCopySeries.START, last.at());
        var b = Worlds.evidence().server(Worlds.server("MIGRATING", "c0")).live(m).samples(samples);
        if (sourceHost != null) {
            b.topology(sourceHost);
        }
        return b.build();
    }

    @Test
    void aStuckMigrationGetsAbortFirstWithTheRealIds() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 150e6;
        world.workingSet = 2 * PreCopySeries.GIB;
        Diagnosis d = diagnose(running(world.run(300), null));
        var f = only(d, FindingCode.MIGRATION_NOT_CONVERGING);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.remediation().get(0).commands()).containsExactly(
                "openstack server migration list --server " + Worlds.VM,
                "openstack --os-compute-api-version 2.24 server migration abort " + Worlds.VM + " 21");
        assertThat(f.remediation().get(1).commands()).contains(
                "openstack --os-compute-api-version 2.22 server migration force complete " + Worlds.VM + " 21");
        assertThat(d.convergence().verdict()).isEqualTo(Verdict.NOT_CONVERGING);
        assertThat(d.codes()).containsExactly(FindingCode.MIGRATION_NOT_CONVERGING);
    }

    @Test
    void withPostCopyPermittedForceCompleteComesFirst() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 150e6;
        world.workingSet = 2 * PreCopySeries.GIB;
        HostTopology c0 = new HostTopology("c0", Worlds.T0, "17.1", "23", "cpu", List.of(), List.of(), List.of(),
                Map.of("libvirt/live_migration_permit_post_copy", "true"), List.of());
        var f = only(diagnose(running(world.run(300), c0)), FindingCode.MIGRATION_NOT_CONVERGING);
        assertThat(f.remediation().get(0).text().key()).isEqualTo("diagnosis.convergence.fix.forcePostCopy");
    }

    @Test
    void aSlowMigrationIsMediumWithItsEta() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 200e6;
        world.workingSet = 35_000_000;
        Diagnosis d = diagnose(running(world.run(150), null));
        var f = only(d, FindingCode.MIGRATION_SLOW_CONVERGING);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.explanation().args().get(3)).isEqualTo(320);
        assertThat(d.codes()).doesNotContain(FindingCode.MIGRATION_NOT_CONVERGING);
    }

    @Test
    void oneReadingIsNotEnoughAndSaysSo() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 150e6;
        world.workingSet = 2 * PreCopySeries.GIB;
        List<ProgressSample> samples = world.run(300);
        Evidence one = running(samples, null);
        Diagnosis d = diagnose(new Evidence(one.serverQuery(), one.collectedAt(), one.cloud(), one.server(), List.of(),
                one.liveMigrations(), one.migrations(), List.of(), List.of(), List.of(), null, null, Map.of(), List.of(),
                List.of(), List.of()));
        assertThat(d.findings()).isEmpty();
        assertThat(d.notes()).anySatisfy(n -> assertThat(n.text().key()).isEqualTo("diagnosis.convergence.notChecked"));
    }

    @Test
    void novasClockStartsWhenPreLiveMigrationHasFinishedNotAtCreation() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 150e6;
        world.workingSet = 2 * PreCopySeries.GIB;
        List<ProgressSample> samples = world.run(300);
        ProgressSample last = samples.get(samples.size() - 1);
        // created 100 s before the copy started: scheduling and pre_live_migration took that long
        Migration m = new Migration(21, "u21", Worlds.VM, "running", "live-migration", "c0", "c0", "c1", null, "c1",
                last.memoryTotalBytes(), last.memoryProcessedBytes(), last.memoryRemainingBytes(), 0L, 0L, 0L, "u", "p",
                PreCopySeries.START.minusSeconds(100), last.at());
        InstanceAction action = new InstanceAction("live-migration", "req-1", Worlds.VM, null, "p", "u",
                PreCopySeries.START.minusSeconds(100), PreCopySeries.START, List.of(new InstanceAction.Event(
                        "compute_pre_live_migration", PreCopySeries.START.minusSeconds(5), PreCopySeries.START,
                        "Success", null, "c1", null, null)));
        Diagnosis d = diagnose(Worlds.evidence().server(Worlds.server("MIGRATING", "c0")).live(m).action(action)
                .samples(samples).build());
        assertThat(d.convergence().elapsedSeconds()).isCloseTo(300, org.assertj.core.api.Assertions.within(6.0));
        assertThat(d.convergence().timeoutAt()).isEqualTo(PreCopySeries.START.plusSeconds(3200));
        // without the event, created_at is all there is
        Diagnosis fallback = diagnose(Worlds.evidence().server(Worlds.server("MIGRATING", "c0")).live(m).samples(samples).build());
        assertThat(fallback.convergence().elapsedSeconds()).isCloseTo(400, org.assertj.core.api.Assertions.within(6.0));
    }

    @Test
    void aQueuedMigrationIsAbortedWithMicroversion265() {
        assertThat(Commands.abort("vm", "3", "queued")).startsWith("openstack --os-compute-api-version 2.65 ");
        assertThat(Commands.abort("vm", "3", "preparing")).startsWith("openstack --os-compute-api-version 2.65 ");
        assertThat(Commands.abort("vm", "3", "running")).startsWith("openstack --os-compute-api-version 2.24 ");
    }
}
