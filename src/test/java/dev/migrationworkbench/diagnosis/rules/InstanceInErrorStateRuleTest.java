package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.Server;
import org.junit.jupiter.api.Test;

class InstanceInErrorStateRuleTest {

    @Test
    void anInstanceInErrorIsCriticalWithItsFault() {
        Server.Fault fault = new Server.Fault(500, "Unexpected error while running command.", null, Worlds.T0.minusSeconds(3600));
        Diagnosis d = diagnose(evidence().server(Worlds.server(Worlds.VM, "web-1", "ERROR", "c0", fault)).build());
        Finding f = only(d, FindingCode.INSTANCE_IN_ERROR_STATE);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.explanation().args()).contains("Unexpected error while running command.");
        assertThat(f.remediation()).anySatisfy(r -> assertThat(r.commands())
                .contains("openstack server set --state active " + Worlds.VM));
    }

    @Test
    void aMigrationRefusedBecauseOfTheErrorStateIsReported() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(3, "error", "c0", null, 0))
                .action(Worlds.liveMigration("req-1", 0, Worlds.failed("conductor_live_migrate_instance",
                        "Instance " + Worlds.VM + " in vm_state error. Cannot live migrate while the instance is in this state.")))
                .build());
        assertThat(only(d, FindingCode.INSTANCE_IN_ERROR_STATE).severity()).isEqualTo(Severity.HIGH);
        assertThat(d.codes()).doesNotContain(FindingCode.MIGRATION_FAILED_OTHER);
    }

    @Test
    void anErrorCausedByAnExplainedMigrationFailureNamesItsCause() {
        Server.Fault fault = new Server.Fault(500, "Anti-affinity instance group policy was violated", null,
                Worlds.T0.plusSeconds(5));
        Diagnosis d = diagnose(evidence().server(Worlds.server(Worlds.VM, "web-1", "ERROR", "c0", fault))
                .migration(Worlds.migration(3, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("req-1", 0, Worlds.failed("compute_check_can_live_migrate_destination",
                        "Anti-affinity instance group policy was violated")))
                .build());
        Finding error = only(d, FindingCode.INSTANCE_IN_ERROR_STATE);
        assertThat(error.explainedBy()).containsExactly(FindingCode.SERVER_GROUP_POLICY_VIOLATION);
        assertThat(error.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(d.codes()).containsExactly(FindingCode.INSTANCE_IN_ERROR_STATE, FindingCode.SERVER_GROUP_POLICY_VIOLATION);
    }
}
