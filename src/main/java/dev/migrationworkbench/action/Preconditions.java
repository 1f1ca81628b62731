package dev.migrationworkbench.action;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Nova's own preconditions for abort and force-complete (nova/api/openstack/compute/
 * server_migrations.py and compute/api.py), checked before anything is sent so the user learns
 * why an action is refused in advance instead of from a 400/409.
 */
final class Preconditions {

    static final int ABORT_MIN = 24;
    static final int FORCE_COMPLETE_MIN = 22;
    /** From 2.65 a queued or preparing migration can be aborted too. */
    static final int ABORT_QUEUED_MIN = 65;

    private Preconditions() {
    }

    static ActionCheck check(MigrationAction action, Server server, Migration migration, int maxMinor, boolean admin) {
        List<Blocker> blockers = new ArrayList<>();
        List<Blocker> warnings = new ArrayList<>();
        String status = migration.status();
        if (!"migrating".equals(server.taskState())) {
            blockers.add(Blocker.of("action.blocker.taskState", server.taskState()));
        }
        if (!admin) {
            // Nova's default policy: os_compute_api:servers:migrations:delete and :force_complete are
            // base.ADMIN (nova/policies/servers_migrations.py); a non-admin request gets 403
            blockers.add(Blocker.of("action.blocker.notAdmin"));
            if (Boolean.TRUE.equals(server.locked())) {
                blockers.add(Blocker.of("action.blocker.locked"));
            }
        }
        switch (action) {
            case ABORT -> {
                if (maxMinor < ABORT_MIN) {
                    blockers.add(Blocker.of("action.blocker.microversion", "2." + ABORT_MIN, "2." + maxMinor));
                }
                Set<String> abortable = maxMinor >= ABORT_QUEUED_MIN ? Set.of("running", "queued", "preparing") : Set.of("running");
                if ("running (post-copy)".equals(status)) {
                    blockers.add(Blocker.of("action.blocker.postCopy"));
                } else if (!abortable.contains(status)) {
                    blockers.add(Blocker.of("action.blocker.status", status, String.join(", ", abortable)));
                }
            }
            case FORCE_COMPLETE -> {
                if (maxMinor < FORCE_COMPLETE_MIN) {
                    blockers.add(Blocker.of("action.blocker.microversion", "2." + FORCE_COMPLETE_MIN, "2." + maxMinor));
                }
                if (!"active".equals(server.vmState())) {
                    blockers.add(Blocker.of("action.blocker.vmState", server.vmState()));
                }
                if ("running (post-copy)".equals(status)) {
                    blockers.add(Blocker.of("action.blocker.alreadyPostCopy"));
                } else if (!"running".equals(status)) {
                    blockers.add(Blocker.of("action.blocker.status", status, "running"));
                }
                warnings.add(Blocker.of("action.warning.downtime"));
            }
            default -> throw new IllegalArgumentException(action.name());
        }
        if (migration.memoryRemainingBytes() == null) {
            warnings.add(Blocker.of("action.warning.noProgress"));
        }
        return new ActionCheck(action, server, migration, blockers, warnings);
    }
}
