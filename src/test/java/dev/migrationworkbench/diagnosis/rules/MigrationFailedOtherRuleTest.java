package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Worlds;
import org.junit.jupiter.api.Test;

class MigrationFailedOtherRuleTest {

    @Test
    void anUnknownErrorIsQuotedVerbatim() {
        String raw = "Live Migration failure: operation failed: domain is not running";
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(9, "failed", "c0", "c1", 0))
                .action(Worlds.liveMigration("req-9", 0, Worlds.failed("compute_live_migration", raw)))
                .build());
        var f = only(d, FindingCode.MIGRATION_FAILED_OTHER);
        assertThat(f.explanation().args()).contains(raw);
        assertThat(f.remediation().get(0).commands())
                .contains("openstack --os-compute-api-version 2.84 server event show " + Worlds.VM + " req-9");
    }

    @Test
    void anOldCloudWithoutDetailsSaysWhatIsMissing() {
        Diagnosis d = diagnose(evidence().maxMicroversion("2.60").server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(9, "error", "c0", "c1", 0)).build());
        assertThat(only(d, FindingCode.MIGRATION_FAILED_OTHER).explanation().key())
                .isEqualTo("diagnosis.failedOther.noMessage.explanation");
        assertThat(d.notes()).extracting(n -> n.text().key())
                .contains("diagnosis.failedOther.noDetails", "diagnosis.failedOther.noAction");
    }

    @Test
    void anExplainedOrSuccessfulMigrationIsNotOther() {
        Diagnosis ok = diagnose(evidence().server(Worlds.server("ACTIVE", "c1"))
                .migration(Worlds.migration(9, "completed", "c0", "c1", 0)).build());
        assertThat(ok.findings()).isEmpty();
    }
}
