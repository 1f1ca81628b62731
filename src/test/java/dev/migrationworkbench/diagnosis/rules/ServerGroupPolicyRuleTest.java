package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.ServerGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerGroupPolicyRuleTest {

    private static final ServerGroup ANTI = new ServerGroup("g1", "db-ha", "anti-affinity", null, List.of(Worlds.VM, "db-2"));

    @Test
    void novasViolationMessageIsReported() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0")).group(ANTI)
                .migration(Worlds.migration(5, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("compute_check_can_live_migrate_destination",
                        "Migration pre-check error: Failed to validate instance group policy due to: Build of instance x "
                                + "was re-scheduled: Anti-affinity instance group policy was violated.")))
                .build());
        var f = only(d, FindingCode.SERVER_GROUP_POLICY_VIOLATION);
        assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(f.remediation().get(0).commands()).containsExactly("openstack server group show g1");
        assertThat(d.codes()).containsExactly(FindingCode.SERVER_GROUP_POLICY_VIOLATION);
    }

    @Test
    void aMemberOnTheDestinationExplainsAFailureWithoutMessage() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0")).group(ANTI)
                .migration(Worlds.migration(5, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("compute_pre_live_migration", null)))
                .other(Worlds.server("db-2", "db-2", "ACTIVE", "c1", null))
                .build());
        var f = only(d, FindingCode.SERVER_GROUP_POLICY_VIOLATION);
        assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(d.codes()).doesNotContain(FindingCode.MIGRATION_FAILED_OTHER);
    }

    @Test
    void anAffinityGroupExplainsNoValidHost() {
        ServerGroup affinity = new ServerGroup("g2", "web", "affinity", null, List.of(Worlds.VM, "web-2"));
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0")).group(affinity)
                .migration(Worlds.migration(5, "error", "c0", null, 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance",
                        "No valid host was found. There are not enough hosts available.")))
                .other(Worlds.server("web-2", "web-2", "ACTIVE", "c0", null))
                .build());
        only(d, FindingCode.SERVER_GROUP_POLICY_VIOLATION);
        assertThat(only(d, FindingCode.SCHEDULER_NO_VALID_HOST).explainedBy())
                .containsExactly(FindingCode.SERVER_GROUP_POLICY_VIOLATION);
    }

    @Test
    void aMemberElsewhereIsFine() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0")).group(ANTI)
                .live(Worlds.migration(5, "running", "c0", "c1", 0))
                .other(Worlds.server("db-2", "db-2", "ACTIVE", "c2", null)).build());
        assertThat(d.codes()).doesNotContain(FindingCode.SERVER_GROUP_POLICY_VIOLATION);
    }
}
