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
import dev.migrationworkbench.model.ComputeService;
import org.junit.jupiter.api.Test;

class ComputeServiceDownRuleTest {

    @Test
    void aDownDestinationServiceIsReportedAndNotAlsoAsUnavailableDestination() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(4, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("req-1", 0, Worlds.failed("conductor_live_migrate_instance",
                        "Compute service of c1 is unavailable at this time.")))
                .service(Worlds.service("c0", "up", "enabled"))
                .service(Worlds.service("c1", "down", "enabled"))
                .build());
        Finding f = only(d, FindingCode.COMPUTE_SERVICE_DOWN);
        assertThat(f.subject().id()).isEqualTo("c1");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.value()).isEqualTo("down"));
        assertThat(d.codes()).containsExactly(FindingCode.COMPUTE_SERVICE_DOWN);
    }

    @Test
    void aForcedDownSourceGetsTheUnforceCommand() {
        ComputeService forced = new ComputeService("s", "nova-compute", "c0", "nova", "enabled", "down", true, null, Worlds.T0);
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0")).service(forced).build());
        assertThat(only(d, FindingCode.COMPUTE_SERVICE_DOWN).remediation()).anySatisfy(r -> assertThat(r.commands())
                .contains("openstack --os-compute-api-version 2.11 compute service set --up c0 nova-compute"));
    }

    @Test
    void theMessageAloneIsEnoughWhenTheServiceIsBackUp() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(4, "error", "c0", null, 0))
                .action(Worlds.liveMigration("req-1", 0, Worlds.failed("conductor_live_migrate_instance",
                        "Compute service of c0 is unavailable at this time.")))
                .service(Worlds.service("c0", "up", "enabled"))
                .build());
        assertThat(only(d, FindingCode.COMPUTE_SERVICE_DOWN).subject().id()).isEqualTo("c0");
    }

    @Test
    void upServicesAreFine() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .live(Worlds.migration(4, "running", "c0", "c1", 0))
                .service(Worlds.service("c0", "up", "enabled")).service(Worlds.service("c1", "up", "enabled"))
                .build());
        assertThat(d.codes()).doesNotContain(FindingCode.COMPUTE_SERVICE_DOWN);
    }

    @Test
    void aForbiddenServiceListIsANote() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .call(Worlds.failedCall("GET", "/os-services?binary=nova-compute", 403, "Policy doesn't allow"))
                .build());
        assertThat(d.notes()).anySatisfy(n -> assertThat(n.code()).isEqualTo(FindingCode.COMPUTE_SERVICE_DOWN));
    }
}
