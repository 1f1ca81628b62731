package dev.migrationworkbench.ui.instances;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import java.util.Locale;

/**
 * One line of the Instances table: the server, its latest migration when it has one, and what the
 * columns derive from them, computed once (10,000 rows filter and sort without recomputing).
 */
public record ServerRow(Server server, Migration migration, String numa, boolean pinned, String searchText) {

    public static ServerRow of(Server server, Migration migration) {
        var specs = server.flavorExtraSpecs();
        boolean pinned = "dedicated".equalsIgnoreCase(specs.get("hw:cpu_policy"));
        String numa = specs.getOrDefault("hw:numa_nodes", "");
        String search = String.join("\u0000", nonNull(server.name()), nonNull(server.id()), nonNull(server.status()),
                nonNull(server.taskState()), nonNull(server.host()), nonNull(server.flavorName()),
                migration == null ? "" : nonNull(migration.status())).toLowerCase(Locale.ROOT);
        return new ServerRow(server, migration, numa, pinned, search);
    }

    public boolean matches(String lowerCaseQuery) {
        return lowerCaseQuery.isEmpty() || searchText.contains(lowerCaseQuery);
    }

    public String migrationStatus() {
        return migration == null ? "" : migration.status();
    }

    public boolean hasRunningMigration() {
        return migration != null && migration.inProgress();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
