package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.ServerGroup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerNoValidHostRuleTest {

    /** A real Zed conductor traceback of a scheduler refusal at 2.80 (test resources, see ORIGIN.md there). */
    private static String realTraceback() throws Exception {
        try (var in = SchedulerNoValidHostRuleTest.class.getResourceAsStream(
                "/diagnosis/real-nova/live-migration-no-valid-host.traceback")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InstanceAction.Event conductorEvent(String traceback) {
        return new InstanceAction.Event("conductor_migrate_server", Worlds.T0, Worlds.T0.plusSeconds(1), "Error",
                traceback, "vm", null, null);
    }

    @Test
    void theBareTracebackOfASchedulerRefusalBefore284IsNoValidHost() throws Exception {
        ServerGroup anti = new ServerGroup("g1", "lead-aa", "anti-affinity", null, List.of(Worlds.VM, "peer"));
        Diagnosis d = diagnose(evidence().maxMicroversion("2.80").server(Worlds.server("ACTIVE", "compute-a"))
                .group(anti)
                .migration(Worlds.migration(34, "error", "compute-a", null, 0))
                .action(Worlds.liveMigration("req-1", 0, conductorEvent(realTraceback())))
                .service(Worlds.service("compute-a", "up", "enabled"))
                .service(Worlds.service("compute-b", "up", "enabled"))
                .other(Worlds.server("peer", "peer", "ACTIVE", "compute-b", null))
                .build());
        only(d, FindingCode.SCHEDULER_NO_VALID_HOST);
        assertThat(d.codes()).doesNotContain(FindingCode.MIGRATION_FAILED_OTHER);
    }

    @Test
    void aTracebackEndingElsewhereIsNotReadAsTheSchedulersAnswer() throws Exception {
        // the same call path, but the conductor wrapped a messaging failure itself: its own raise ends the trace
        String wrapped = realTraceback().replaceFirst("\\s*raise result\\s*$",
                "\n    raise exception.MigrationSchedulerRPCError(reason=str(ex))\n");
        assertThat(NovaError.in(wrapped)).doesNotContain(NovaError.SCHEDULER_REFUSAL_TRACE);
        String timeout = realTraceback().replaceFirst("\\s*raise result\\s*$",
                "\n    raise oslo_messaging.MessagingTimeout(\n");
        assertThat(NovaError.in(timeout)).isEmpty();
    }
}
