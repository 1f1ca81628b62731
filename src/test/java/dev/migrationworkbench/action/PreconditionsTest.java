package dev.migrationworkbench.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import org.junit.jupiter.api.Test;

/** Nova's rules for abort and force-complete, by microversion and state. */
class PreconditionsTest {

    @Test
    void abortNeeds224AndRunningUntil265() {
        assertThat(keys(MigrationAction.ABORT, server("active", "migrating"), migration("running"), 23))
                .containsExactly("action.blocker.microversion");
        assertThat(keys(MigrationAction.ABORT, server("active", "migrating"), migration("queued"), 64))
                .containsExactly("action.blocker.status");
        assertThat(keys(MigrationAction.ABORT, server("active", "migrating"), migration("queued"), 65)).isEmpty();
        assertThat(keys(MigrationAction.ABORT, server("active", "migrating"), migration("running (post-copy)"), 93))
                .containsExactly("action.blocker.postCopy");
    }

    @Test
    void forceCompleteNeedsActiveRunningAndWarnsOfDowntime() {
        ActionCheck ok = Preconditions.check(MigrationAction.FORCE_COMPLETE, server("active", "migrating"), migration("running"), 93, true);
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.warnings()).extracting(Blocker::key).contains("action.warning.downtime");
        assertThat(keys(MigrationAction.FORCE_COMPLETE, server("paused", "migrating"), migration("preparing"), 21))
                .containsExactlyInAnyOrder("action.blocker.microversion", "action.blocker.vmState", "action.blocker.status");
    }

    @Test
    void taskStateAndLockAreCheckedForBoth() {
        for (MigrationAction action : MigrationAction.values()) {
            assertThat(keys(action, server("active", null), migration("running"), 93)).contains("action.blocker.taskState");
            Server locked = new Server("s", "n", "MIGRATING", "active", "migrating", 1, "h", "h", null, "f", null, null,
                    null, null, null, true, null, null, null);
            assertThat(Preconditions.check(action, locked, migration("running"), 93, false).blockers())
                    .extracting(Blocker::key).contains("action.blocker.locked");
            assertThat(Preconditions.check(action, locked, migration("running"), 93, true).allowed()).isTrue();
        }
    }

    @Test
    void onlyAnAdministratorMayActAsNovasDefaultPolicySays() {
        for (MigrationAction action : MigrationAction.values()) {
            assertThat(Preconditions.check(action, server("active", "migrating"), migration("running"), 93, false).blockers())
                    .extracting(Blocker::key).containsExactly("action.blocker.notAdmin");
        }
    }

    private static java.util.List<String> keys(MigrationAction action, Server server, Migration migration, int minor) {
        return Preconditions.check(action, server, migration, minor, true).blockers().stream().map(Blocker::key).toList();
    }

    private static Server server(String vmState, String taskState) {
        return new Server("s", "n", "MIGRATING", vmState, taskState, 1, "h", "h", null, "f", null, null, null, null,
                null, false, null, null, null);
    }

    private static Migration migration(String status) {
        return new Migration(7, null, "s", status, "live-migration", "a", null, "b", null, null, 100L, 10L, 90L,
                null, null, null, null, null, null, null);
    }
}
