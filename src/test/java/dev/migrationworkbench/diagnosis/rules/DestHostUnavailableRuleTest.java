package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Worlds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestHostUnavailableRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Compute host c1 could not be found.",
        "Unable to migrate instance (x) to current host (c0).",
        "Migration pre-check error: CPU doesn't have compatibility.\n\n0\n\nRefer to http://libvirt.org",
        "The instance requires a newer hypervisor version than has been provided.",
        "Migration pre-check error: Timeout while checking if we can live migrate to host: c1",
        "Connection to the hypervisor is broken on host",
        "Migration pre-check error: Something new that Nova says"})
    void destinationPreCheckFailuresAreReported(String message) {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(2, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance", message)))
                .service(Worlds.service("c1", "up", "enabled"))
                .build());
        assertThat(only(d, FindingCode.DEST_HOST_UNAVAILABLE).explanation().args()).contains(message);
        assertThat(d.codes()).containsExactly(FindingCode.DEST_HOST_UNAVAILABLE);
    }

    @Test
    void aDisabledDestinationExplainsTheSchedulersRefusal() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(2, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance",
                        "No valid host was found. ")))
                .service(Worlds.service("c1", "up", "disabled"))
                .build());
        assertThat(only(d, FindingCode.DEST_HOST_UNAVAILABLE).remediation()).anySatisfy(r -> assertThat(r.commands())
                .contains("openstack compute service set --enable c1 nova-compute"));
        var noHost = only(d, FindingCode.SCHEDULER_NO_VALID_HOST);
        assertThat(noHost.explainedBy()).containsExactly(FindingCode.DEST_HOST_UNAVAILABLE);
        assertThat(noHost.severity().isHigh()).isFalse();
    }

    @Test
    void aDisabledDestinationOfARunningMigrationIsNotAProblem() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .live(Worlds.migration(2, "running", "c0", "c1", 0))
                .service(Worlds.service("c1", "up", "disabled")).build());
        assertThat(d.codes()).doesNotContain(FindingCode.DEST_HOST_UNAVAILABLE);
    }
}
