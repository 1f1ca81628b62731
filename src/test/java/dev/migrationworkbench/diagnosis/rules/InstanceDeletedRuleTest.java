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

class InstanceDeletedRuleTest {

    @Test
    void aDeleteInsideTheMigrationWindowIsReported() {
        Diagnosis d = diagnose(evidence()
                .migration(Worlds.migration(7, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("req-lm", 0, Worlds.failed("compute_live_migration",
                        "Instance " + Worlds.VM + " could not be found.")))
                .action(Worlds.action("delete", "req-del", 12))
                .call(Worlds.failedCall("GET", "/servers/" + Worlds.VM, 404, "Instance could not be found."))
                .build());
        var f = only(d, FindingCode.INSTANCE_DELETED_DURING_MIGRATION);
        assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(d.codes()).doesNotContain(FindingCode.INSTANCE_NOT_FOUND, FindingCode.MIGRATION_FAILED_OTHER);
    }

    @Test
    void aServerGoneWhileItsMigrationRunsIsReported() {
        Diagnosis d = diagnose(evidence().live(Worlds.migration(7, "running", "c0", "c1", 0)).build());
        assertThat(only(d, FindingCode.INSTANCE_DELETED_DURING_MIGRATION).confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void aDeleteAfterACompletedMigrationIsNot() {
        Diagnosis d = diagnose(evidence()
                .migration(Worlds.migration(7, "completed", "c0", "c1", 0))
                .action(Worlds.liveMigration("req-lm", 0))
                .action(Worlds.action("delete", "req-del", 3600))
                .build());
        assertThat(d.codes()).doesNotContain(FindingCode.INSTANCE_DELETED_DURING_MIGRATION);
    }

    @Test
    void aFailedLookupOfARunningMigrationsServerIsNotADeletedServer() {
        for (int status : new int[] {500, 503, 502, 429}) {
            Diagnosis d = diagnose(evidence().query(Worlds.VM)
                    .live(Worlds.migration(7, "running", "c0", "c1", 0))
                    .migration(Worlds.migration(7, "running", "c0", "c1", 0))
                    .call(Worlds.failedCall("GET", "/servers/" + Worlds.VM, status, "The server has either erred or is "
                            + "incapable of performing the requested operation."))
                    .build());
            assertThat(d.codes()).as("HTTP " + status)
                    .doesNotContain(FindingCode.INSTANCE_DELETED_DURING_MIGRATION, FindingCode.INSTANCE_NOT_FOUND);
            assertThat(d.notes()).anySatisfy(n -> assertThat(n.code()).isEqualTo(FindingCode.INSTANCE_DELETED_DURING_MIGRATION));
        }
    }

    @Test
    void aTimedOutLookupIsNotADeletedServerEither() {
        Diagnosis d = diagnose(evidence().query(Worlds.VM)
                .live(Worlds.migration(7, "running", "c0", "c1", 0))
                .call(new dev.migrationworkbench.model.ApiCall("servers.show", "GET", "/servers/" + Worlds.VM, "2.71",
                        null, 60000, null, "TIMEOUT", "no answer within 60000 ms"))
                .build());
        assertThat(d.codes()).doesNotContain(FindingCode.INSTANCE_DELETED_DURING_MIGRATION);
    }

    @Test
    void aServerNovaSaysIsGoneWhileItsMigrationRunsIsReportedWithThe404() {
        Diagnosis d = diagnose(evidence().query(Worlds.VM)
                .live(Worlds.migration(7, "running", "c0", "c1", 0))
                .call(Worlds.failedCall("GET", "/servers/" + Worlds.VM, 404, "Instance could not be found."))
                .build());
        var f = only(d, FindingCode.INSTANCE_DELETED_DURING_MIGRATION);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.field()).isEqualTo("HTTP 404"));
    }
}
