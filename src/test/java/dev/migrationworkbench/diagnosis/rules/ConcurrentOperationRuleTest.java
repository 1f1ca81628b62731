package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Worlds;
import org.junit.jupiter.api.Test;

class ConcurrentOperationRuleTest {

    @Test
    void aTaskStateConflictIsReported() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(8, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("compute_live_migration",
                        "Conflict updating instance " + Worlds.VM + ". Expected: {'task_state': ['migrating']}. "
                                + "Actual: {'task_state': 'rebooting'}")))
                .build());
        assertThat(only(d, FindingCode.CONCURRENT_OPERATION).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(d.codes()).containsExactly(FindingCode.CONCURRENT_OPERATION);
    }

    @Test
    void anOverlappingActionIsReported() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(8, "failed", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.ok("compute_live_migration", 0, 30),
                        Worlds.failed("compute_rollback_live_migration", null)))
                .action(Worlds.action("reboot", "r2", 10, Worlds.ok("compute_reboot_instance", 10, 20)))
                .build());
        var f = only(d, FindingCode.CONCURRENT_OPERATION);
        assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(f.explanation().args().get(0).toString()).contains("reboot");
    }

    @Test
    void actionsBeforeOrAfterAreNotARace() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(8, "completed", "c0", "c1", 100))
                .action(Worlds.liveMigration("r", 100, Worlds.ok("compute_live_migration", 100, 130)))
                .action(Worlds.action("reboot", "r2", 10, Worlds.ok("compute_reboot_instance", 10, 20)))
                .action(Worlds.action("stop", "r3", 500))
                .build());
        assertThat(d.codes()).doesNotContain(FindingCode.CONCURRENT_OPERATION);
    }
}
