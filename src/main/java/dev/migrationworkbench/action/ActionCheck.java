package dev.migrationworkbench.action;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import java.util.List;

/**
 * The result of checking Nova's preconditions for an action against fresh state: blockers stop it,
 * warnings are shown before the user confirms.
 */
public record ActionCheck(MigrationAction action, Server server, Migration migration, List<Blocker> blockers,
        List<Blocker> warnings) {

    public ActionCheck {
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
    }

    public boolean allowed() {
        return blockers.isEmpty();
    }
}
