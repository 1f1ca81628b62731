package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.HostTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixedReleasesRuleTest {

    static HostTopology host(String name, String release, String nova) {
        return new HostTopology(name, Worlds.T0, release, nova, "cpu", List.of(), List.of(), List.of(), null, List.of());
    }

    @Test
    void differentReleasesOfTheHostsOfAFailedMigrationAreHigh() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(1, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("compute_pre_live_migration", "Some libvirt error")))
                .topology(host("c0", "17.1", "23.2.3")).topology(host("c1", "16.2", "20.6.1"))
                .build());
        var f = only(d, FindingCode.MIXED_RELEASES);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.remediation().get(0).text().args()).containsExactly("c1");
        assertThat(d.codes()).doesNotContain(FindingCode.MIGRATION_FAILED_OTHER);
    }

    @Test
    void novasOldComputeMessageIsEnoughWithoutAgents() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(1, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance",
                        "Migration pre-check error: Instance has an associated NUMA topology, cell contains compute nodes older than train")))
                .build());
        assertThat(only(d, FindingCode.MIXED_RELEASES).severity()).isEqualTo(Severity.HIGH);
        assertThat(d.codes()).doesNotContain(FindingCode.DEST_HOST_UNAVAILABLE);
    }

    @Test
    void theNumaWorkaroundIsNamedAsTheConductorsOption() {
        String refusal = "Migration pre-check error: Instance has an associated NUMA topology, cell contains compute nodes "
                + "older than train, but the enable_numa_live_migration workaround is disabled. Refusing to perform the "
                + "live migration";
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(1, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance", refusal)))
                .build());
        assertThat(only(d, FindingCode.MIXED_RELEASES).remediation())
                .anySatisfy(r -> assertThat(r.text().key()).isEqualTo("diagnosis.mixedReleases.fix.numaWorkaround"));
        // set on the computes, where Nova never reads it
        HostTopology c0 = new HostTopology("c0", Worlds.T0, "17.1", "23.2.3", "cpu", List.of(), List.of(), List.of(),
                Map.of("workarounds.enable_numa_live_migration", "True"), List.of());
        Diagnosis onComputes = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(1, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance", refusal)))
                .topology(c0).build());
        assertThat(only(onComputes, FindingCode.MIXED_RELEASES).remediation()).anySatisfy(r -> {
            assertThat(r.text().key()).isEqualTo("diagnosis.mixedReleases.fix.numaWorkaroundOnComputes");
            assertThat(r.text().args()).containsExactly("c0");
        });
    }

    @Test
    void sameReleasesAreFineAndMissingAgentsAreANote() {
        Diagnosis same = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .live(Worlds.migration(1, "running", "c0", "c1", 0))
                .topology(host("c0", "17.1", "23.2.3")).topology(host("c1", "17.1", "23.2.3")).build());
        assertThat(same.codes()).doesNotContain(FindingCode.MIXED_RELEASES);
        Diagnosis unprobed = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .live(Worlds.migration(1, "running", "c0", "c1", 0)).build());
        assertThat(unprobed.notes()).anySatisfy(n -> assertThat(n.code()).isEqualTo(FindingCode.MIXED_RELEASES));
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(MixedReleasesRule.compareVersions("16.2 / nova 20.6.1", "17.1 / nova 23.2.3")).isNegative();
        assertThat(MixedReleasesRule.compareVersions("17.10", "17.9")).isPositive();
    }
}
